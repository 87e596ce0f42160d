// Registration for meetings.
//   GET/POST /{locale}/c/{slug}/meetings/{id}/register   a verified account registers (a person
//            one seat, an association N of its members), sees its status, and cancels
//            (POST …/register/cancel); an anonymous visitor is sent to log in and back.
//   GET/POST /{locale}/c/{slug}/meetings/{id}/cancel-registration?user=&token=   the mail's signed
//            link: the GET shows a button, the POST cancels, without logging in.
//   GET /admin/c/{slug}/meetings/{id}/registrations(.csv|.xlsx)   the door list (meeting.manage).
// Also starts the reminder sweep (reminders.ts) on each instance.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { staffOf } from '../../platform/auth/permissions.ts';
import type { FieldErrors, FormValues } from '../../platform/validation.ts';
import { fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { notFound } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { parseId, requireId } from '../../platform/params.ts';
import { type Collectivity, pick, pickField, requireCollectivity } from '../../platform/tenancy.ts';
import { requireVerifiedCitizen } from '../accounts/manifest.ts';
import { type MailSettings, cancelLinkPath, validCancelSignature } from './mails.tsx';
import { REMINDER_SWEEP_MS, sendMeetingReminders } from './reminders.ts';
import { MAX_SEATS, cancelRegistration, registerForMeeting, registrationClosed, registrationOf, setDefaultMailSettings } from './registration.ts';
import { allRegistrations, doorList, doorListCsv, doorListXlsx } from './registrations-export.ts';
import { seatsTaken } from './repository.ts';
import type { MeetingRow } from './tables.ts';
import { CancelLinkPage, DoorListPage, type MeetingSummary, RegisterPage, type SeatsView } from './views/registration.tsx';
import './my-space.ts';

type Params = { locale: string; slug: string; id: string };

/** The registration form: an association says how many of its members come. */
export const registerForm = z.object({
  seats: z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.coerce.number({ error: 'errors.notInteger' }).int('errors.notInteger').min(1, 'dialogue.registration.errors.seatsMin').max(MAX_SEATS, 'dialogue.registration.errors.seatsMax').optional(),
    )
    .transform((v) => v ?? 1),
});
const constraints = htmlConstraints(registerForm);

