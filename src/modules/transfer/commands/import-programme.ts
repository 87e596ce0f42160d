// Imports an action plan as a NEW draft programme of the collectivity, beside the current one:
// nothing public changes until staff adopt it (programme/commands/cycle.ts).
// One transaction: the plan is made again inside it from the collectivity's partners of that
// moment, and any problem rolls everything back.
import { recordChange, type Actor } from '../../../platform/audit.ts';
import { type CommandResult, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { translator } from '../../../platform/i18n/i18n.ts';
import { type ImportPlan, type Problem, knownThemes, planImport } from '../plan.ts';
import type { SourceRow } from '../read.ts';
import { type TextLocaleChoice, planLocale } from '../language.ts';

export interface ImportOptions {
  /** create the partners the collectivity does not have yet (proposed in the preview) */
  createPartners: boolean;
  /** the programme's title, in the text's language; by default "برنامج الانفتاح {start}-{end}" in each */
  title?: string | null;
  /** the language the text is written in: its columns receive it (default: from the script) */
  textLocale?: TextLocaleChoice;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  programmeId: number;
  plan: ImportPlan;
}

/** Problems found inside the transaction: thrown to roll it back, returned to the caller. */
class ImportRefused extends Error {
  constructor(readonly problems: Problem[]) {
    super('import refused');
  }
}

export async function importProgramme(
  db: Db,
  actor: Actor | null,
  collectivityId: number,
  rows: SourceRow[],
  options: ImportOptions,
): Promise<{ ok: true; value: ImportResult } | { ok: false; problems: Problem[] }> {
  let result: CommandResult<ImportResult>;
  try {
    result = await tenantTransaction(db, collectivityId, (trx) => write(trx, actor, collectivityId, rows, options));
  } catch (e) {
    if (e instanceof ImportRefused) return { ok: false, problems: e.problems };
    throw e;
  }
  if (!result.ok) return { ok: false, problems: [{ row: null, column: null, key: 'transfer.problems.refused' }] };
  return result;
}

const CHUNK = 200;

async function write(trx: Db, actor: Actor | null, collectivityId: number, rows: SourceRow[], options: ImportOptions): Promise<ImportResult> {
  const known = await trx.selectFrom('partner').select(['id', 'name_ar', 'name_fr', 'name_en', 'kind']).where('collectivity_id', '=', collectivityId).execute();
  const { plan, problems } = planImport(rows, known, await knownThemes(trx));
  const unknown = plan.partners.filter((p) => p.existingId === null);
  if (unknown.length > 0 && !options.createPartners) {
    problems.push({ row: null, column: 'partners', key: 'transfer.problems.unknownPartners', values: { names: unknown.map((p) => p.name).join('، ') } });
  }
  if (problems.length > 0) throw new ImportRefused(problems);
  if (plan.startYear === null || plan.endYear === null) throw new ImportRefused([{ row: null, column: null, key: 'transfer.problems.empty' }]);

  const lang = planLocale(plan, options.textLocale);
  // the text in its language's columns; the Arabic column, required since the first schema, is ''
  // (read as absent everywhere) when the text is not Arabic
  const text = (field: string, value: string | null): Record<string, string | null> => ({ [`${field}_${lang}`]: value });
  const required = (field: string, value: string) => ({ [`${field}_ar`]: '', ...text(field, value) });

  const partnerIds = new Map<string, number>();
  for (const p of plan.partners) {
    if (p.existingId !== null) {
      partnerIds.set(p.key, p.existingId);
      continue;
    }
    const row = await trx.insertInto('partner').values({ collectivity_id: collectivityId, ...(required('name', p.name) as { name_ar: string }), kind: 'other' }).returning('id').executeTakeFirstOrThrow();
    partnerIds.set(p.key, row.id);
    await recordChange(trx, { collectivityId, programmeId: null, entityType: 'partner', entityId: row.id, action: 'create', actor, changes: [{ field: 'name', before: null, after: { [lang]: p.name } }], public: false });
  }

  const period = { start: plan.startYear, end: plan.endYear };
  const title = (l: 'ar' | 'fr' | 'en') => translator(l)('transfer.defaultTitle', period);
  const programme = await trx
    .insertInto('programme')
    .values({
      collectivity_id: collectivityId,
      ...(options.title?.trim()
        ? (required('title', options.title.trim()) as { title_ar: string })
        : { title_ar: title('ar'), title_fr: title('fr'), title_en: title('en') }),
      start_year: plan.startYear,
      end_year: plan.endYear,
      status: 'draft',
      created_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const programmeId = programme.id;
  const base = { collectivity_id: collectivityId, programme_id: programmeId };

  const total = plan.counts.activities;
  let done = 0;
  for (const axis of plan.axes) {
    const a = await trx.insertInto('axis').values({ ...base, number: axis.number, theme_id: axis.themeId, ...(required('title', axis.title) as { title_ar: string }) }).returning('id').executeTakeFirstOrThrow();
    for (const project of axis.projects) {
      const p = await trx
        .insertInto('project')
        .values({ ...base, axis_id: a.id, number: project.number, ...(required('title', project.title) as { title_ar: string }), duration_months: project.durationMonths })
        .returning('id')
        .executeTakeFirstOrThrow();
      const links: { collectivity_id: number; activity_id: number; partner_id: number; position: number }[] = [];
      for (const x of project.activities) {
        // one insert per activity: its id is known for sure (multi-row RETURNING order is not promised)
        const row = await trx
          .insertInto('activity')
          .values({
            ...base,
            project_id: p.id,
            number: x.number,
            ...(required('title', x.title) as { title_ar: string }),
            cost_kind: x.cost.kind,
            cost_amount_mad: x.cost.kind === 'amount' ? x.cost.amountMad : null,
            ...text('cost_note', x.cost.kind === 'tbd' ? x.cost.note : null),
            funding_kind: x.funding.kind,
            funding_partner_id: x.funding.kind === 'partner' ? partnerIds.get(x.funding.partner)! : null,
            start_date: x.start,
            end_date: x.end,
            status: 'planned',
            progress: 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        x.partners.forEach((key, position) => links.push({ collectivity_id: collectivityId, activity_id: row.id, partner_id: partnerIds.get(key)!, position }));
        options.onProgress?.(++done, total);
      }
      for (let i = 0; i < links.length; i += CHUNK) await trx.insertInto('activity_partner').values(links.slice(i, i + CHUNK)).execute();
    }
  }
  await recordChange(trx, {
    collectivityId,
    programmeId,
    entityType: 'programme',
    entityId: programmeId,
    action: 'create',
    actor,
    changes: [
      { field: 'imported', before: null, after: `${plan.counts.axes}/${plan.counts.projects}/${plan.counts.activities}` },
      { field: 'start_year', before: null, after: plan.startYear },
      { field: 'end_year', before: null, after: plan.endYear },
      { field: 'status', before: null, after: 'draft' },
      { field: 'text_locale', before: null, after: lang },
    ],
    public: false,
  });
  return { programmeId, plan };
}

