// The network's rules for access to information, kept by the network administrator
// (`information.rules`; no collectivity in the URL):
//   GET/POST /admin/information/rules                 day counts, weekend, reminders, daily limit
//   GET      /admin/information/holidays?year=        the holidays of a year, and a notice when the
//                                                     coming year has no Islamic (dated) holiday yet
//   GET/POST /admin/information/holidays/new, /:id    add or edit a holiday
//   POST     /admin/information/holidays/:id/delete
// Each write: permission → CSRF → zod → command (one transaction, logged) → redirect with a
// message, or the same form again with its values and a message per field (400).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LoggedValue } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { formatDate, formatDateTime, todayInCasablanca } from '../../platform/i18n/format.ts';
import { type Locale, translator } from '../../platform/i18n/i18n.ts';
import { requireId } from '../../platform/params.ts';
import { pick } from '../../platform/tenancy.ts';
import type { FormState } from '../../platform/ui/form.tsx';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { type RulesChange, deleteHoliday, findHoliday, holidayForm, holidaysOf, latestChanges, rulesForm, rulesFormValues, saveHoliday, saveRules, yearQuery, yearsWithoutDated } from './rules.ts';
import type { PublicHolidayRow } from './tables.ts';
import { type ChangeView, HolidayFormPage, HolidaysPage, RulesPage, holidaysHref, rulesHref } from './views/rules.tsx';

const manage = { config: { permission: 'information.rules' } } as const;

const constraints = { rules: htmlConstraints(rulesForm), holiday: htmlConstraints(holidayForm) };
const state = (values: FormValues, errors: FieldErrors, name: keyof typeof constraints): FormState => ({ values, errors, constraints: constraints[name] });
const body = (request: FastifyRequest) => (request.body ?? {}) as FormValues;

/** The acting account: these routes have no collectivity, so no `staffOf`. */
const actorOf = (request: FastifyRequest) => ({ userId: request.user!.id, role: 'network_admin' as const });

const thisYear = () => Number(todayInCasablanca().slice(0, 4));

function shown(value: LoggedValue, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return pick({ ar: value.ar ?? null, fr: value.fr, en: value.en }, locale).text || '—';
  return String(value);
}

function presentChange(c: RulesChange, locale: Locale): ChangeView {
  const t = translator(locale);
  const label = (field: string) => t(c.entityType === 'rules' ? `information.rules.fields.${field}` : `information.rules.holidays.fields.${field}`);
  return {
    at: formatDateTime(locale, c.at),
    who: [c.actorName, c.actorRole ? t(`roles.${c.actorRole}`) : null].filter(Boolean).join(locale === 'ar' ? '، ' : ', ') || t('information.rules.system'),
    what: t(`information.rules.log.${c.entityType}.${c.action}`),
    fields: c.changes.map((f) => {
      // the weekend as day names, not ISO numbers
      const value = (v: LoggedValue) =>
        f.field === 'weekend' && typeof v === 'string' ? v.split(',').filter(Boolean).map((d) => t(`information.rules.weekdays.${d}`)).join(locale === 'ar' ? '، ' : ', ') || '—' : shown(v, locale);
      return { field: label(f.field), before: value(f.before), after: value(f.after) };
    }),
  };
}

function weekdays(locale: Locale): [string, string][] {
  const t = translator(locale);
  return [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), t(`information.rules.weekdays.${d}`)]);
}

const holidayValues = (h: PublicHolidayRow): FormValues => ({
  kind: h.kind,
  month_day: h.month_day ?? '',
  from_year: h.from_year === null ? '' : String(h.from_year),
  on_date: h.on_date ?? '',
  name_ar: h.name_ar,
  name_fr: h.name_fr ?? '',
  name_en: h.name_en ?? '',
});

