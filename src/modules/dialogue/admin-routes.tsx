// Back office of the meetings: /admin/c/{slug}/meetings… Each route: who is signed in →
// permission meeting.manage in this collectivity → validation → command → redirect with a message.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import type { CommandResult } from '../../platform/commands.ts';
import { notFound } from '../../platform/errors.ts';
import { casablancaToIso, isoToCasablanca, todayInCasablanca } from '../../platform/i18n/format.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { requireId } from '../../platform/params.ts';
import { type Collectivity, pick, pickText } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import type { z } from 'zod';
import { currentProgramme, programmeTreeOf } from '../programme/manifest.ts';
import { type Scope, cancelMeeting, createMeeting, postponeMeeting, updateMeeting } from './commands/meetings.ts';
import { CALENDAR_PAGE, agendaOf, findMeeting, linksOf, meetingsPage, parseCursor } from './repository.ts';
import { cancelForm, meetingForm, postponeForm } from './schema.ts';
import type { MeetingRow } from './tables.ts';
import { MeetingAdminPage, MeetingFormPage, MeetingsAdminPage, type PlanOptions } from './views/admin.tsx';
import { presentMeeting } from './views/public.tsx';

type Params = { slug: string; id: string };
type Form = { values: FormValues; errors: FieldErrors };

const manage = { config: { permission: 'meeting.manage' } } as const;

const constraints = { meeting: htmlConstraints(meetingForm), postpone: htmlConstraints(postponeForm), cancel: htmlConstraints(cancelForm) };
const empty: Form = { values: {}, errors: {} };

function staff(request: FastifyRequest) {
  const { collectivity: c, actor } = staffOf(request);
  const scope: Scope = { actor, collectivityId: c.id };
  return { c, scope };
}

const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });

/** A meeting as its form shows it (Casablanca wall-clock times). */
async function formValues(request: FastifyRequest, c: Collectivity, m: MeetingRow): Promise<FormValues> {
  const db = request.server.db;
  const [agenda, links] = await Promise.all([agendaOf(db, c.id, m.id), linksOf(db, c.id, m.id)]);
  const start = isoToCasablanca(m.starts_at);
  const end = isoToCasablanca(m.ends_at);
  const l10n = (name: string) => Object.fromEntries((['ar', 'fr', 'en'] as const).map((l) => [`${name}_${l}`, ((m as Record<string, unknown>)[`${name}_${l}`] as string | null) ?? '']));
  const ids = (kind: string) => links.filter((l) => l.kind === kind).map((l) => String(l.id));
  return {
    kind: m.kind,
    ...l10n('title'),
    ...l10n('description'),
    date: start.slice(0, 10),
    start_time: start.slice(11, 16),
    // a meeting ending on its own day is shown by its end time, else by its duration
    ...(end.slice(0, 10) === start.slice(0, 10) ? { end_time: end.slice(11, 16), duration_minutes: '' } : { end_time: '', duration_minutes: String(Math.round((Date.parse(m.ends_at) - Date.parse(m.starts_at)) / 60_000)) }),
    ...l10n('place'),
    map_url: m.map_url ?? '',
    online_url: m.online_url ?? '',
    languages: m.languages.split(',').filter(Boolean),
    ...l10n('organizer'),
    ...l10n('accessibility'),
    agenda_ar: agenda.map((p) => p.text_ar).join('\n'),
    agenda_fr: agenda.some((p) => p.text_fr) ? agenda.map((p) => p.text_fr ?? '').join('\n') : '',
    agenda_en: agenda.some((p) => p.text_en) ? agenda.map((p) => p.text_en ?? '').join('\n') : '',
    axis_ids: ids('axis'),
    project_ids: ids('project'),
    activity_ids: ids('activity'),
    proposal_ids: ids('proposal').join(', '),
    registration_enabled: m.registration_enabled === 1 ? '1' : undefined,
    capacity: m.capacity === null ? '' : String(m.capacity),
    registration_opens_at: m.registration_opens_at ? isoToCasablanca(m.registration_opens_at) : '',
    registration_closes_at: m.registration_closes_at ? isoToCasablanca(m.registration_closes_at) : '',
  };
}

