// Back office of requests for information (/admin/c/{slug}/information…): the worklist, a request
// filed at the desk, a request in full with a form per step its status allows, the answer's
// files, and the information office. Each write: permission → CSRF → zod → command → redirect
// with a message, or the same page again (400) with the values and a message per field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowed, staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { formatDate, todayInCasablanca } from '../../platform/i18n/format.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { requireId } from '../../platform/params.ts';
import { type Collectivity, pick } from '../../platform/tenancy.ts';
import type { FormState } from '../../platform/ui/form.tsx';
import { acceptOf, checkFiles, multipartForms, readForm } from '../../platform/uploads.ts';
import { type FieldErrors, type FormValues, type HtmlConstraints, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { saveOffice, teamOf } from './commands/office.ts';
import { type Scope, fileRequest, takeStep } from './commands/requests.ts';
import { loadRules } from './calendar.ts';
import { type Status, datesOf, isOverdue, refusal, runningDeadline, stepsFrom } from './model.ts';

import { type StaffStep, deskRequestForm, officeForm, staffSteps, stepForm, worklistQuery } from './schema.ts';
import { AdminRequestPage, type StepFormView, WorklistPage, adminBase } from './views/admin-requests.tsx';
import { sendPrivateFile } from './request-routes.tsx';
import { OfficePage } from './views/admin-office.tsx';
import { DeskRequestPage } from './views/request-form.tsx';
import { presentRequest } from './views/request-parts.tsx';
import { fileOf, filesOf, findRequest, trailOf, worklist } from './worklist.ts';

/** refusals that only say "not yet": the step is not offered until the law opens it */
const notYet = new Set(['information.refused.complaintEarly', 'information.refused.cdaiEarly']);

const processing = { config: { permission: 'information.process' } } as const;
const office = { config: { permission: 'information.office' } } as const;
/** deciding a complaint is the head's (focal point), the other steps any processing staff's */
const stepPermission = (kind: StaffStep) => ({ config: { permission: kind === 'complaint_decided' ? 'information.decide' : 'information.process' } }) as const;

/** PDF, images and office documents, as answers are sent */
export const answerFileTypes = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};
export const MAX_ANSWER_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ANSWER_FILES = 5;

const deskConstraints = htmlConstraints(deskRequestForm('9999-12-31'));
const officeConstraints = htmlConstraints(officeForm);
const stepConstraints = Object.fromEntries(staffSteps.map((k) => [k, htmlConstraints(stepForm(k, '9999-12-31'))])) as Record<StaffStep, HtmlConstraints>;

type Params = { slug: string; id: string; file: string };

const adminPlace = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });

function staff(request: FastifyRequest): { c: Collectivity; scope: Scope } {
  const { collectivity: c, actor } = staffOf(request);
  return { c, scope: { collectivityId: c.id, actor, userId: actor.userId, baseUrl: request.server.config.baseUrl } };
}

export async function informationAdminRoutes(app: FastifyInstance): Promise<void> {
  await app.register(stepRoutes);
  await app.register(pageRoutes);
}

async function requestPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, id: number, failed?: { kind: StaffStep; state: FormState }) {
  const db = request.server.db;
  const r = await findRequest(db, c.id, id);
  if (!r) throw notFound('request_not_found');
  const locale = request.locale;
  const today = todayInCasablanca();
  const [trail, files, rules] = await Promise.all([trailOf(db, c.id, id), filesOf(db, c.id, id), loadRules(db)]);
  const view = presentRequest(translator(locale), locale, today, r, trail, files, { filesHref: `${adminBase(c.slug)}/${id}/files`, staff: true });
  if (r.requester_user_id !== null) {
    // filed from an account: staff see who asked (to deliver a copy or receive them on site)
    const account = await db.selectFrom('app_user').select(['display_name', 'email']).where('id', '=', r.requester_user_id).where('deleted_at', 'is', null).executeTakeFirst();
    view.requester = { name: account?.display_name || null, contact: null, email: account?.email ?? null, account: true };
  }
  const canDecide = allowed(request.user, 'information.decide', c.id);
  const forms: StepFormView[] = stepsFrom(r.status as Status)
    .filter((k): k is StaffStep => k !== 'received' && (k !== 'complaint_decided' || canDecide))
    // a complaint or a referral that the law does not open yet (the deadline still runs) is not offered
    .filter((k) => failed?.kind === k || !notYet.has(refusal(rules, datesOf(r), k, today, today) ?? ''))
    .map((kind) =>
      failed?.kind === kind
        ? failed
        : { kind, state: { values: { on_date: today, ...(kind === 'answered' ? { publish: '1' } : {}) }, errors: {}, constraints: stepConstraints[kind] } },
    );
  // a step the status no longer allows has no form to show its message: the page says it on top
  const refused = failed && !forms.some((f) => f.kind === failed.kind) ? (Object.values(failed.state.errors)[0] ?? null) : null;
  return reply.page(<AdminRequestPage place={adminPlace(c, request)} r={view} forms={forms} refused={refused} fileAccept={acceptOf(answerFileTypes)} maxFiles={MAX_ANSWER_FILES} />, failed ? 400 : 200);
}

