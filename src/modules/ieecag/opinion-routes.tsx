// The advisory opinions' routes. Public, through the page cache: the register
// /{locale}/c/{slug}/ieecag/opinions (filters ?response= and ?year=, keyset pages ?after=), an
// opinion's page …/opinions/{id}, its PDF …/opinions/{id}/opinion.pdf — published opinions only.
// Back office /admin/c/{slug}/ieecag/opinions…: who is signed in → the action's permission in this
// collectivity (ieecag.edit to read, opinion.draft, opinion.adopt, opinion.respond to write) →
// CSRF → zod → command → redirect with a message, or the same page with the values and errors (400).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowed, staffOf } from '../../platform/auth/permissions.ts';
import type { CommandResult } from '../../platform/commands.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { parseId, requireId } from '../../platform/params.ts';
import { type Collectivity, pick, pickField, pickText, requireCollectivity } from '../../platform/tenancy.ts';
import type { FormState } from '../../platform/ui/form.tsx';
import { acceptOf, checkFiles, multipartForms, readForm, sendStoredFile } from '../../platform/uploads.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import type { z } from 'zod';
import { currentProgramme, programmeTreeOf } from '../programme/manifest.ts';
import { opinionsApi } from './api.ts';
import { type Scope, adoptOpinion, deleteOpinion, draftOpinion, publishOpinion, recordResponse, setOpinionFile, transmitOpinion, updateOpinion } from './commands/opinions.ts';
import { opinionFigures, overdueBefore, responseDelay } from './opinion-figures.ts';
import { adoptForm, opinionForm, registerQuery, responseForm, transmitForm } from './opinion-schema.ts';
import { REGISTER_PAGE, budgetProjectsAmong, findOpinion, isOverdue, opinionFile, opinionFileInfo, opinionLinks, opinionsPage, parseCursor, proposalsAmong } from './opinions.ts';
import type { OpinionRow } from './tables.ts';
import { OpinionAdminPage, OpinionFormPage, OpinionsAdminPage, type PlanOptions, type StepForms } from './views/opinions-admin.tsx';
import { type LinkView, OpinionPage, RegisterPage, presentDetails, presentOpinion } from './views/opinions.tsx';

export const MAX_OPINION_PDF_BYTES = 10 * 1024 * 1024;
const pdfTypes: Record<string, string> = { pdf: 'application/pdf' };

type Params = { slug: string; id: string };
type PublicParams = Params & { locale: string };
type Form = { values: FormValues; errors: FieldErrors };

const constraints = { opinion: htmlConstraints(opinionForm), adopt: htmlConstraints(adoptForm), transmit: htmlConstraints(transmitForm), respond: htmlConstraints(responseForm) };

const read = { config: { permission: 'ieecag.edit' } } as const;
const draft = { config: { permission: 'opinion.draft' } } as const;
const adopt = { config: { permission: 'opinion.adopt' } } as const;
const respond = { config: { permission: 'opinion.respond' } } as const;

/** The programme items, proposals and budget projects an opinion is about, with their public pages. */
async function linkViews(app: FastifyInstance, c: Collectivity, opinionId: number, locale: Locale, base: string): Promise<LinkView[]> {
  const links = await opinionLinks(app.db, c.id, opinionId);
  if (links.length === 0) return [];
  const t = translator(locale);
  const programme = await currentProgramme(app.db, c.id);
  const tree = programme ? await programmeTreeOf(app, c, programme) : null;
  const [proposals, budget] = await Promise.all([
    proposalsAmong(app.db, c.id, links.filter((l) => l.kind === 'proposal').map((l) => l.id)),
    budgetProjectsAmong(app.db, c.id, links.filter((l) => l.kind === 'budget_project').map((l) => l.id)),
  ]);
  const out: LinkView[] = [];
  for (const l of links) {
    if (l.kind === 'axis') {
      const a = tree?.axes.find((x) => x.id === l.id);
      // an axis of an earlier programme: its page is that programme's, not known here
      if (a) out.push({ label: t('ieecag.opinions.link.axis', { n: a.number }), title: pickField(a, 'title', locale), href: `${base}/programme#axis-${a.number}` });
    } else if (l.kind === 'project') {
      const p = tree?.projects.find((x) => x.id === l.id);
      if (p) out.push({ label: t('ieecag.opinions.link.project', { n: p.number }), title: pickField(p, 'title', locale), href: `${base}/programme/projects/${p.number}` });
    } else if (l.kind === 'activity') {
      const a = tree?.activities.find((x) => x.id === l.id);
      // activity ids are global: the short URL redirects to the activity's own programme
      out.push({ label: t('ieecag.opinions.link.activity'), title: a ? pickField(a, 'title', locale) : null, href: `${base}/programme/activities/${l.id}` });
    } else if (l.kind === 'proposal') {
      const p = proposals.find((x) => x.id === l.id);
      if (p) out.push({ label: t('ieecag.opinions.link.proposal', { n: p.id }), title: { text: p.title, lang: isLocale(p.lang) ? p.lang : 'ar' }, href: `${base}/proposals/${p.id}` });
    } else {
      const p = budget.find((x) => x.id === l.id);
      if (p) out.push({ label: t('ieecag.opinions.link.budgetProject', { n: p.id }), title: p.title, href: `${base}/budgets/${p.round_id}#project-${p.id}` });
    }
  }
  return out;
}