export async function registrationRoutes(app: FastifyInstance) {
  const mail: MailSettings = { baseUrl: app.config.baseUrl, secret: app.config.sessionSecret };
  setDefaultMailSettings(mail);

  async function meetingOf(c: Collectivity, id: string | undefined): Promise<MeetingRow> {
    const meeting = await app.db.selectFrom('meeting').selectAll().where('collectivity_id', '=', c.id).where('id', '=', requireId(id, 'meeting_not_found')).executeTakeFirst();
    if (!meeting) throw notFound('meeting_not_found');
    return meeting;
  }

  async function context(request: FastifyRequest<{ Params: Params }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug);
    return { c, meeting: await meetingOf(c, request.params.id) };
  }

  const summary = (c: Collectivity, m: MeetingRow, locale: Locale): MeetingSummary => ({
    id: m.id,
    title: pick({ ar: m.title_ar, fr: m.title_fr, en: m.title_en }, locale),
    startsAt: m.starts_at,
    when: formatDateTime(locale, m.starts_at),
    where: pickField(m, 'place', locale),
    online: m.online_url,
    href: `/${locale}/c/${c.slug}/meetings/${m.id}`,
  });

  async function seatsOf(c: Collectivity, m: MeetingRow): Promise<SeatsView> {
    const waiting = await app.db
      .selectFrom('meeting_registration')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('collectivity_id', '=', c.id)
      .where('meeting_id', '=', m.id)
      .where('status', '=', 'waitlisted')
      .executeTakeFirstOrThrow();
    return { capacity: m.capacity, confirmed: await seatsTaken(app.db, c.id, m.id), waiting: Number(waiting.n) };
  }

  const registerPath = (locale: string, c: Collectivity, m: MeetingRow) => `/${locale}/c/${c.slug}/meetings/${m.id}/register`;

  async function renderRegister(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    c: Collectivity,
    m: MeetingRow,
    citizen: { id: number; kind: 'person' | 'association' },
    values: FormValues,
    errors: FieldErrors,
    status = 200,
  ) {
    const locale = request.locale;
    const r = await registrationOf(app.db, c.id, m.id, citizen.id);
    const mine = r && r.status !== 'cancelled' ? { status: r.status, seats: r.seats, position: r.position } : null;
    const closed = registrationClosed(m, new Date().toISOString());
    const path = registerPath(locale, c, m);
    return reply.page(
      <RegisterPage
        place={{ name: pick(c.name, locale), href: `/${locale}/c/${c.slug}` }}
        meeting={summary(c, m, locale)}
        kind={citizen.kind}
        seats={await seatsOf(c, m)}
        mine={mine}
        closed={closed ? { key: `dialogue.registration.refused.${closed.reason}`, values: closed.date ? { date: closed.date } : undefined } : null}
        // the field's own bound is the meeting's capacity when it is smaller
        state={{ values, errors, constraints: { ...constraints, seats: { ...constraints.seats, max: Math.min(MAX_SEATS, m.capacity ?? MAX_SEATS) } } }}
        maxSeats={Math.min(MAX_SEATS, m.capacity ?? MAX_SEATS)}
        actions={{ register: path, cancel: `${path}/cancel` }}
        formatDate={(iso) => formatDateTime(locale, iso)}
      />,
      status,
      { csrf: true },
    );
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/meetings/:id/register', async (request, reply) => {
    const { c, meeting } = await context(request);
    const citizen = await requireVerifiedCitizen(request, reply);
    if (!citizen) return reply;
    return renderRegister(request, reply, c, meeting, citizen, {}, {});
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/meetings/:id/register', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, meeting } = await context(request);
    const here = registerPath(request.locale, c, meeting);
    const citizen = await requireVerifiedCitizen(request, reply, { next: here });
    if (!citizen) return reply;
    const body = (request.body ?? {}) as FormValues;
    const values = { seats: body.seats };
    const parsed = registerForm.safeParse(values);
    if (!parsed.success) return renderRegister(request, reply, c, meeting, citizen, values, fieldErrors(parsed.error), 400);
    const result = await registerForMeeting(app.db, { collectivityId: c.id, meetingId: meeting.id, person: citizen }, parsed.data.seats, mail);
    if (!result.ok) return renderRegister(request, reply, c, meeting, citizen, values, result.errors, 400);
    deliverSoon(app);
    return reply.redirectWithFlash(here, result.value.status === 'confirmed' ? 'dialogue.registration.flash.confirmed' : 'dialogue.registration.flash.waitlisted');
  });

  // from the registration page, which "my space" links to: the session and the CSRF token
  app.post<{ Params: Params }>('/:locale/c/:slug/meetings/:id/register/cancel', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, meeting } = await context(request);
    const here = registerPath(request.locale, c, meeting);
    const citizen = await requireVerifiedCitizen(request, reply, { next: here });
    if (!citizen) return reply;
    const result = await cancelRegistration(app.db, { collectivityId: c.id, meetingId: meeting.id, userId: citizen.id }, mail);
    if (!result.ok) return renderRegister(request, reply, c, meeting, citizen, {}, result.errors, 400);
    deliverSoon(app);
    return reply.redirectWithFlash(here, 'dialogue.registration.flash.cancelled');
  });

  // The mail's link: signed for one person and meeting, honoured without login. The GET only
  // shows a button (mail scanners follow links); the POST cancels. A bad signature is a 404.
  async function cancelLinkPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, input: { user?: unknown; token?: unknown }, act: boolean) {
    const { c, meeting } = await context(request);
    const user = parseId(typeof input.user === 'string' ? input.user : undefined);
    if (user === null || !validCancelSignature(app.config.sessionSecret, meeting.id, user, input.token)) throw notFound('meeting_not_found');
    const locale = request.locale;
    let state: 'confirm' | 'done' | 'nothing';
    let error = null;
    let status = 200;
    if (act) {
      const result = await cancelRegistration(app.db, { collectivityId: c.id, meetingId: meeting.id, userId: user }, mail);
      if (result.ok) {
        deliverSoon(app);
        state = 'done';
      } else {
        state = 'nothing';
        error = result.errors.form ?? null;
        status = 400;
      }
    } else {
      const r = await registrationOf(app.db, c.id, meeting.id, user);
      state = r && r.status !== 'cancelled' ? 'confirm' : 'nothing';
    }
    return reply.page(
      <CancelLinkPage
        place={{ name: pick(c.name, locale), href: `/${locale}/c/${c.slug}` }}
        meeting={summary(c, meeting, locale)}
        state={state}
        error={error}
        action={cancelLinkPath(locale, c.slug, meeting.id)}
        user={user}
        token={String(input.token)}
        formatDate={(iso) => formatDateTime(locale, iso)}
      />,
      status,
      { csrf: state === 'confirm' },
    );
  }
  app.get<{ Params: Params }>('/:locale/c/:slug/meetings/:id/cancel-registration', (request, reply) => cancelLinkPage(request, reply, request.query as Record<string, unknown>, false));
  app.post<{ Params: Params }>('/:locale/c/:slug/meetings/:id/cancel-registration', { preHandler: app.csrfProtection }, (request, reply) =>
    cancelLinkPage(request, reply, (request.body ?? {}) as Record<string, unknown>, true),
  );

  // The door list, for staff who run meetings.
  const manage = { config: { permission: 'meeting.manage' } } as const;
  const adminBase = (c: Collectivity, m: MeetingRow) => `/admin/c/${c.slug}/meetings/${m.id}/registrations`;
  const kindText = (locale: Locale, kind: string) => translator(locale)(`dialogue.registration.kind.${kind}`);

  app.get<{ Params: Params; Querystring: { after?: string } }>('/admin/c/:slug/meetings/:id/registrations', manage, async (request, reply) => {
    const c = staffOf(request).collectivity;
    const meeting = await meetingOf(c, request.params.id);
    const locale = request.locale;
    const t = translator(locale);
    const after = request.query.after === undefined ? null : parseId(request.query.after);
    if (request.query.after !== undefined && after === null) throw notFound();
    const page = await doorList(app.db, c.id, meeting.id, { after });
    if (!page) throw notFound();
    const base = adminBase(c, meeting);
    return reply.page(
      <DoorListPage
        place={{ slug: c.slug, name: pick(c.name, locale) }}
        meeting={{ ...summary(c, meeting, locale), href: `/${locale}/c/${c.slug}/meetings/${meeting.id}` }}
        seats={await seatsOf(c, meeting)}
        rows={page.rows.map((r) => ({
          name: r.name,
          kind: kindText(locale, r.kind),
          seats: r.seats,
          status: t(`dialogue.registration.statusShort.${r.status}`),
          registeredAt: formatDateTime(locale, r.registeredAt),
          registeredIso: r.registeredAt,
        }))}
        downloads={{ csv: `${base}.csv`, xlsx: `${base}.xlsx` }}
        firstHref={after !== null ? base : null}
        nextHref={page.next !== null ? `${base}?after=${page.next}` : null}
      />,
    );
  });

  const fileName = (c: Collectivity, m: MeetingRow, ext: string) => `${c.slug}-meeting-${m.id}-registrations.${ext}`;

  app.get<{ Params: Params }>('/admin/c/:slug/meetings/:id/registrations.csv', manage, async (request, reply) => {
    const c = staffOf(request).collectivity;
    const meeting = await meetingOf(c, request.params.id);
    const rows = await allRegistrations(app.db, c.id, meeting.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileName(c, meeting, 'csv')}"`)
      .send(doorListCsv(rows, request.locale));
  });

  app.get<{ Params: Params }>('/admin/c/:slug/meetings/:id/registrations.xlsx', manage, async (request, reply) => {
    const c = staffOf(request).collectivity;
    const meeting = await meetingOf(c, request.params.id);
    const rows = await allRegistrations(app.db, c.id, meeting.id);
    const title = pick({ ar: meeting.title_ar, fr: meeting.title_fr, en: meeting.title_en }, request.locale).text;
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileName(c, meeting, 'xlsx')}"`)
      .send(await doorListXlsx(rows, request.locale, title));
  });

  // the reminder the day before, claimed once across instances (reminders.ts)
  let timer: NodeJS.Timeout | undefined;
  const sweep = () =>
    sendMeetingReminders(app.db, mail)
      .then((n) => n > 0 && deliverSoon(app))
      .catch((err) => app.log.error({ err }, 'meeting reminders failed'));
  app.addHook('onReady', async () => {
    timer = setInterval(sweep, REMINDER_SWEEP_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
