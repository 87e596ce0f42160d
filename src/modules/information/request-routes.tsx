// The requester's pages (uncached, a verified account):
//   GET/POST /{locale}/c/{slug}/information/request               file a request (daily limit per account)
//   GET      /{locale}/c/{slug}/information/{id}/mine             the request in full, for its requester only
//   POST     /{locale}/c/{slug}/information/{id}/mine/complaint   the complaint to the head (art. 19)
//   GET      /{locale}/c/{slug}/information/{id}/mine/files/{f}   the answer's files, published or not
// Another account, or an anonymous visitor once signed in, finds no such page (404): a request's
// requester is never revealed, not even by a 403.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { formatDate, todayInCasablanca } from '../../platform/i18n/format.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { requireId } from '../../platform/params.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { type Citizen, requireVerifiedCitizen } from '../accounts/manifest.ts';
import { loadRules } from './calendar.ts';
import { type Scope, fileRequest, takeStep } from './commands/requests.ts';
import { complaintWindowEnd, datesOf, refusal } from './model.ts';
import { citizenRequestForm, complaintForm, stepForm } from './schema.ts';
import { MineRequestPage } from './views/mine.tsx';
import { CitizenRequestPage, type PlaceView } from './views/request-form.tsx';
import { presentRequest } from './views/request-parts.tsx';
import { fileOf, filesOf, trailOf } from './worklist.ts';
// the module's other contributions for a person: their space, and their data (export, deletion)
import './my-space.ts';
import './personal-data.ts';

type Params = { locale: string; slug: string; id: string; file: string };

const requestConstraints = htmlConstraints(citizenRequestForm);
const complaintConstraints = htmlConstraints(complaintForm);

/** 429 for the daily limit (the form kept, with its message), 400 for the rest. */
const statusOf = (errors: FieldErrors) => (errors.subject?.key === 'information.request.errors.dailyLimit' ? 429 : 400);