async function details(app: FastifyInstance, c: Collectivity, o: OpinionRow, locale: Locale, base: string, delayDays: number) {
  const [file, links] = await Promise.all([opinionFileInfo(app.db, c.id, o.id), linkViews(app, c, o.id, locale, base)]);
  const fileView = file ? { href: `${base}/ieecag/opinions/${o.id}/opinion.pdf`, name: file.original_name, kb: Math.max(1, Math.round(file.size / 1024)) } : null;
  return presentDetails(o, locale, fileView, links, delayDays);
}

export async function opinionRoutes(app: FastifyInstance) {
  await app.register(opinionsApi);
  await app.register(publicRoutes);
  await app.register(fileUpload);
  await app.register(adminRoutes);
}

// ---- public ------------------------------------------------------------------------------------

async function publicRoutes(app: FastifyInstance) {
  async function placeOf(request: FastifyRequest<{ Params: Partial<PublicParams> }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug ?? '');
    return { c, where: { name: pick(c.name, request.locale), href: `/${request.locale}/c/${c.slug}` } };
  }

  async function publishedOpinion(request: FastifyRequest<{ Params: PublicParams }>, c: Collectivity): Promise<OpinionRow> {
    const id = parseId(request.params.id);
    const o = id === null ? undefined : await findOpinion(app.db, c.id, id);
    if (!o || o.status !== 'published') throw notFound('opinion_not_found');
    return o;
  }

  app.get<{ Params: PublicParams; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/ieecag/opinions', async (request, reply) => {
    const { c, where } = await placeOf(request);
    const q = registerQuery.parse(request.query ?? {});
    // "overdue" moves with the day: cachedPage keys every page on the day as well
    const key = `ieecag-opinions:${c.id}:${c.contentVersion}:${q.response ?? ''}:${q.year ?? ''}:${q.after ?? ''}`;
    return cachedPage(request, reply, key, async () => {
      const today = todayInCasablanca();
      const locale = request.locale;
      const [delay, figures] = await Promise.all([responseDelay(app.db, c.id), opinionFigures(app.db, c.id, today)]);
      const page = await opinionsPage(app.db, c.id, {
        publishedOnly: true,
        response: q.response,
        year: q.year ? Number(q.year) : undefined,
        after: parseCursor(q.after),
        limit: REGISTER_PAGE,
        overdueBefore: overdueBefore(today, delay),
      });
      const base = `/${locale}/c/${c.slug}`;
      const filters = new URLSearchParams();
      if (q.response) filters.set('response', q.response);
      if (q.year) filters.set('year', q.year);
      const href = (extra: Record<string, string>) => {
        const p = new URLSearchParams(filters);
        for (const [k, v] of Object.entries(extra)) p.set(k, v);
        const s = p.toString();
        return `${base}/ieecag/opinions${s ? `?${s}` : ''}`;
      };
      return (
        <RegisterPage
          place={where}
          base={base}
          filters={{ response: q.response ?? '', year: q.year ?? '' }}
          section={{ opinions: page.items.map((o) => presentOpinion(o, locale, isOverdue(o, today, delay))), firstHref: q.after ? href({}) : null, nextHref: page.next ? href({ after: page.next }) : null }}
          figures={{ published: figures.published, transmitted: figures.transmitted, followed: figures.responses.followed + figures.responses.partly, overdue: figures.overdue, delayDays: delay }}
          apiHref={`/api/v1/collectivities/${c.slug}/ieecag/opinions`}
        />
      );
    });
  });

  app.get<{ Params: PublicParams }>('/:locale/c/:slug/ieecag/opinions/:id', async (request, reply) => {
    const { c, where } = await placeOf(request);
    const id = parseId(request.params.id);
    if (id === null) throw notFound('opinion_not_found');
    // the opinion is read when the page is rendered, not on every visit (an unknown or unpublished
    // one fails the render: nothing is kept)
    return cachedPage(request, reply, `ieecag-opinion:${c.id}:${c.contentVersion}:${id}`, async () => {
      const o = await publishedOpinion(request, c);
      const today = todayInCasablanca();
      const locale = request.locale;
      const base = `/${locale}/c/${c.slug}`;
      const delay = await responseDelay(app.db, c.id);
      return <OpinionPage place={where} base={base} opinion={presentOpinion(o, locale, isOverdue(o, today, delay))} details={await details(app, c, o, locale, base, delay)} />;
    });
  });

  // The PDF: a download (a browser's PDF viewer would run its scripts under our address), with
  // its stored type, nosniff and an ETag of its content; the URL names the opinion, not the file.
  app.get<{ Params: PublicParams }>('/:locale/c/:slug/ieecag/opinions/:id/opinion.pdf', async (request, reply) => {
    const { c } = await placeOf(request);
    const o = await publishedOpinion(request, c);
    const file = await opinionFile(app.db, c.id, o.id);
    if (!file || file.mime !== 'application/pdf') throw notFound();
    return sendStoredFile(request, reply, file);
  });
}

