// Loads a seed programme (the Settat demo, or generated ones for the benchmark) into the database.
// Loading is idempotent: a collectivity that already has a programme is left as it is.
import type { Db } from '../../../platform/db/database.ts';
import { now } from '../../../platform/db/database.ts';
import type { L10n, SeedProgramme } from './types.ts';

const cols = (prefix: string, text: L10n | undefined | null) => ({
  [`${prefix}_ar`]: text?.ar ?? null,
  [`${prefix}_fr`]: text?.fr || null,
  [`${prefix}_en`]: text?.en || null,
});

export async function ensureCollectivities(db: Db, seed: Pick<SeedProgramme, 'collectivities'>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const c of seed.collectivities) {
    const existing = await db.selectFrom('collectivity').select('id').where('slug', '=', c.slug).executeTakeFirst();
    if (existing) {
      ids.set(c.slug, existing.id);
      continue;
    }
    const row = await db
      .insertInto('collectivity')
      .values({
        slug: c.slug,
        name_ar: c.name.ar,
        name_fr: c.name.fr,
        name_en: c.name.en,
        kind: c.kind,
        parent_id: c.parent ? (ids.get(c.parent) ?? null) : null,
        created_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(c.slug, row.id);
  }
  return ids;
}

/** Returns the programme id, and whether it was created now. */
export async function loadSeedProgramme(db: Db, seed: SeedProgramme): Promise<{ programmeId: number; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const ids = await ensureCollectivities(trx, seed);
    const collectivityId = ids.get(seed.collectivity)!;
    const existing = await trx.selectFrom('programme').select('id').where('collectivity_id', '=', collectivityId).executeTakeFirst();
    if (existing) return { programmeId: existing.id, created: false };

    const partnerIds = new Map<string, number>();
    for (const p of seed.partners) {
      const row = await trx
        .insertInto('partner')
        .values({ collectivity_id: collectivityId, name_ar: p.name.ar, name_fr: p.name.fr, name_en: p.name.en, kind: p.kind })
        .returning('id')
        .executeTakeFirstOrThrow();
      partnerIds.set(p.key, row.id);
    }
    const partner = (key: string) => {
      const id = partnerIds.get(key);
      if (id === undefined) throw new Error(`seed: unknown partner ${key}`);
      return id;
    };

    const pr = seed.programme;
    const programme = await trx
      .insertInto('programme')
      .values({
        collectivity_id: collectivityId,
        ...(cols('title', pr.title) as { title_ar: string }),
        start_year: pr.startYear,
        end_year: pr.endYear,
        status: pr.status,
        ...cols('adoption_session', pr.adoption.session),
        adoption_date: pr.adoption.date,
        ...cols('adoption_reference', pr.adoption.reference),
        created_at: now(),
        is_current: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const scope = { collectivity_id: collectivityId, programme_id: programme.id };

    for (const axis of pr.axes) {
      const a = await trx
        .insertInto('axis')
        .values({ ...scope, number: axis.number, ...(cols('title', axis.title) as { title_ar: string }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const project of axis.projects) {
        const p = await trx
          .insertInto('project')
          .values({
            ...scope,
            axis_id: a.id,
            number: project.number,
            ...(cols('title', project.title) as { title_ar: string }),
            ...cols('objectives', project.objectives),
            ...cols('expected_results', project.expectedResults),
            ...cols('partners_contribution', project.partnersContribution),
            duration_months: project.durationMonths,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (project.partners.length > 0) {
          await trx
            .insertInto('project_partner')
            .values(project.partners.map((k, i) => ({ collectivity_id: collectivityId, project_id: p.id, partner_id: partner(k), position: i })))
            .execute();
        }
        if (project.indicators.length > 0) {
          await trx
            .insertInto('indicator')
            .values(
              project.indicators.map((ind, i) => ({
                ...scope,
                project_id: p.id,
                kind: ind.kind,
                ...(cols('statement', ind.statement) as { statement_ar: string }),
                ...cols('unit', ind.unit),
                baseline: ind.baseline ?? null,
                target: ind.target ?? null,
                position: i,
              })),
            )
            .execute();
        }
        for (const act of project.activities) {
          const row = await trx
            .insertInto('activity')
            .values({
              ...scope,
              project_id: p.id,
              number: act.number,
              ...(cols('title', act.title) as { title_ar: string }),
              cost_kind: act.cost.kind,
              cost_amount_mad: act.cost.kind === 'amount' ? act.cost.amountMad : null,
              ...cols('cost_note', act.cost.kind === 'tbd' ? act.cost.note : null),
              funding_kind: act.funding.kind,
              funding_partner_id: act.funding.kind === 'partner' ? partner(act.funding.partner) : null,
              start_date: act.start,
              end_date: act.end,
              status: act.status ?? 'planned',
              progress: act.progress ?? 0,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          if (act.partners.length > 0) {
            await trx
              .insertInto('activity_partner')
              .values(act.partners.map((k, i) => ({ collectivity_id: collectivityId, activity_id: row.id, partner_id: partner(k), position: i })))
              .execute();
          }
        }
      }
    }
    return { programmeId: programme.id, created: true };
  });
}