export async function rulesRoutes(app: FastifyInstance): Promise<void> {
  const post = { ...manage, preHandler: app.csrfProtection };

  const rulesPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const year = thisYear();
    const [missing, changes] = await Promise.all([yearsWithoutDated(app.db, [year, year + 1]), latestChanges(app.db)]);
    return reply.page(<RulesPage state={form} weekdays={weekdays(request.locale)} missing={missing} changes={changes.map((c) => presentChange(c, request.locale))} />, status);
  };

  app.get(rulesHref, manage, async (request, reply) => {
    const row = await app.db.selectFrom('information_rules').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    return rulesPage(request, reply, state(rulesFormValues(row), {}, 'rules'));
  });

  app.post(rulesHref, post, async (request, reply) => {
    const values = body(request);
    const parsed = rulesForm.safeParse(values);
    if (!parsed.success) return rulesPage(request, reply, state(values, fieldErrors(parsed.error), 'rules'), 400);
    const result = await saveRules(app.db, actorOf(request), parsed.data);
    if (!result.ok) return rulesPage(request, reply, state(values, result.errors, 'rules'), 400);
    return reply.redirectWithFlash(rulesHref, 'information.rules.flash.saved');
  });

  app.get<{ Querystring: Record<string, string> }>(holidaysHref, manage, async (request, reply) => {
    const year = yearQuery.parse(request.query ?? {}).year ?? thisYear();
    const now = thisYear();
    const [holidays, missing] = await Promise.all([holidaysOf(app.db, year), yearsWithoutDated(app.db, [now, now + 1])]);
    const t = translator(request.locale);
    return reply.page(
      <HolidaysPage
        year={year}
        missing={missing}
        holidays={holidays.map(({ date, row }) => ({
          id: row.id,
          date: formatDate(request.locale, date),
          kind: row.kind,
          name: pick({ ar: row.name_ar, fr: row.name_fr, en: row.name_en }, request.locale),
          recurs: row.kind === 'fixed' ? (row.from_year === null ? t('information.rules.holidays.everyYear') : t('information.rules.holidays.everyYearFrom', { year: String(row.from_year) })) : null,
        }))}
      />,
    );
  });

  const holidayPage = (request: FastifyRequest, reply: FastifyReply, id: number | null, form: FormState, status = 200) =>
    reply.page(
      <HolidayFormPage
        title={translator(request.locale)(id === null ? 'information.rules.holidays.add' : 'information.rules.holidays.edit')}
        action={id === null ? holidaysHref : `${holidaysHref}/${id}`}
        state={form}
      />,
      status,
    );

  app.get<{ Querystring: Record<string, string> }>(`${holidaysHref}/new`, manage, async (request, reply) => {
    const kind = request.query?.kind === 'fixed' ? 'fixed' : 'dated';
    const year = yearQuery.parse(request.query ?? {}).year;
    // a dated holiday's form starts in the year being entered (the browser's date picker opens there)
    return holidayPage(request, reply, null, state({ kind, on_date: kind === 'dated' && year ? `${year}-01-01` : '' }, {}, 'holiday'));
  });

  app.get<{ Params: { id: string } }>(`${holidaysHref}/:id`, manage, async (request, reply) => {
    const h = await findHoliday(app.db, requireId(request.params.id));
    if (!h) throw notFound();
    return holidayPage(request, reply, h.id, state(holidayValues(h), {}, 'holiday'));
  });

  for (const path of [holidaysHref, `${holidaysHref}/:id`]) {
    app.post<{ Params: { id?: string } }>(path, post, async (request, reply) => {
      const id = request.params.id === undefined ? null : requireId(request.params.id);
      if (id !== null && !(await findHoliday(app.db, id))) throw notFound();
      const values = body(request);
      const fail = (errors: FieldErrors) => holidayPage(request, reply, id, state(values, errors, 'holiday'), 400);
      const parsed = holidayForm.safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const result = await saveHoliday(app.db, actorOf(request), id, parsed.data);
      if (!result.ok) return fail(result.errors);
      const year = (parsed.data.on_date ?? '').slice(0, 4) || String(thisYear());
      return reply.redirectWithFlash(`${holidaysHref}?year=${year}#holiday-${result.value}`, 'information.rules.flash.holidaySaved');
    });
  }

  app.post<{ Params: { id: string } }>(`${holidaysHref}/:id/delete`, post, async (request, reply) => {
    const id = requireId(request.params.id);
    const h = await findHoliday(app.db, id);
    if (!h || !(await deleteHoliday(app.db, actorOf(request), id))) throw notFound();
    const year = (h.on_date ?? '').slice(0, 4) || String(thisYear());
    return reply.redirectWithFlash(`${holidaysHref}?year=${year}`, 'information.rules.flash.holidayDeleted');
  });
}