/** The step forms: multipart (the answer's files) is taken in this scope only. */
async function stepRoutes(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_ANSWER_FILE_BYTES, files: MAX_ANSWER_FILES, fields: 40 });
  for (const kind of staffSteps) {
    // a step's URL opened as a page (the language links of a form sent back): the request's page
    app.get<{ Params: Params }>(`/admin/c/:slug/information/:id/${kind}`, processing, async (request, reply) => {
      const { c } = staff(request);
      const lang = (request.query as { lang?: string } | undefined)?.lang;
      return reply.redirect(`${adminBase(c.slug)}/${requireId(request.params.id, 'request_not_found')}${lang && isLocale(lang) ? `?lang=${lang}` : ''}#step-${kind}`, 303);
    });
    app.post<{ Params: Params }>(`/admin/c/:slug/information/:id/${kind}`, stepPermission(kind), async (request, reply) => {
      const { c, scope } = staff(request);
      const id = requireId(request.params.id, 'request_not_found');
      // the files are read only now, after the role and then the CSRF token are checked
      const { form, files } = await readForm(request, reply);
      const fail = (errors: FieldErrors) => requestPage(request, reply, c, id, { kind, state: { values: form, errors, constraints: stepConstraints[kind] } });
      const today = todayInCasablanca();
      const parsed = stepForm(kind, today).safeParse(form);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const checked = kind === 'answered' ? await checkFiles(files, { types: answerFileTypes, maxBytes: MAX_ANSWER_FILE_BYTES, maxFiles: MAX_ANSWER_FILES, field: 'files' }) : { files: [], errors: {} };
      if (Object.keys(checked.errors).length > 0) return fail(checked.errors);
      const result = await takeStep(app.db, scope, id, kind, parsed.data, today, checked.files);
      if (result === null) throw notFound('request_not_found');
      if (!result.ok) return fail(result.errors);
      deliverSoon(app);
      return reply.redirectWithFlash(`${adminBase(c.slug)}/${id}#trail`, 'information.admin.flash.step');
    });
  }
}