// ---- back office -------------------------------------------------------------------------------

function staff(request: FastifyRequest) {
  const { collectivity: c, actor } = staffOf(request);
  const scope: Scope = { actor, collectivityId: c.id };
  return { c, scope };
}

const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });
const listBase = (c: Collectivity) => `/admin/c/${c.slug}/ieecag/opinions`;

async function staffOpinion(request: FastifyRequest<{ Params: Partial<Params> }>, c: Collectivity): Promise<OpinionRow> {
  const o = await findOpinion(request.server.db, c.id, requireId(request.params.id, 'opinion_not_found'));
  if (!o) throw notFound('opinion_not_found');
  return o;
}

/** An opinion's page in the back office, with its forms (one of them possibly refused). */
async function opinionAdminPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, o: OpinionRow, forms: Partial<Record<keyof StepForms, Form>> = {}, status = 200) {
  const app = request.server;
  const locale = request.locale;
  const today = todayInCasablanca();
  const delay = await responseDelay(app.db, c.id);
  const publicBase = `/${locale}/c/${c.slug}`;
  const d = await details(app, c, o, locale, publicBase, delay);
  const state = (f: Form | undefined, k: keyof typeof constraints | null, values: FormValues = {}): FormState => ({ ...(f ?? { values, errors: {} }), constraints: k ? constraints[k] : {} });
  return reply.page(
    <OpinionAdminPage
      place={place(c, request)}
      opinion={presentOpinion(o, locale, isOverdue(o, today, delay))}
      details={d}
      publicHref={o.status === 'published' ? `${publicBase}/ieecag/opinions/${o.id}` : null}
      can={{ draft: allowed(request.user, 'opinion.draft', c.id), adopt: allowed(request.user, 'opinion.adopt', c.id), respond: allowed(request.user, 'opinion.respond', c.id) }}
      forms={{
        file: state(forms.file, null),
        adopt: state(forms.adopt, 'adopt', { adopted_on: today }),
        transmit: state(forms.transmit, 'transmit', { transmitted_on: today }),
        respond: state(forms.respond, 'respond', {
          response_status: o.response_status === 'pending' ? '' : o.response_status,
          response_on: o.response_on ?? today,
          ...Object.fromEntries(['response_reason', 'response_decision'].flatMap((n) => (['ar', 'fr', 'en'] as const).map((l) => [`${n}_${l}`, (o[`${n}_${l}` as keyof OpinionRow] as string | null) ?? '']))),
        }),
        refused: forms.refused?.errors ?? {},
      }}
      pdf={{ accept: acceptOf(pdfTypes), maxMb: MAX_OPINION_PDF_BYTES / 1024 / 1024 }}
    />,
    status,
  );
}

