// Consultation on the draft programme.
//   Public (cached): /{locale}/c/{slug}/consultation — the draft projects with their counts;
//                    /{locale}/c/{slug}/consultation/projects/{n} — a project's contributions.
//   Verified accounts (uncached forms): …/consultation/projects/{n}/contribute and …/support.
//   Back office: /admin/c/{slug}/consultation (window, counts), …/consultation/contributions
//                (contributions collected at a workshop, all or none).
import { parseId } from '../../platform/params.ts';
import { staffScope } from './staff.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { formatDate, formatDateTime, isoToCasablanca } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick, requireCollectivity, pickText } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { requireVerifiedCitizen } from '../accounts/manifest.ts';
import { currentProgramme } from '../programme/manifest.ts';
import {
  type ConsultationWindow,
  type WindowState,
  addWorkshopContributions,
  consultationWindow,
  contribute,
  contributionForm,
  contributionsOf,
  countsByProject,
  draftProject,
  saveWindow,
  supportDraftProject,
  windowForm,
  windowState,
  workshopContributionsForm,
} from './commands/consultation.ts';
import {
  ConsultationAdminPage,
  ConsultationPage,
  ConsultationProjectPage,
  ContributePage,
  type DraftProjectView,
  SupportDraftPage,
  type WindowView,
  WorkshopContributionsPage,
} from './views/consultation.tsx';
import './tables.ts';
import './consultation-tables.ts';

type Params = { locale: string; slug: string; n?: string };
type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof currentProgramme>>>;
type ProjectRow = NonNullable<Awaited<ReturnType<typeof draftProject>>>;
const constraints = {
  contribute: htmlConstraints(contributionForm),
  window: htmlConstraints(windowForm),
  workshop: htmlConstraints(workshopContributionsForm),
};
const noCounts = { contributions: 0, online: 0, workshop: 0, supports: 0 };

/** Where the consultation stands, in one localized sentence. */
function windowView(locale: Locale, state: WindowState, window: ConsultationWindow | null): WindowView {
  const t = translator(locale);
  const span = window ? { from: formatDateTime(locale, window.opensAt), to: formatDateTime(locale, window.closesAt) } : {};
  return { open: state === 'open', message: t(`cocreation.consultation.state.${state}`, span) };
}

export async function consultationRoutes(app: FastifyInstance) {
  await app.register(consultationPublicRoutes);
  await app.register(consultationAdminRoutes);
}

