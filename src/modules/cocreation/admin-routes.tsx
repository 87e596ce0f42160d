// Back office of the co-creation: /admin/c/{slug}/cocreation, events, workshop proposals,
// answers. Each route: who is signed in → role in this collectivity → schema → command.
import { parseId, requireId } from '../../platform/params.ts';
import { staffScope } from './staff.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowed } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { formatDate, formatDateTime, isoToCasablanca } from '../../platform/i18n/format.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick, pickText } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { answerProposal } from './commands/answer-proposal.ts';
import { type Scope, addWorkshopProposals, saveEvent } from './commands/events.ts';
import { answerForm, callForm, eventForm, workshopProposalsForm } from './schema.ts';
import { saveCall } from './commands/calls.ts';
import { AnswerPage, CallFormPage, CocreationOverview, EventFormPage, WorkshopProposalsPage } from './views/admin.tsx';
import './tables.ts';

type Params = { slug: string; id: string };
/** Rows per page of the proposals worklist. */
const PROPOSALS_PER_PAGE = 100;

const constraints = {
  event: htmlConstraints(eventForm),
  workshop: htmlConstraints(workshopProposalsForm),
  answer: htmlConstraints(answerForm),
  call: htmlConstraints(callForm),
};

export async function cocreationAdminRoutes(app: FastifyInstance) {

  const scopeFor = staffScope;
  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });
  const base = (c: Collectivity) => `/admin/c/${c.slug}`;

  // The overview is the committee's worklist too: members who only review see the proposals.
  app.get<{ Params: Params; Querystring: { status?: string; before?: string } }>('/admin/c/:slug/cocreation', { config: { permission: 'proposal.review' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const locale = request.locale;
    const status = ['submitted', 'under_review', 'retained', 'merged', 'not_retained', 'withdrawn'].includes(request.query.status ?? '') ? request.query.status! : '';
    // the worklist, newest first, a page at a time (keyset on id)
    const before = parseId(request.query.before) ?? undefined;
    const [calls, events, counts, proposals] = await Promise.all([
      app.db.selectFrom('call_for_proposals').selectAll().where('collectivity_id', '=', c.id).orderBy('opens_at', 'desc').limit(20).execute(),
      app.db.selectFrom('participation_event').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', scope.programmeId).orderBy('held_on', 'desc').execute(),
      app.db.selectFrom('proposal').select((eb) => ['event_id', eb.fn.countAll<number>().as('n')]).where('collectivity_id', '=', c.id).where('event_id', 'is not', null).groupBy('event_id').execute(),
      app.db
        .selectFrom('proposal as p')
        .innerJoin('axis as a', 'a.id', 'p.axis_id')
        .select(['p.id', 'p.title', 'p.lang', 'p.status', 'p.channel', 'a.number as axis'])
        .where('p.collectivity_id', '=', c.id)
        .where('p.programme_id', '=', scope.programmeId)
        .$if(status !== '', (q) => q.where('p.status', '=', status))
        .$if(before !== undefined, (q) => q.where('p.id', '<', before!))
        .orderBy('p.id', 'desc')
        .limit(PROPOSALS_PER_PAGE + 1)
        .execute(),
    ]);
    const page = proposals.slice(0, PROPOSALS_PER_PAGE);
    const href = (extra: Record<string, string>) => {
      const query = new URLSearchParams({ ...(status ? { status } : {}), ...extra }).toString();
      return `${base(c)}/cocreation${query ? `?${query}` : ''}`;
    };
    const byEvent = new Map(counts.map((r) => [r.event_id, Number(r.n)]));
    return reply.page(
      <CocreationOverview
        place={place(c, request)}
        status={status}
        calls={calls.map((x) => ({ id: x.id, title: pickText(x, 'title', locale), window: `${formatDateTime(locale, x.opens_at)} – ${formatDateTime(locale, x.closes_at)}` }))}
        events={events.map((e) => ({ id: e.id, date: formatDate(locale, e.held_on), title: pickText(e, 'title', locale), kind: e.kind, proposals: byEvent.get(e.id) ?? 0 }))}
        proposals={page}
        pager={{
          firstHref: before ? href({}) : null,
          nextHref: proposals.length > PROPOSALS_PER_PAGE ? href({ before: String(page[page.length - 1].id) }) : null,
        }}
        canEdit={allowed(request.user, 'cocreation.edit', c.id)}
        canModerate={allowed(request.user, 'comment.moderate', c.id)}
      />,
    );
  });

  // --- calls for proposals ----------------------------------------------------------------
  const callPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, id: number | null, values: FormValues, errors: FieldErrors, status = 200) => {
    const t = translator(request.locale);
    return reply.page(
      <CallFormPage
        place={place(c, request)}
        title={t(id === null ? 'cocreation.admin.newCall' : 'cocreation.admin.editCall')}
        action={id === null ? `${base(c)}/calls` : `${base(c)}/calls/${id}`}
        state={{ values, errors, constraints: constraints.call }}
      />,
      status,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/calls/new', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c } = await scopeFor(request);
    return callPage(request, reply, c, null, { channels: ['online'] }, {});
  });

  app.get<{ Params: Params }>('/admin/c/:slug/calls/:id', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c } = await scopeFor(request);
    const id = requireId(request.params.id);
    const call = await app.db.selectFrom('call_for_proposals').selectAll().where('collectivity_id', '=', c.id).where('id', '=', id).executeTakeFirst();
    if (!call) throw notFound();
    const values: FormValues = { opens_local: isoToCasablanca(call.opens_at), closes_local: isoToCasablanca(call.closes_at), channels: call.channels.split(',') };
    for (const f of ['title_ar', 'title_fr', 'title_en', 'body_ar', 'body_fr', 'body_en'] as const) values[f] = call[f] ?? '';
    return callPage(request, reply, c, id, values, {});
  });

  const saveCallRoute = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, id: number | null) => {
    const { c, scope } = await scopeFor(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = callForm.safeParse(body);
    if (!parsed.success) return callPage(request, reply, c, id, body, fieldErrors(parsed.error), 400);
    const result = await saveCall(app.db, scope, id, parsed.data);
    if (result === null) throw notFound();
    if (!result.ok) return callPage(request, reply, c, id, body, result.errors, 400);
    return reply.redirectWithFlash(`${base(c)}/cocreation`, 'programme.admin.saved');
  };
  app.post<{ Params: Params }>('/admin/c/:slug/calls', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, (request, reply) => saveCallRoute(request, reply, null));
  app.post<{ Params: Params }>('/admin/c/:slug/calls/:id', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, (request, reply) => saveCallRoute(request, reply, requireId(request.params.id)));

  // --- events -------------------------------------------------------------------------------
  const eventPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, id: number | null, values: FormValues, errors: FieldErrors, status = 200) => {
    const t = translator(request.locale);
    return reply.page(
      <EventFormPage
        place={place(c, request)}
        title={t(id === null ? 'cocreation.admin.newEvent' : 'cocreation.admin.editEvent')}
        action={id === null ? `${base(c)}/events` : `${base(c)}/events/${id}`}
        state={{ values, errors, constraints: constraints.event }}
      />,
      status,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/events/new', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c } = await scopeFor(request);
    return eventPage(request, reply, c, null, { kind: 'workshop' }, {});
  });

  app.get<{ Params: Params }>('/admin/c/:slug/events/:id', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c } = await scopeFor(request);
    const id = requireId(request.params.id);
    const e = await app.db.selectFrom('participation_event').selectAll().where('collectivity_id', '=', c.id).where('id', '=', id).executeTakeFirst();
    if (!e) throw notFound();
    const values = Object.fromEntries(Object.entries(e).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]));
    return eventPage(request, reply, c, id, values, {});
  });

  const saveEventRoute = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, id: number | null) => {
    const { c, scope } = await scopeFor(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = eventForm.safeParse(body);
    if (!parsed.success) return eventPage(request, reply, c, id, body, fieldErrors(parsed.error), 400);
    const result = await saveEvent(app.db, scope, id, parsed.data);
    if (result === null) throw notFound();
    if (!result.ok) return eventPage(request, reply, c, id, body, result.errors, 400);
    return reply.redirectWithFlash(`${base(c)}/cocreation`, 'programme.admin.saved');
  };
  app.post<{ Params: Params }>('/admin/c/:slug/events', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, (request, reply) => saveEventRoute(request, reply, null));
  app.post<{ Params: Params }>('/admin/c/:slug/events/:id', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, (request, reply) => saveEventRoute(request, reply, requireId(request.params.id)));

  // --- proposals collected at a workshop ----------------------------------------------------
  const workshopPage = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, scope: Scope, eventId: number, values: FormValues, errors: FieldErrors, status = 200) => {
    const locale = request.locale;
    const t = translator(locale);
    const event = await app.db.selectFrom('participation_event').selectAll().where('collectivity_id', '=', c.id).where('id', '=', eventId).executeTakeFirst();
    if (!event) throw notFound();
    const axes = await app.db.selectFrom('axis').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', scope.programmeId).orderBy('number').execute();
    return reply.page(
      <WorkshopProposalsPage
        place={place(c, request)}
        event={pickText(event, 'title', locale)}
        action={`${base(c)}/events/${eventId}/proposals`}
        state={{ values, errors, constraints: constraints.workshop }}
        axes={axes.map((a) => [String(a.id), `${t('programme.axisN', { n: a.number })}: ${pickText(a, 'title', locale).text}`])}
      />,
      status,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/events/:id/proposals', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    return workshopPage(request, reply, c, scope, requireId(request.params.id), {}, {});
  });

  app.post<{ Params: Params }>('/admin/c/:slug/events/:id/proposals', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const eventId = requireId(request.params.id);
    const body = (request.body ?? {}) as FormValues;
    const parsed = workshopProposalsForm.safeParse(body);
    if (!parsed.success) return workshopPage(request, reply, c, scope, eventId, body, fieldErrors(parsed.error), 400);
    const result = await addWorkshopProposals(app.db, scope, eventId, parsed.data, request.locale);
    if (!result.ok) return workshopPage(request, reply, c, scope, eventId, body, result.errors, 400);
    return reply.redirectWithFlash(`${base(c)}/cocreation`, 'cocreation.admin.proposalsAdded');
  });

  // --- answering a proposal -----------------------------------------------------------------
  const answerPage = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, scope: Scope, id: number, values: FormValues | null, errors: FieldErrors, status = 200) => {
    const locale = request.locale;
    const t = translator(locale);
    const p = await app.db.selectFrom('proposal').selectAll().where('collectivity_id', '=', c.id).where('id', '=', id).executeTakeFirst();
    if (!p) throw notFound();
    const [projects, activities] = await Promise.all([
      app.db.selectFrom('project').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', scope.programmeId).orderBy('number').execute(),
      app.db
        .selectFrom('activity as a')
        .innerJoin('project as p', 'p.id', 'a.project_id')
        .select(['a.id', 'a.number', 'a.title_ar', 'a.title_fr', 'a.title_en', 'p.number as project'])
        .where('a.collectivity_id', '=', c.id)
        .where('a.programme_id', '=', scope.programmeId)
        .orderBy('p.number')
        .orderBy('a.number')
        .execute(),
    ]);
    const current = values ?? {
      status: p.status === 'submitted' ? 'under_review' : p.status,
      project_id: p.project_id ? String(p.project_id) : '',
      activity_id: p.activity_id ? String(p.activity_id) : '',
      merged_into_id: p.merged_into_id ? String(p.merged_into_id) : '',
    };
    return reply.page(
      <AnswerPage
        place={place(c, request)}
        proposal={{ id: p.id, title: p.title, body: p.body, lang: p.lang, status: p.status }}
        action={`${base(c)}/proposals/${id}`}
        state={{ values: current, errors, constraints: constraints.answer }}
        projects={projects.map((x) => [String(x.id), `${t('programme.projectN', { n: x.number })}: ${pickText(x, 'title', locale).text}`])}
        activities={activities.map((x) => [String(x.id), `${x.project}.${x.number}: ${pickText(x, 'title', locale).text}`])}
      />,
      status,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/proposals/:id', { config: { permission: 'proposal.review' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    return answerPage(request, reply, c, scope, requireId(request.params.id), null, {});
  });

  app.post<{ Params: Params }>('/admin/c/:slug/proposals/:id', { config: { permission: 'proposal.review' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const id = requireId(request.params.id);
    const body = (request.body ?? {}) as FormValues;
    const parsed = answerForm.safeParse(body);
    if (!parsed.success) return answerPage(request, reply, c, scope, id, body, fieldErrors(parsed.error), 400);
    const result = await answerProposal(app.db, scope, id, parsed.data, { baseUrl: app.config.baseUrl, slug: c.slug, secret: app.config.sessionSecret });
    if (result === null) throw notFound();
    if (!result.ok) return answerPage(request, reply, c, scope, id, body, result.errors, 400);
    deliverSoon(app);
    return reply.redirectWithFlash(`${base(c)}/cocreation`, 'cocreation.admin.answered');
  });
}