/** The upload: multipart is taken in this scope only, with its own size limit. */
async function fileUpload(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_OPINION_PDF_BYTES, files: 1, fields: 5 });
  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/opinions/:id/file', draft, async (request, reply) => {
    const { c, scope } = staff(request);
    const o = await staffOpinion(request, c);
    // the file is read only now, once the role and then the CSRF token are checked
    const { files } = await readForm(request, reply);
    const fail = (errors: FieldErrors) => opinionAdminPage(request, reply, c, o, { file: { values: {}, errors } }, 400);
    if (files.length === 0) return fail({ opinion_file: { key: 'errors.required' } });
    const checked = await checkFiles(files, { types: pdfTypes, maxBytes: MAX_OPINION_PDF_BYTES, maxFiles: 1, field: 'opinion_file' });
    if (Object.keys(checked.errors).length > 0) return fail(checked.errors);
    const result = await setOpinionFile(app.db, scope, o.id, checked.files[0]!);
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(`${listBase(c)}/${o.id}`, 'ieecag.opinions.flash.file');
  });
}

/** A draft as its form shows it. */
async function formValues(request: FastifyRequest, c: Collectivity, o: OpinionRow): Promise<FormValues> {
  const links = await opinionLinks(request.server.db, c.id, o.id);
  const l10n = (name: string) => Object.fromEntries((['ar', 'fr', 'en'] as const).map((l) => [`${name}_${l}`, (o[`${name}_${l}` as keyof OpinionRow] as string | null) ?? '']));
  const ids = (kind: string) => links.filter((l) => l.kind === kind).map((l) => String(l.id));
  return {
    ...l10n('subject'),
    origin: o.origin,
    requested_on: o.requested_on ?? '',
    ...l10n('council_session'),
    ...l10n('body'),
    axis_ids: ids('axis'),
    project_ids: ids('project'),
    activity_ids: ids('activity'),
    proposal_ids: ids('proposal').join(', '),
    budget_project_ids: ids('budget_project').join(', '),
  };
}