async function consultationPublicRoutes(app: FastifyInstance) {
  async function context(request: FastifyRequest<{ Params: Params }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug);
    const programme = await currentProgramme(app.db, c.id);
    if (!programme) throw notFound('programme_not_found');
    const window = await consultationWindow(app.db, c.id, programme.id);
    return { c, programme, window, state: windowState(programme.status, window) };
  }
  async function projectOf(c: Collectivity, programme: ProgrammeRow, n: string | undefined) {
    const number = parseId(n);
    const project = number === null ? undefined : await draftProject(app.db, c.id, programme.id, number);
    if (!project) throw notFound('project_not_found');
    return project;
  }
  const base = (request: FastifyRequest, c: Collectivity) => `/${request.locale}/c/${c.slug}`;
  const placeOf = (request: FastifyRequest, c: Collectivity) => ({ name: pick(c.name, request.locale), href: base(request, c) });

  async function projectViews(request: FastifyRequest, c: Collectivity, programme: ProgrammeRow, open: boolean, only?: number): Promise<DraftProjectView[]> {
    const locale = request.locale;
    const [projects, axes, counts] = await Promise.all([
      app.db
        .selectFrom('project')
        .selectAll()
        .where('collectivity_id', '=', c.id)
        .where('programme_id', '=', programme.id)
        .$if(only !== undefined, (q) => q.where('id', '=', only!))
        .orderBy('number')
        .execute(),
      app.db.selectFrom('axis').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).execute(),
      countsByProject(app.db, c.id, programme.id),
    ]);
    const t = translator(locale);
    const axisById = new Map(axes.map((a) => [a.id, a]));
    return projects.map((p) => {
      const href = `${base(request, c)}/consultation/projects/${p.number}`;
      const axis = axisById.get(p.axis_id);
      return {
        number: p.number,
        title: pickText(p, 'title', locale)!,
        objectives: pickText(p, 'objectives', locale),
        axis: axis ? { text: `${t('programme.axisN', { n: axis.number })}: ${pickText(axis, 'title', locale)!.text}`, lang: pickText(axis, 'title', locale)!.lang } : { text: '', lang: locale },
        counts: counts.get(p.id) ?? noCounts,
        href,
        contributeHref: open ? `${href}/contribute` : null,
        supportHref: open ? `${href}/support` : null,
      };
    });
  }

  // The list of draft projects. Cached: the key holds the window's state, which changes with time
  // (not only with writes), so a page never offers the forms once the window has closed.
  app.get<{ Params: Params }>('/:locale/c/:slug/consultation', async (request, reply) => {
    const { c, programme, window, state } = await context(request);
    return cachedPage(request, reply, `consultation:${c.id}:${c.contentVersion}:${state}`, async () => (
      <ConsultationPage
        place={placeOf(request, c)}
        programme={pickText(programme, 'title', request.locale)!}
        window={windowView(request.locale, state, window)}
        projects={await projectViews(request, c, programme, state === 'open')}
      />
    ));
  });

  app.get<{ Params: Params; Querystring: { before?: string } }>('/:locale/c/:slug/consultation/projects/:n', async (request, reply) => {
    const { c, programme, window, state } = await context(request);
    const project = await projectOf(c, programme, request.params.n);
    const before = parseId(request.query.before) ?? undefined;
    return cachedPage(request, reply, `consultation-project:${c.id}:${c.contentVersion}:${state}:${before ?? ''}`, async () => {
      const locale = request.locale;
      const [view] = await projectViews(request, c, programme, state === 'open', project.id);
      const page = await contributionsOf(app.db, c.id, project.id, before);
      const eventIds = [...new Set(page.items.map((x) => x.event_id).filter((id): id is number => id !== null))];
      const events = eventIds.length
        ? new Map((await app.db.selectFrom('participation_event').selectAll().where('collectivity_id', '=', c.id).where('id', 'in', eventIds).execute()).map((e) => [e.id, e]))
        : new Map();
      return (
        <ConsultationProjectPage
          place={placeOf(request, c)}
          project={view}
          window={windowView(locale, state, window)}
          contributions={page.items.map((x) => ({
            iso: x.submitted_at,
            date: formatDate(locale, x.submitted_at.slice(0, 10)),
            channel: x.channel,
            body: x.body,
            // the demo's contributions were written in Arabic
            lang: x.lang ?? (x.is_demo === 1 ? 'ar' : null),
            event: x.event_id !== null && events.has(x.event_id) ? pickText(events.get(x.event_id)!, 'title', locale) : null,
            demo: x.is_demo === 1,
          }))}
          nextHref={page.next ? `${view.href}?before=${page.next}` : null}
          firstHref={before ? view.href : null}
        />
      );
    });
  });

  // --- contributing: a form page of its own, never cached ----------------------------------------
  const formProject = (request: FastifyRequest, c: Collectivity, project: ProjectRow) => ({
    number: project.number,
    title: pickText(project, 'title', request.locale)!,
    href: `${base(request, c)}/consultation/projects/${project.number}`,
  });
  /** The refusal of a closed consultation: the general message, then when it was / will be open. */
  const closedMessage = (locale: Locale, state: WindowState, window: ConsultationWindow | null) =>
    `${translator(locale)('cocreation.consultation.closed')} ${windowView(locale, state, window).message}`;

  const contributePage = (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: Awaited<ReturnType<typeof context>>,
    project: ProjectRow,
    values: FormValues,
    errors: FieldErrors,
    status = 200,
  ) => {
    const locale = request.locale;
    const t = translator(locale);
    const general = errors._;
    const message = general
      ? general.key === 'cocreation.consultation.closed'
        ? closedMessage(locale, ctx.state === 'open' ? 'none' : ctx.state, ctx.window)
        : t(general.key, general.values)
      : undefined;
    return reply.page(
      <ContributePage
        place={placeOf(request, ctx.c)}
        project={formProject(request, ctx.c, project)}
        window={windowView(locale, ctx.state, ctx.window)}
        state={{ values, errors, constraints: constraints.contribute }}
        message={message}
      />,
      status,
      { csrf: true },
    );
  };

  app.get<{ Params: Params }>('/:locale/c/:slug/consultation/projects/:n/contribute', async (request, reply) => {
    const ctx = await context(request);
    const project = await projectOf(ctx.c, ctx.programme, request.params.n);
    if (!(await requireVerifiedCitizen(request, reply))) return reply;
    return contributePage(request, reply, ctx, project, {}, {});
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/consultation/projects/:n/contribute', { preHandler: app.csrfProtection }, async (request, reply) => {
    const ctx = await context(request);
    const project = await projectOf(ctx.c, ctx.programme, request.params.n);
    const href = `${base(request, ctx.c)}/consultation/projects/${project.number}`;
    const citizen = await requireVerifiedCitizen(request, reply, { next: `${href}/contribute` });
    if (!citizen) return reply;
    const body = (request.body ?? {}) as FormValues;
    const values = { body: body.body };
    const parsed = contributionForm.safeParse(body);
    if (!parsed.success) return contributePage(request, reply, ctx, project, values, fieldErrors(parsed.error), 400);
    const result = await contribute(app.db, { collectivityId: ctx.c.id, programmeId: ctx.programme.id, userId: citizen.id }, project.id, parsed.data.body, request.locale);
    if (!result.ok) {
      const key = result.errors._?.key;
      // the state may have changed since the page was read: read it again for the message
      const fresh = key === 'cocreation.consultation.closed' ? await context(request) : ctx;
      return contributePage(request, reply, fresh, project, values, result.errors, key === 'cocreation.consultation.tooMany' ? 429 : 400);
    }
    return reply.redirectWithFlash(href, 'cocreation.consultation.published');
  });

  // --- supporting: a confirmation page with its own form ---------------------------------------
  const supportPage = async (request: FastifyRequest, reply: FastifyReply, ctx: Awaited<ReturnType<typeof context>>, project: ProjectRow, message?: string, status = 200) => {
    const counts = (await countsByProject(app.db, ctx.c.id, ctx.programme.id)).get(project.id) ?? noCounts;
    return reply.page(
      <SupportDraftPage
        place={placeOf(request, ctx.c)}
        project={formProject(request, ctx.c, project)}
        window={windowView(request.locale, ctx.state, ctx.window)}
        supports={counts.supports}
        message={message}
      />,
      status,
      { csrf: true },
    );
  };

  app.get<{ Params: Params }>('/:locale/c/:slug/consultation/projects/:n/support', async (request, reply) => {
    const ctx = await context(request);
    const project = await projectOf(ctx.c, ctx.programme, request.params.n);
    if (!(await requireVerifiedCitizen(request, reply))) return reply;
    return supportPage(request, reply, ctx, project);
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/consultation/projects/:n/support', { preHandler: app.csrfProtection }, async (request, reply) => {
    const ctx = await context(request);
    const project = await projectOf(ctx.c, ctx.programme, request.params.n);
    const href = `${base(request, ctx.c)}/consultation/projects/${project.number}`;
    const citizen = await requireVerifiedCitizen(request, reply, { next: `${href}/support` });
    if (!citizen) return reply;
    const result = await supportDraftProject(app.db, { collectivityId: ctx.c.id, programmeId: ctx.programme.id, userId: citizen.id }, project.id);
    if (result.ok) return reply.redirectWithFlash(href, 'cocreation.consultation.supported');
    const key = result.errors._?.key ?? 'errors.formInvalid';
    if (key === 'cocreation.consultation.alreadySupported') return reply.redirectWithFlash(href, key);
    const fresh = await context(request);
    return supportPage(request, reply, fresh, project, closedMessage(request.locale, fresh.state === 'open' ? 'none' : fresh.state, fresh.window), 400);
  });
}