async function pageRoutes(app: FastifyInstance) {
  const processPost = { ...processing, preHandler: app.csrfProtection };
  const officePost = { ...office, preHandler: app.csrfProtection };

  app.get<{ Params: Params; Querystring: Record<string, string> }>('/admin/c/:slug/information', processing, async (request, reply) => {
    const { c } = staff(request);
    const q = worklistQuery.parse(request.query ?? {});
    const locale = request.locale;
    const t = translator(locale);
    const today = todayInCasablanca();
    const page = await worklist(app.db, c.id, { status: q.status, today, after: q.after });
    const base = adminBase(c.slug);
    const withStatus = (extra: string) => `${base}?${[q.status ? `status=${q.status}` : '', extra].filter(Boolean).join('&')}`;
    return reply.page(
      <WorklistPage
        place={adminPlace(c, request)}
        filter={q.status}
        canOffice={allowed(request.user, 'information.office', c.id)}
        firstHref={q.after ? (q.status ? withStatus('') : base) : null}
        nextHref={page.next ? withStatus(`after=${encodeURIComponent(page.next)}`) : null}
        rows={page.rows.map((r) => {
          const dates = { status: r.status as Status, due_on: r.due_on, complaint_due_on: r.complaint_due_on };
          const due = runningDeadline(dates);
          return {
            id: r.id,
            subject: r.subject,
            status: r.status,
            statusLabel: t(`information.status.${r.status}`),
            overdue: isOverdue(dates, today),
            urgent: r.urgent === 1,
            channel: t(`information.channel.${r.channel}`),
            received: formatDate(locale, r.received_on),
            due: due ? formatDate(locale, due) : null,
            example: r.is_example === 1,
          };
        })}
      />,
    );
  });

  // ---- a request filed at the desk ----

  const deskPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, values: FormValues, errors: FieldErrors = {}) =>
    reply.page(<DeskRequestPage place={adminPlace(c, request)} action={`${adminBase(c.slug)}/new`} state={{ values, errors, constraints: deskConstraints }} />, Object.keys(errors).length > 0 ? 400 : 200);

  app.get<{ Params: Params }>('/admin/c/:slug/information/new', processing, async (request, reply) => {
    const { c } = staff(request);
    return deskPage(request, reply, c, { channel: 'desk', received_on: todayInCasablanca(), delivery: 'copy', language: request.locale });
  });

  app.post<{ Params: Params }>('/admin/c/:slug/information/new', processPost, async (request, reply) => {
    const { c, scope } = staff(request);
    const values = (request.body ?? {}) as FormValues;
    const today = todayInCasablanca();
    const parsed = deskRequestForm(today).safeParse(values);
    if (!parsed.success) return deskPage(request, reply, c, values, fieldErrors(parsed.error));
    const d = parsed.data;
    const result = await fileRequest(
      app.db,
      scope,
      {
        channel: d.channel, receivedOn: d.received_on, subject: d.subject, details: d.details, delivery: d.delivery, language: d.language, urgent: d.urgent, urgentGround: d.urgent_ground,
        requester: { name: d.requester_name, contact: d.requester_contact, email: d.requester_email },
      },
      today,
    );
    if (!result.ok) return deskPage(request, reply, c, values, result.errors);
    deliverSoon(app);
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${result.value.id}`, 'information.desk.flash.filed');
  });

  // ---- the information office ----

  const officePage = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, values: FormValues, errors: FieldErrors = {}) => {
    const team = await teamOf(app.db, c.id);
    return reply.page(
      <OfficePage place={adminPlace(c, request)} state={{ values, errors, constraints: officeConstraints }} team={team.map((u) => [String(u.id), `${u.display_name} <${u.email}>`])} />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/information/office', office, async (request, reply) => {
    const { c } = staff(request);
    const row = await app.db.selectFrom('information_office').selectAll().where('collectivity_id', '=', c.id).executeTakeFirst();
    const values: FormValues = {};
    if (row) for (const [k, v] of Object.entries(row)) if (typeof v === 'string' || typeof v === 'number') values[k] = String(v);
    return officePage(request, reply, c, values);
  });

  app.post<{ Params: Params }>('/admin/c/:slug/information/office', officePost, async (request, reply) => {
    const { collectivity: c, actor } = staffOf(request);
    const values = (request.body ?? {}) as FormValues;
    const parsed = officeForm.safeParse(values);
    if (!parsed.success) return officePage(request, reply, c, values, fieldErrors(parsed.error));
    const result = await saveOffice(app.db, { actor, collectivityId: c.id }, parsed.data);
    if (!result.ok) return officePage(request, reply, c, values, result.errors);
    return reply.redirectWithFlash(`${adminBase(c.slug)}/office`, 'information.office.flash.saved');
  });

  // ---- a request ----

  app.get<{ Params: Params }>('/admin/c/:slug/information/:id', processing, async (request, reply) => {
    const { c } = staff(request);
    return requestPage(request, reply, c, requireId(request.params.id, 'request_not_found'));
  });

  app.get<{ Params: Params }>('/admin/c/:slug/information/:id/files/:file', processing, async (request, reply) => {
    const { c } = staff(request);
    const file = await fileOf(app.db, c.id, requireId(request.params.id, 'request_not_found'), requireId(request.params.file, 'file_not_found'));
    if (!file) throw notFound('file_not_found');
    return sendPrivateFile(reply, file);
  });

}