async function adminRoutes(app: FastifyInstance) {
  async function planOptions(c: Collectivity, locale: Locale): Promise<PlanOptions> {
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

  app.get<{ Params: Params; Querystring: { after?: string } }>('/admin/c/:slug/ieecag/opinions', read, async (request, reply) => {
    const { c } = staff(request);
    const today = todayInCasablanca();
    const delay = await responseDelay(app.db, c.id);
    const after = request.query?.after;
    const page = await opinionsPage(app.db, c.id, { publishedOnly: false, after: parseCursor(after), limit: REGISTER_PAGE, overdueBefore: overdueBefore(today, delay) });
    const base = listBase(c);
    return reply.page(
      <OpinionsAdminPage
        place={place(c, request)}
        section={{ opinions: page.items.map((o) => presentOpinion(o, request.locale, isOverdue(o, today, delay))), firstHref: after ? base : null, nextHref: page.next ? `${base}?after=${encodeURIComponent(page.next)}` : null }}
        canDraft={allowed(request.user, 'opinion.draft', c.id)}
      />,
    );
  });

  async function formPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, o: OpinionRow | null, form: Form, status = 200) {
    const base = listBase(c);
    const t = translator(request.locale);
    return reply.page(
      <OpinionFormPage
        place={place(c, request)}
        action={o ? `${base}/${o.id}/edit` : base}
        title={o ? t('ieecag.opinions.admin.editTitle', { number: `${o.number}/${o.year}` }) : t('ieecag.opinions.admin.new')}
        state={{ ...form, constraints: constraints.opinion }}
        plan={await planOptions(c, request.locale)}
        trail={o ? [[t('ieecag.opinions.admin.title'), base], [`${o.number}/${o.year}`, `${base}/${o.id}`]] : [[t('ieecag.opinions.admin.title'), base]]}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/opinions/new', draft, async (request, reply) => {
    const { c } = staff(request);
    return formPage(request, reply, c, null, { values: { origin: 'self' }, errors: {} });
  });

  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/opinions', { ...draft, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = staff(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = opinionForm.safeParse(body);
    if (!parsed.success) return formPage(request, reply, c, null, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const result = await draftOpinion(app.db, scope, parsed.data);
    if (!result.ok) return formPage(request, reply, c, null, { values: body, errors: result.errors }, 400);
    return reply.redirectWithFlash(`${listBase(c)}/${result.value.id}`, 'ieecag.opinions.flash.drafted');
  });

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/opinions/:id', read, async (request, reply) => {
    const { c } = staff(request);
    return opinionAdminPage(request, reply, c, await staffOpinion(request, c));
  });

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/opinions/:id/edit', draft, async (request, reply) => {
    const { c } = staff(request);
    const o = await staffOpinion(request, c);
    // an adopted opinion is the commission's word: its page, not a form
    if (o.status !== 'draft') return reply.redirect(`${listBase(c)}/${o.id}`, 303);
    return formPage(request, reply, c, o, { values: await formValues(request, c, o), errors: {} });
  });

  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/opinions/:id/edit', { ...draft, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = staff(request);
    const o = await staffOpinion(request, c);
    const body = (request.body ?? {}) as FormValues;
    const parsed = opinionForm.safeParse(body);
    if (!parsed.success) return formPage(request, reply, c, o, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const result = await updateOpinion(app.db, scope, o.id, parsed.data);
    if (!result.ok) return formPage(request, reply, c, o, { values: body, errors: result.errors }, 400);
    return reply.redirectWithFlash(`${listBase(c)}/${o.id}`, 'ieecag.opinions.flash.saved');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/opinions/:id/delete', { ...draft, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = staff(request);
    const o = await staffOpinion(request, c);
    const result = await deleteOpinion(app.db, scope, o.id);
    if (!result.ok) return opinionAdminPage(request, reply, c, o, { refused: { values: {}, errors: result.errors } }, 400);
    return reply.redirectWithFlash(listBase(c), 'ieecag.opinions.flash.deleted');
  });

  /** A step of the opinion's page: validate, run, redirect with a message, or show the page again. */
  function stepRoute<S extends z.ZodType>(opts: {
    path: 'adopt' | 'publish' | 'transmit' | 'respond';
    permission: typeof adopt | typeof respond;
    schema: S | null;
    run: (scope: Scope, o: OpinionRow, data: z.output<S>) => Promise<CommandResult<unknown>>;
    flash: string;
  }) {
    const form: keyof StepForms = opts.path === 'publish' ? 'refused' : opts.path;
    app.post<{ Params: Params }>(`/admin/c/:slug/ieecag/opinions/:id/${opts.path}`, { ...opts.permission, preHandler: app.csrfProtection }, async (request, reply) => {
      const { c, scope } = staff(request);
      const o = await staffOpinion(request, c);
      const body = (request.body ?? {}) as FormValues;
      let data = {} as z.output<S>;
      if (opts.schema) {
        const parsed = opts.schema.safeParse(body);
        if (!parsed.success) return opinionAdminPage(request, reply, c, o, { [form]: { values: body, errors: fieldErrors(parsed.error) } }, 400);
        data = parsed.data as z.output<S>;
      }
      const result = await opts.run(scope, o, data);
      if (!result.ok) return opinionAdminPage(request, reply, c, o, { [form]: { values: body, errors: result.errors } }, 400);
      return reply.redirectWithFlash(`${listBase(c)}/${o.id}`, opts.flash);
    });
  }

  stepRoute({ path: 'adopt', permission: adopt, schema: adoptForm, run: (scope, o, data) => adoptOpinion(app.db, scope, o.id, data), flash: 'ieecag.opinions.flash.adopted' });
  stepRoute({ path: 'publish', permission: adopt, schema: null, run: (scope, o) => publishOpinion(app.db, scope, o.id), flash: 'ieecag.opinions.flash.published' });
  stepRoute({ path: 'transmit', permission: respond, schema: transmitForm, run: (scope, o, data) => transmitOpinion(app.db, scope, o.id, data), flash: 'ieecag.opinions.flash.transmitted' });
  stepRoute({ path: 'respond', permission: respond, schema: responseForm, run: (scope, o, data) => recordResponse(app.db, scope, o.id, data), flash: 'ieecag.opinions.flash.responded' });
}