export async function requestRoutes(app: FastifyInstance): Promise<void> {
  async function placeOf(request: FastifyRequest<{ Params: Partial<Params> }>): Promise<{ c: Collectivity; base: string; place: PlaceView }> {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug ?? '');
    const base = `/${request.locale}/c/${c.slug}`;
    return { c, base, place: { slug: c.slug, name: pick(c.name, request.locale), href: base } };
  }

  const scopeOf = (c: Collectivity, citizen: Citizen): Scope => ({ collectivityId: c.id, actor: null, userId: citizen.id, baseUrl: app.config.baseUrl });

  async function formPage(request: FastifyRequest, reply: FastifyReply, p: Awaited<ReturnType<typeof placeOf>>, values: FormValues, errors: FieldErrors = {}) {
    const rules = await loadRules(app.db);
    return reply.page(
      <CitizenRequestPage
        place={p.place}
        action={`${p.base}/information/request`}
        state={{ values, errors, constraints: requestConstraints }}
        dailyLimit={rules.row.daily_limit}
        answerDays={rules.row.answer_days}
        urgentDays={rules.row.urgent_days}
      />,
      Object.keys(errors).length > 0 ? statusOf(errors) : 200,
      { csrf: true },
    );
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/information/request', async (request, reply) => {
    const p = await placeOf(request);
    const citizen = await requireVerifiedCitizen(request, reply);
    if (!citizen) return reply;
    return formPage(request, reply, p, { delivery: 'electronic', language: request.locale });
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/information/request', { preHandler: app.csrfProtection }, async (request, reply) => {
    const p = await placeOf(request);
    const citizen = await requireVerifiedCitizen(request, reply, { next: `${p.base}/information/request` });
    if (!citizen) return reply;
    const values = (request.body ?? {}) as FormValues;
    const parsed = citizenRequestForm.safeParse(values);
    if (!parsed.success) return formPage(request, reply, p, values, fieldErrors(parsed.error));
    const d = parsed.data;
    const today = todayInCasablanca();
    const result = await fileRequest(
      app.db,
      scopeOf(p.c, citizen),
      { channel: 'online', receivedOn: today, subject: d.subject, details: d.details, delivery: d.delivery, language: d.language, urgent: d.urgent, urgentGround: d.urgent_ground, requester: { userId: citizen.id } },
      today,
    );
    if (!result.ok) return formPage(request, reply, p, values, result.errors);
    deliverSoon(app);
    return reply.redirectWithFlash(`${p.base}/information/${result.value.id}/mine`, 'information.request.flash.filed');
  });

  /** The request of this collectivity filed by this account, else 404. */
  async function ownRequest(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const p = await placeOf(request);
    const id = requireId(request.params.id, 'request_not_found');
    const citizen = await requireVerifiedCitizen(request, reply, { next: `${p.base}/information/${id}/mine` });
    if (!citizen) return null;
    const r = await app.db.selectFrom('information_request').selectAll().where('collectivity_id', '=', p.c.id).where('id', '=', id).where('requester_user_id', '=', citizen.id).executeTakeFirst();
    if (!r) throw notFound('request_not_found');
    return { ...p, citizen, r };
  }

  async function minePage(request: FastifyRequest, reply: FastifyReply, o: NonNullable<Awaited<ReturnType<typeof ownRequest>>>, complaint: { values: FormValues; errors: FieldErrors } = { values: {}, errors: {} }) {
    const { c, base, r } = o;
    const locale = request.locale;
    const today = todayInCasablanca();
    const [trail, files, rules] = await Promise.all([trailOf(app.db, c.id, r.id), filesOf(app.db, c.id, r.id), loadRules(app.db)]);
    const view = presentRequest(translator(locale), locale, today, r, trail, files, { filesHref: `${base}/information/${r.id}/mine/files`, staff: false });
    const dates = datesOf(r);
    const canComplain = refusal(rules, dates, 'complaint', today, today) === null;
    const failed = Object.keys(complaint.errors).length > 0;
    return reply.page(
      <MineRequestPage
        place={o.place}
        r={view}
        complaint={canComplain || failed ? { action: `${base}/information/${r.id}/mine/complaint`, state: { ...complaint, constraints: complaintConstraints }, lastDay: formatDate(locale, complaintWindowEnd(rules, dates)) } : null}
      />,
      failed ? 400 : 200,
      { csrf: true },
    );
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/information/:id/mine', async (request, reply) => {
    const o = await ownRequest(request, reply);
    if (!o) return reply;
    return minePage(request, reply, o);
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/information/:id/mine/complaint', { preHandler: app.csrfProtection }, async (request, reply) => {
    const o = await ownRequest(request, reply);
    if (!o) return reply;
    const values = (request.body ?? {}) as FormValues;
    const parsed = complaintForm.safeParse(values);
    if (!parsed.success) return minePage(request, reply, o, { values, errors: fieldErrors(parsed.error) });
    const today = todayInCasablanca();
    // the requester's complaint is dated the day it is made
    const input = stepForm('complaint', today).parse({ on_date: today });
    const result = await takeStep(app.db, scopeOf(o.c, o.citizen), o.r.id, 'complaint', input, today);
    if (result === null) throw notFound('request_not_found');
    if (!result.ok) return minePage(request, reply, o, { values, errors: { form: result.errors.on_date ?? { key: 'information.refused.notNow' } } });
    deliverSoon(app);
    return reply.redirectWithFlash(`${o.base}/information/${o.r.id}/mine#trail`, 'information.mine.flash.complaint');
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/information/:id/mine/files/:file', async (request, reply) => {
    const o = await ownRequest(request, reply);
    if (!o) return reply;
    const file = await fileOf(app.db, o.c.id, o.r.id, requireId(request.params.file, 'file_not_found'));
    if (!file) throw notFound('file_not_found');
    return sendPrivateFile(reply, file);
  });
}

/** An answer's file as a download, for its requester or staff only: never kept by a shared cache
 *  (an unpublished answer may name people), never shown inline (a PDF's scripts). */
export function sendPrivateFile(reply: FastifyReply, file: { mime: string; original_name: string; content: Buffer }) {
  const ascii = file.original_name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return reply
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
    .type(file.mime)
    .send(Buffer.from(file.content));
}
