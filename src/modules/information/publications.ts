// Proactive publication (law 31.13, art. 10): the entries staff add (a document or a link, with
// its category and date) and the automatic ones — what Infitah already publishes for the
// collectivity (adopted programmes, yearly evaluation reports, participatory budget results,
// meeting minutes), read through those modules' manifests, never their tables.
import { z } from 'zod';
import { type Actor, type LoggedValue, diff, loggedColumns, recordChange } from '../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../platform/commands.ts';
import { type Db, now } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { TEXT_LONG, choice, isoDate, optionalText } from '../../platform/validation.ts';
import { type CheckedFile, documentTypes, pictureTypes } from '../../platform/uploads.ts';
import { roundsWithResults } from '../budget/manifest.ts';
import { meetingsWithMinutes } from '../dialogue/manifest.ts';
import { publishedReports } from '../evaluation/manifest.ts';
import { adoptedProgrammes, programmeSummaries } from '../programme/manifest.ts';
import { publicationCategories } from './model.ts';
import './tables.ts';

/** Documents staff may upload: PDF, office files, pictures. */
export const publicationTypes: Record<string, string> = { ...documentTypes, ...pictureTypes };
export const MAX_PUBLICATION_BYTES = 10 * 1024 * 1024;

const httpUrl = z
  .string()
  .trim()
  .max(2000, 'errors.tooLong')
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => {
    if (v === null) return true;
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'information.publication.admin.badUrl');

export const publicationForm = z
  .object({
    category: choice(publicationCategories),
    published_on: isoDate(),
    title_ar: optionalText(),
    title_fr: optionalText(),
    title_en: optionalText(),
    description_ar: optionalText(TEXT_LONG),
    description_fr: optionalText(TEXT_LONG),
    description_en: optionalText(TEXT_LONG),
    url: httpUrl,
  })
  .superRefine((v, ctx) => {
    if (!v.title_ar && !v.title_fr) ctx.addIssue({ code: 'custom', path: ['title_ar'], message: 'information.publication.admin.titleRequired' });
  });
export type PublicationInput = z.output<typeof publicationForm>;

export interface Scope {
  actor: Actor;
  collectivityId: number;
}

const plain = ['category', 'published_on', 'url', 'original_name'] as const;
const texts = ['title', 'description'] as const;
const logged = (row: Record<string, unknown>) => loggedColumns(row, plain, texts);
const audit = (trx: Db, scope: Scope, id: number, action: 'create' | 'update' | 'delete', before: Record<string, LoggedValue>, after: Record<string, LoggedValue>) =>
  recordChange(trx, { collectivityId: scope.collectivityId, programmeId: null, entityType: 'information_publication', entityId: id, action, actor: scope.actor, changes: diff(before, after), public: false });

// title_ar is NOT NULL in the table: an entry titled in French only keeps '' there, read as absent
const columns = (input: PublicationInput) => ({ ...input, title_ar: input.title_ar ?? '' });

/**
 * Adds (id null) or edits an entry: a link or a document, not both and not neither. A new file
 * replaces the stored one; giving a link to an entry that had a file drops the file.
 */
export async function savePublication(db: Db, scope: Scope, id: number | null, input: PublicationInput, file: CheckedFile | null): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = id === null ? undefined : await trx.selectFrom('information_publication').select(['id', 'category', 'published_on', 'url', 'original_name', 'title_ar', 'title_fr', 'title_en', 'description_ar', 'description_fr', 'description_en']).where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
    // deleted meanwhile: the route's 404
    if (id !== null && !before) throw notFound('publication_not_found');
    const keepsFile = before?.original_name !== null && before?.original_name !== undefined && !file && !input.url;
    if ((input.url && file) || (!input.url && !file && !keepsFile)) rollbackWith({ url: { key: 'information.publication.admin.linkOrFile' } });
    const fileColumns = file
      ? { sha256: file.sha256, size: file.size, mime: file.mime, original_name: file.name, content: file.content }
      : input.url
        ? { sha256: null, size: null, mime: null, original_name: null, content: null }
        : {};
    const at = now();
    const values = { ...columns(input), ...fileColumns };
    if (before) {
      await trx.updateTable('information_publication').set({ ...values, updated_at: at }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', before.id).execute();
      await audit(trx, scope, before.id, 'update', logged(before), logged({ ...before, ...values }));
      return before.id;
    }
    const row = await trx.insertInto('information_publication').values({ ...values, collectivity_id: scope.collectivityId, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, scope, row.id, 'create', {}, logged(values));
    return row.id;
  });
}