export async function dialogueAdminRoutes(app: FastifyInstance) {
  async function meetingOf(request: FastifyRequest<{ Params: Params }>, c: Collectivity): Promise<MeetingRow> {
    const m = await findMeeting(app.db, c.id, requireId(request.params.id, 'meeting_not_found'));
    if (!m) throw notFound('meeting_not_found');
    return m;
  }

  async function planOptions(c: Collectivity, locale: FastifyRequest['locale']): Promise<PlanOptions> {
    const programme = await currentProgramme(app.db, c.id);
    if (!programme) return { axes: [], projects: [], activities: [] };
    const tree = await programmeTreeOf(app, c, programme);
    const projectNumber = new Map(tree.projects.map((p) => [p.id, p.number]));
    return {
      axes: tree.axes.map((a) => [String(a.id), `${a.number}. ${pickText(a, 'title', locale).text}`]),
      projects: tree.projects.map((p) => [String(p.id), `${p.number}. ${pickText(p, 'title', locale).text}`]),
      activities: tree.activities.map((a) => [String(a.id), `${projectNumber.get(a.project_id) ?? '?'}.${a.number} ${pickText(a, 'title', locale).text}`]),
    };
  }

  const listBase = (c: Collectivity) => `/admin/c/${c.slug}/meetings`;

  app.get<{ Params: Params; Querystring: { upcoming?: string; past?: string } }>('/admin/c/:slug/meetings', manage, async (request, reply) => {
    const { c } = staff(request);
    const today = casablancaToIso(`${todayInCasablanca()}T00:00`);
    const q = request.query ?? {};
    const [upcoming, past] = await Promise.all([
      meetingsPage(app.db, c.id, { from: today, after: parseCursor(q.upcoming), limit: CALENDAR_PAGE, order: 'asc' }),
      meetingsPage(app.db, c.id, { to: today, after: parseCursor(q.past), limit: CALENDAR_PAGE, order: 'desc' }),
    ]);
    const base = listBase(c);
    const locale = request.locale;
    return reply.page(
      <MeetingsAdminPage
        place={place(c, request)}
        upcoming={{ meetings: upcoming.items.map((m) => presentMeeting(m, locale)), firstHref: q.upcoming ? base : null, nextHref: upcoming.next ? `${base}?upcoming=${encodeURIComponent(upcoming.next)}` : null }}
        past={{ meetings: past.items.map((m) => presentMeeting(m, locale)), firstHref: q.past ? base : null, nextHref: past.next ? `${base}?past=${encodeURIComponent(past.next)}#a-past` : null }}
      />,
    );
  });

  async function formPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, m: MeetingRow | null, form: Form, status = 200) {
    const base = listBase(c);
    const t = translator(request.locale);
    return reply.page(
      <MeetingFormPage
        place={place(c, request)}
        action={m ? `${base}/${m.id}/edit` : base}
        title={m ? t('dialogue.admin.editTitle') : t('dialogue.admin.new')}
        state={{ ...form, constraints: constraints.meeting }}
        plan={await planOptions(c, request.locale)}
        trail={m ? [[t('dialogue.admin.title'), base], [pick({ ar: m.title_ar, fr: m.title_fr, en: m.title_en }, request.locale).text, `${base}/${m.id}`]] : [[t('dialogue.admin.title'), base]]}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/meetings/new', manage, async (request, reply) => {
    const { c } = staff(request);
    return formPage(request, reply, c, null, { values: { kind: 'local_actors', languages: ['ar'] }, errors: {} });
  });

  app.post<{ Params: Params }>('/admin/c/:slug/meetings', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = staff(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = meetingForm.safeParse(body);
    if (!parsed.success) return formPage(request, reply, c, null, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const result = await createMeeting(app.db, scope, parsed.data);
    if (!result.ok) return formPage(request, reply, c, null, { values: body, errors: result.errors }, 400);
    return reply.redirectWithFlash(`${listBase(c)}/${result.value}`, 'dialogue.flash.created');
  });

  async function meetingPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, m: MeetingRow, forms: { postpone?: Form; cancel?: Form } = {}, status = 200) {
    const counts = await app.db
      .selectFrom('meeting_registration')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.sum<number | string | null>('seats').as('seats')])
      .where('collectivity_id', '=', c.id)
      .where('meeting_id', '=', m.id)
      .groupBy('status')
      .execute();
    const of = (s: string) => counts.find((r) => r.status === s);
    const start = isoToCasablanca(m.starts_at);
    return reply.page(
      <MeetingAdminPage
        place={place(c, request)}
        meeting={presentMeeting(m, request.locale)}
        publicHref={`/${request.locale}/c/${c.slug}/meetings/${m.id}`}
        registrations={{ confirmed: Number(of('confirmed')?.n ?? 0), seats: Number(of('confirmed')?.seats ?? 0), waitlisted: Number(of('waitlisted')?.n ?? 0) }}
        postpone={{ ...(forms.postpone ?? { values: { date: start.slice(0, 10), start_time: start.slice(11, 16), duration_minutes: String(Math.round((Date.parse(m.ends_at) - Date.parse(m.starts_at)) / 60_000)) }, errors: {} }), constraints: constraints.postpone }}
        cancel={{ ...(forms.cancel ?? empty), constraints: constraints.cancel }}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/meetings/:id', manage, async (request, reply) => {
    const { c } = staff(request);
    return meetingPage(request, reply, c, await meetingOf(request, c));
  });

  app.get<{ Params: Params }>('/admin/c/:slug/meetings/:id/edit', manage, async (request, reply) => {
    const { c } = staff(request);
    const m = await meetingOf(request, c);
    return formPage(request, reply, c, m, { values: await formValues(request, c, m), errors: {} });
  });

  app.post<{ Params: Params }>('/admin/c/:slug/meetings/:id/edit', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = staff(request);
    const m = await meetingOf(request, c);
    const body = (request.body ?? {}) as FormValues;
    const parsed = meetingForm.safeParse(body);
    if (!parsed.success) return formPage(request, reply, c, m, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const result = await updateMeeting(app.db, scope, m.id, parsed.data);
    if (!result.ok) return formPage(request, reply, c, m, { values: body, errors: result.errors }, 400);
    return reply.redirectWithFlash(`${listBase(c)}/${m.id}`, 'dialogue.flash.saved');
  });

  /** A form of the meeting's page: validate, run, redirect with a message, or show the page again. */
  function meetingFormRoute<S extends z.ZodType>(opts: { path: 'postpone' | 'cancel'; schema: S; run: (scope: Scope, c: Collectivity, m: MeetingRow, data: z.output<S>) => Promise<CommandResult<unknown>>; flash: string }) {
    app.post<{ Params: Params }>(`/admin/c/:slug/meetings/:id/${opts.path}`, { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
      const { c, scope } = staff(request);
      const m = await meetingOf(request, c);
      const body = (request.body ?? {}) as FormValues;
      const parsed = opts.schema.safeParse(body);
      if (!parsed.success) return meetingPage(request, reply, c, m, { [opts.path]: { values: body, errors: fieldErrors(parsed.error) } }, 400);
      const result = await opts.run(scope, c, m, parsed.data);
      if (!result.ok) return meetingPage(request, reply, c, m, { [opts.path]: { values: body, errors: result.errors } }, 400);
      return reply.redirectWithFlash(`${listBase(c)}/${m.id}`, opts.flash);
    });
  }

  meetingFormRoute({ path: 'postpone', schema: postponeForm, run: (scope, _c, m, data) => postponeMeeting(app.db, scope, m.id, data), flash: 'dialogue.flash.postponed' });

  meetingFormRoute({
    path: 'cancel',
    schema: cancelForm,
    run: async (scope, c, m, data) => {
      const result = await cancelMeeting(app.db, scope, m.id, data);
      // the mails were queued in the cancellation's transaction, now committed
      if (result.ok && result.value.mailed > 0) deliverSoon(app);
      return result;
    },
    flash: 'dialogue.flash.cancelled',
  });
}
