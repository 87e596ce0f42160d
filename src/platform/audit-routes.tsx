// The audit log in the back office: the change log (audit.ts) of staff actions — who (account and
// role), what (record and field-by-field change), when, public or not — newest first, 50 a page,
// filtered by actor, kind of record and dates, and exported as CSV.
// GET /admin/c/{slug}/audit[.csv]: one collectivity (network admin, its focal point).
// GET /admin/audit[.csv]: a network administrator's view across collectivities; a focal point's
// there covers the collectivities they run.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Change, LoggedValue } from './audit.ts';
import { collectivitiesAllowed, staffOf } from './auth/permissions.ts';
import type { Db } from './db/database.ts';
import { casablancaToIso, formatDateTime } from './i18n/format.ts';
import { type Locale, translator } from './i18n/i18n.ts';
import { spreadsheetSafe } from './spreadsheet-safe.ts';
import { pick } from './tenancy.ts';
import { AuditPage, type AuditEntryView } from './audit-views.tsx';

export const AUDIT_PAGE = 50;
/** Rows read at a time while an export streams: memory stays flat on a long log. */
const EXPORT_BATCH = 500;

/** 'all', or the collectivities whose entries may be read. */
type Scope = 'all' | number[];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)));
/** Filters come from links and a GET form: a value that does not parse is ignored, not a 400. */
const filtersSchema = z.object({
  actor: z.union([z.literal('system'), z.coerce.number().int().positive()]).optional().catch(undefined),
  kind: z.string().regex(/^[a-z_]{1,60}$/).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditFilters = z.infer<typeof filtersSchema>;

/** The day after a date (YYYY-MM-DD), for a range that includes its last day. */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function scoped(db: Db, scope: Scope, filters: AuditFilters) {
  return db
    .selectFrom('change_log as l')
    .$if(scope !== 'all', (q) => q.where('l.collectivity_id', 'in', (scope as number[]).length > 0 ? (scope as number[]) : [-1]))
    .$if(filters.actor === 'system', (q) => q.where('l.actor_user_id', 'is', null))
    .$if(typeof filters.actor === 'number', (q) => q.where('l.actor_user_id', '=', filters.actor as number))
    .$if(filters.kind !== undefined, (q) => q.where('l.entity_type', '=', filters.kind!))
    // dates are days in Casablanca, as the page shows times
    .$if(filters.from !== undefined, (q) => q.where('l.at', '>=', casablancaToIso(filters.from!)))
    .$if(filters.to !== undefined, (q) => q.where('l.at', '<', casablancaToIso(nextDay(filters.to!))));
}

/** One page of entries, newest first (keyset on time then id, after the entry `before`). */
export async function auditEntries(db: Db, scope: Scope, filters: AuditFilters, limit = AUDIT_PAGE) {
  const base = scoped(db, scope, filters);
  const cursor = filters.before === undefined ? null : await base.select(['l.at', 'l.id']).where('l.id', '=', filters.before).executeTakeFirst();
  if (cursor === undefined) return { rows: [], next: null };
  const rows = await base
    .leftJoin('app_user as u', 'u.id', 'l.actor_user_id')
    .leftJoin('collectivity as c', 'c.id', 'l.collectivity_id')
    .select([
      'l.id', 'l.at', 'l.entity_type', 'l.entity_id', 'l.action', 'l.actor_user_id', 'l.actor_role', 'l.changes', 'l.public', 'l.reason',
      'u.email', 'u.display_name', 'u.deleted_at', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en',
    ])
    .$if(cursor !== null, (q) => q.where((eb) => eb(eb.refTuple('l.at', 'l.id'), '<', eb.tuple(cursor!.at, cursor!.id))))
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? page[page.length - 1].id : null };
}

/** What the filters offer: the accounts and kinds of record found in the scope's log. */
async function filterChoices(db: Db, scope: Scope) {
  const none: AuditFilters = {};
  const actors = await scoped(db, scope, none)
    .innerJoin('app_user as u', 'u.id', 'l.actor_user_id')
    .select(['u.id', 'u.email', 'u.display_name'])
    .distinct()
    .orderBy('u.email')
    .execute();
  const kinds = await scoped(db, scope, none).select('l.entity_type').distinct().orderBy('l.entity_type').execute();
  return { actors: actors.map((a) => ({ id: a.id, label: `${a.display_name || '—'} <${a.email}>` })), kinds: kinds.map((k) => k.entity_type) };
}

type EntryRow = Awaited<ReturnType<typeof auditEntries>>['rows'][number];

/** A logged value as text: a value in several languages shows the reader's, else the first. */
export function valueText(value: LoggedValue, locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return value[locale] ?? value.ar ?? value.fr ?? value.en ?? '';
}

function actorOf(r: EntryRow, t: ReturnType<typeof translator>): string {
  if (r.actor_user_id === null) return t('audit.system');
  if (r.deleted_at || !r.email) return t('audit.deletedAccount');
  return `${r.display_name || '—'} <${r.email}>`;
}

const query = (filters: AuditFilters, extra: Record<string, string | number | undefined> = {}) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ actor: filters.actor, kind: filters.kind, from: filters.from, to: filters.to, ...extra })) {
    if (v !== undefined) params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
};