export async function deletePublication(db: Db, scope: Scope, id: number): Promise<boolean> {
  const result = await tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await trx.selectFrom('information_publication').select(['id', 'category', 'published_on', 'url', 'original_name', 'title_ar', 'title_fr', 'title_en', 'description_ar', 'description_fr', 'description_en']).where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('information_publication').where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, id, 'delete', logged(before), {});
    return true;
  });
  return result.ok && result.value;
}

/** The entries staff added, without their bytes, newest first. */
export async function listPublications(db: Db, collectivityId: number) {
  return db
    .selectFrom('information_publication')
    .select(['id', 'category', 'published_on', 'url', 'original_name', 'mime', 'size', 'is_example', 'title_ar', 'title_fr', 'title_en', 'description_ar', 'description_fr', 'description_en'])
    .where('collectivity_id', '=', collectivityId)
    .orderBy('published_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
export type PublicationRow = Awaited<ReturnType<typeof listPublications>>[number];

export async function findPublication(db: Db, collectivityId: number, id: number) {
  return (await listPublications(db, collectivityId)).find((p) => p.id === id);
}

export async function publicationFile(db: Db, collectivityId: number, id: number) {
  const row = await db.selectFrom('information_publication').select(['mime', 'sha256', 'original_name', 'content']).where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
  return row && row.content && row.mime && row.sha256 && row.original_name ? { mime: row.mime, sha256: row.sha256, original_name: row.original_name, content: row.content } : undefined;
}

/** An entry Infitah publishes by itself: its title is an i18n key with values, or a title. */
export interface AutomaticEntry {
  category: (typeof publicationCategories)[number];
  /** null: not known (a programme adopted without its day written down) */
  date: string | null;
  /** YYYY-MM-DD, for the order */
  sortDate: string;
  titleKey: string;
  values: Record<string, string | number>;
  /** a text in three languages that the title's {title} takes */
  title: { ar: string | null; fr: string | null; en: string | null } | null;
  /** the page, after /{locale} */
  path: string;
  example: boolean;
}

/** an instant's day in Casablanca */
const day = (iso: string) => todayInCasablanca(new Date(iso));

export async function automaticEntries(db: Db, c: { id: number; slug: string }, at = new Date().toISOString()): Promise<AutomaticEntry[]> {
  const base = `/c/${c.slug}`;
  const [programmes, current, rounds, meetings] = await Promise.all([adoptedProgrammes(db, c.id), programmeSummaries(db, [c.id]), roundsWithResults(db, c.id, at), meetingsWithMinutes(db, c.id)]);
  const programmeId = current.get(c.id)?.programmeId;
  const reports = programmeId === undefined ? [] : await publishedReports(db, c.id, 20, programmeId);
  const out: AutomaticEntry[] = [];
  for (const p of programmes) {
    const period = `${p.start_year}-${p.end_year}`;
    out.push({ category: 'programme', date: p.adoption_date, sortDate: p.adoption_date ?? `${p.start_year}-01-01`, titleKey: 'information.publication.programme', values: { period }, title: null, path: Number(p.is_current) === 1 ? `${base}/programme` : `${base}/programmes/${period}`, example: false });
  }
  for (const r of reports) out.push({ category: 'programme', date: day(r.publishedAt), sortDate: day(r.publishedAt), titleKey: 'information.publication.report', values: { year: r.year }, title: null, path: `${base}/reports/${r.year}`, example: false });
  for (const r of rounds) out.push({ category: 'budget', date: day(r.results_at), sortDate: day(r.results_at), titleKey: 'information.publication.budgetResults', values: {}, title: { ar: r.title_ar, fr: r.title_fr, en: r.title_en }, path: `${base}/budgets/${r.id}`, example: Number(r.demo) === 1 });
  for (const m of meetings) out.push({ category: 'minutes', date: day(m.starts_at), sortDate: day(m.starts_at), titleKey: 'information.publication.minutes', values: {}, title: { ar: m.title_ar, fr: m.title_fr, en: m.title_en }, path: `${base}/meetings/${m.id}`, example: Number(m.is_example) === 1 });
  return out;
}