// --- back office ----------------------------------------------------------------------------------

async function consultationAdminRoutes(app: FastifyInstance) {

  const scopeFor = staffScope;
  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });
  const base = (c: Collectivity) => `/admin/c/${c.slug}/consultation`;

  const overview = async (request: FastifyRequest, reply: FastifyReply, values: FormValues | null, errors: FieldErrors, status = 200) => {
    const { c, programme } = await scopeFor(request as FastifyRequest<{ Params: Params }>);
    const locale = request.locale;
    const [window, projects, counts] = await Promise.all([
      consultationWindow(app.db, c.id, programme.id),
      app.db.selectFrom('project').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).orderBy('number').execute(),
      countsByProject(app.db, c.id, programme.id),
    ]);
    const current = values ?? (window ? { opens_local: isoToCasablanca(window.opensAt), closes_local: isoToCasablanca(window.closesAt) } : {});
    return reply.page(
      <ConsultationAdminPage
        place={place(c, request)}
        programmeStatus={programme.status}
        window={windowView(locale, windowState(programme.status, window), window)}
        state={{ values: current, errors, constraints: constraints.window }}
        projects={projects.map((p) => ({ number: p.number, title: pickText(p, 'title', locale)!, counts: counts.get(p.id) ?? noCounts }))}
        publicHref={`/${locale}/c/${c.slug}/consultation`}
      />,
      status,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/consultation', { config: { permission: 'cocreation.edit' } }, (request, reply) => overview(request, reply, null, {}));

  app.post<{ Params: Params }>('/admin/c/:slug/consultation/window', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = windowForm.safeParse(body);
    if (!parsed.success) return overview(request, reply, body, fieldErrors(parsed.error), 400);
    const result = await saveWindow(app.db, scope, parsed.data);
    if (!result.ok) return overview(request, reply, body, result.errors, 400);
    return reply.redirectWithFlash(base(c), 'cocreation.consultation.admin.windowSaved');
  });

  const workshopPage = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, programmeId: number, values: FormValues, errors: FieldErrors, status = 200) => {
    const locale = request.locale;
    const t = translator(locale);
    const [events, projects] = await Promise.all([
      app.db.selectFrom('participation_event').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', programmeId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute(),
      app.db.selectFrom('project').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', programmeId).orderBy('number').execute(),
    ]);
    // consultation workshops first: they are where contributions to the draft are collected
    const ordered = [...events.filter((e) => e.kind === 'consultation_workshop'), ...events.filter((e) => e.kind !== 'consultation_workshop')];
    return reply.page(
      <WorkshopContributionsPage
        place={place(c, request)}
        action={`${base(c)}/contributions`}
        state={{ values, errors, constraints: constraints.workshop }}
        events={ordered.map((e) => [String(e.id), `${formatDate(locale, e.held_on)} · ${pickText(e, 'title', locale)!.text} (${t(`cocreation.eventKind.${e.kind}`)})`])}
        projects={projects.map((p) => [String(p.id), `${t('programme.projectN', { n: p.number })}: ${pickText(p, 'title', locale)!.text}`])}
      />,
      status,
    );
  };

  app.get<{ Params: Params; Querystring: { event?: string } }>('/admin/c/:slug/consultation/contributions', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c, programme } = await scopeFor(request);
    const event = parseId(request.query.event);
    return workshopPage(request, reply, c, programme.id, event ? { event_id: String(event) } : {}, {});
  });

  app.post<{ Params: Params }>('/admin/c/:slug/consultation/contributions', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, programme, scope } = await scopeFor(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = workshopContributionsForm.safeParse(body);
    if (!parsed.success) return workshopPage(request, reply, c, programme.id, body, fieldErrors(parsed.error), 400);
    const result = await addWorkshopContributions(app.db, scope, parsed.data, request.locale);
    if (!result.ok) return workshopPage(request, reply, c, programme.id, body, result.errors, 400);
    return reply.redirectWithFlash(base(c), 'cocreation.consultation.admin.added');
  });
}