export async function auditRoutes(app: FastifyInstance) {
  const read = { config: { permission: 'audit.read' } } as const;

  const page = async (request: FastifyRequest, reply: FastifyReply, scope: Scope, base: string, place: { slug: string; name: { text: string; lang: Locale } } | null) => {
    const filters = filtersSchema.parse(request.query ?? {});
    const t = translator(request.locale);
    const { rows, next } = await auditEntries(app.db, scope, filters);
    const entries: AuditEntryView[] = rows.map((r) => ({
      id: r.id,
      at: formatDateTime(request.locale, r.at),
      atIso: r.at,
      actor: actorOf(r, t),
      role: r.actor_role ? t(`roles.${r.actor_role}`) : null,
      action: t(`audit.actions.${r.action}`),
      kind: r.entity_type,
      entityId: r.entity_id,
      collectivity: place === null && r.name_ar ? pick({ ar: r.name_ar, fr: r.name_fr, en: r.name_en }, request.locale) : null,
      changes: (JSON.parse(r.changes) as Change[]).map((c) => ({ field: c.field, before: valueText(c.before, request.locale), after: valueText(c.after, request.locale) })),
      public: r.public === 1,
      reason: r.reason,
    }));
    return reply.page(
      <AuditPage
        place={place}
        action={base}
        filters={filters}
        choices={await filterChoices(app.db, scope)}
        entries={entries}
        exportHref={`${base}.csv${query(filters)}`}
        firstHref={filters.before !== undefined ? `${base}${query(filters)}` : null}
        nextHref={next !== null ? `${base}${query(filters, { before: next })}` : null}
        networkHref={place !== null && collectivitiesAllowed(request.user!, 'audit.read') === 'all' ? '/admin/audit' : null}
      />,
    );
  };

  const csv = (request: FastifyRequest, reply: FastifyReply, scope: Scope, name: string) => {
    const filters = filtersSchema.parse(request.query ?? {});
    const t = translator(request.locale);
    const locale = request.locale;
    async function* rows() {
      let before = filters.before;
      for (;;) {
        const batch = await auditEntries(app.db, scope, { ...filters, before }, EXPORT_BATCH);
        for (const r of batch.rows) {
          const common = [
            r.at, r.slug ?? '', r.actor_user_id === null ? t('audit.system') : r.deleted_at ? t('audit.deletedAccount') : r.email ?? '',
            r.deleted_at ? '' : (r.display_name ?? ''), r.actor_role ?? '', r.action, r.entity_type, r.entity_id, r.public === 1 ? 1 : 0, r.reason ?? '',
          ];
          const changes = JSON.parse(r.changes) as Change[];
          // one line per field changed, so a spreadsheet can filter on a field
          for (const c of changes.length > 0 ? changes : [null]) {
            yield [...common, c?.field ?? '', c ? valueText(c.before, locale) : '', c ? valueText(c.after, locale) : ''].map(spreadsheetSafe);
          }
        }
        if (batch.next === null) return;
        before = batch.next;
      }
    }
    const header = ['at', 'collectivity', 'actor_email', 'actor_name', 'actor_role', 'action', 'record_type', 'record_id', 'public', 'reason', 'field', 'before', 'after'];
    const out = Readable.from(rows()).pipe(stringify({ header: true, columns: header, bom: true }));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}-audit.csv"`)
      .header('cache-control', 'no-store')
      .send(out);
  };

  const collectivityScope = (request: FastifyRequest): Scope => [staffOf(request).collectivity.id];
  const placeOf = (request: FastifyRequest) => {
    const c = staffOf(request).collectivity;
    return { slug: c.slug, name: pick(c.name, request.locale) };
  };
  const networkScope = (request: FastifyRequest): Scope => collectivitiesAllowed(request.user!, 'audit.read');

  app.get<{ Params: { slug: string } }>('/admin/c/:slug/audit', read, async (request, reply) =>
    page(request, reply, collectivityScope(request), `/admin/c/${request.params.slug}/audit`, placeOf(request)),
  );
  app.get<{ Params: { slug: string } }>('/admin/c/:slug/audit.csv', read, async (request, reply) => csv(request, reply, collectivityScope(request), request.params.slug));
  app.get('/admin/audit', read, async (request, reply) => page(request, reply, networkScope(request), '/admin/audit', null));
  app.get('/admin/audit.csv', read, async (request, reply) => csv(request, reply, networkScope(request), 'network'));
}
