// Public pages: /{locale}/c/{slug}/process, /announcements/{id} (a call's notice),
// /proposals, /proposals/{id}, /participation; and /programmes/{period}/process and
// /programmes/{period}/proposals for another public programme, or for the next one while it is
// co-created (its call published, its plan not public yet).
import { consideredFor } from './carry.ts';
import { parseId } from '../../platform/params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { formatDate, formatDateTime, formatMonth } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick, requireCollectivity, pickField, pickPresent } from '../../platform/tenancy.ts';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import { planScope } from '../../platform/read-model.ts';
import { currentProgrammeOf, projectPath, publicProgrammeOf } from '../programme/manifest.ts';
import {
  coCreatedProgrammes,
  committeeOf,
  findCall,
  findProposal,
  listCalls,
  listCommitteeMeetings,
  listProposals,
  listStages,
  processBaseOf,
} from './repository.ts';
import { type ParticipationStats, participationStats } from './stats.ts';
import { otherParticipation } from './participation-sources.ts';
import { supportCount } from './commands/support-proposal.ts';
import { AnnouncementPage, type CallView, type EventView, ParticipationPage, ProcessPage, ProposalPage, ProposalsPage } from './views/public.tsx';

type Params = { locale: string; slug: string; id?: string; period?: string };

/** Comments a page of a proposal shows, oldest first. */
const COMMENTS_PER_PAGE = 200;

export function callState(call: { opens_at: string; closes_at: string }, now = new Date().toISOString()): CallView['state'] {
  return now < call.opens_at ? 'upcoming' : now > call.closes_at ? 'closed' : 'open';
}

export async function cocreationRoutes(app: FastifyInstance) {
  async function context(request: FastifyRequest<{ Params: Params }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug, request);
    return c;
  }
  // read per plan version (platform/read-model.ts): these run before a page-cache lookup, and
  // citizens' writes (200 proposals a second on a vote day) move the content version only
  async function programmeOf(c: Collectivity) {
    const programme = await currentProgrammeOf(app, c);
    if (!programme) throw notFound('programme_not_found');
    return programme;
  }
  /**
   * The programme whose co-creation a URL names: the current one (no period), or a period's
   * programme that is public, or whose co-creation is (`coCreating`: a call published, the plan
   * still private).
   */
  async function processProgrammeOf(c: Collectivity, period: string | undefined): Promise<{ programme: ProgrammeRow; coCreating: boolean }> {
    if (period === undefined) return { programme: await programmeOf(c), coCreating: false };
    const found = await publicProgrammeOf(app, c, period);
    if (found) return { programme: found, coCreating: false };
    const drafting = (await coCreatedProgrammes(app.db, c.id, new Date().toISOString())).find((p) => `${p.start_year}-${p.end_year}` === period);
    if (!drafting) throw notFound('programme_not_found');
    return { programme: drafting, coCreating: true };
  }
  const base = (request: FastifyRequest, c: Collectivity) => `/${request.locale}/c/${c.slug}`;
  const placeOf = (request: FastifyRequest, c: Collectivity) => ({ name: pick(c.name, request.locale), href: base(request, c) });
  const windowOf = (locale: Locale, call: { opens_at: string; closes_at: string }) =>
    `${formatDateTime(locale, call.opens_at)} – ${formatDateTime(locale, call.closes_at)}`;

  const eventViews = (request: FastifyRequest, c: Collectivity, stats: ParticipationStats, proposalsPath = `${base(request, c)}/proposals`): EventView[] =>
    stats.events.map((e) => ({
      id: e.id,
      date: formatDate(request.locale, e.date),
      kind: e.kind,
      title: pick(e.title, request.locale),
      place: pickPresent(e.place, request.locale),
      attendance: e.attendance,
      proposals: e.proposals,
      contributions: e.contributions,
      proposalsHref: `${proposalsPath}?event=${e.id}`,
    }));

  // the process of the current programme, or of a period's (a public or co-created programme);
  // cached per content version: publishing a call, the moment a co-creation becomes public, is a write
  const processPage = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const c = await context(request);
    const period = request.params.period;
    return cachedPage(request, reply, `process:${c.id}:${c.contentVersion}:${period ?? ''}`, async () => {
      const locale = request.locale;
      const t = translator(locale);
      const { programme, coCreating } = await processProgrammeOf(c, period);
      const isCurrent = Number(programme.is_current) === 1;
      const [stages, committee, calls, stats, drafting] = await Promise.all([
        listStages(app.db, c.id, programme.id),
        committeeOf(app.db, c.id, programme.id),
        // its own calls: the next programme's are on its period's page, linked from here
        listCalls(app.db, c.id, 20, programme.id),
        participationStats(app.db, c.id, programme.id),
        isCurrent ? coCreatedProgrammes(app.db, c.id, new Date().toISOString()) : Promise.resolve([]),
      ]);
      const events = eventViews(request, c, stats, `${base(request, c)}${period === undefined ? '' : `/programmes/${period}`}/proposals`);
      const next = drafting.find((p) => p.start_year > programme.start_year);
      const meetings = committee ? await listCommitteeMeetings(app.db, c.id, committee.committee.id) : [];
      return (
        <ProcessPage
          place={placeOf(request, c)}
          programme={pickField(programme, 'title', locale)!}
          coCreating={coCreating ? { proposalsHref: `${base(request, c)}/programmes/${period}/proposals` } : undefined}
          next={next ? { title: pickField(next, 'title', locale)!, href: `${base(request, c)}/programmes/${next.start_year}-${next.end_year}/process` } : null}
          stages={stages.map((s) => ({
            iso: s.starts_on,
            date: s.month_only
              ? formatMonth(locale, s.starts_on)
              : s.ends_on
                ? `${formatDate(locale, s.starts_on)} – ${formatDate(locale, s.ends_on)}`
                : formatDate(locale, s.starts_on),
            kind: s.kind,
            title: pickField(s, 'title', locale)!,
            description: pickField(s, 'description', locale),
            // only http(s) links are accepted by the back office; checked again here
            documentUrl: s.document_url && /^https?:\/\//.test(s.document_url) ? s.document_url : null,
            status: s.status,
          }))}
          committee={
            committee && {
              name: pickField(committee.committee, 'name', locale)!,
              decision: committee.committee.decision_number
                ? t('cocreation.decision', { number: committee.committee.decision_number, date: committee.committee.decision_date ? formatDate(locale, committee.committee.decision_date) : '' })
                : null,
              text: pickField(committee.committee, 'decision_text', locale),
              members: committee.members.map((m) => ({ name: m.name, title: pickField(m, 'title', locale), role: m.role, ieecag: m.represents_ieecag === 1 })),
              meetings: meetings.map((m) => ({ iso: m.held_on, date: formatDate(locale, m.held_on), subject: pickField(m, 'subject', locale)!, minutes: pickField(m, 'minutes', locale) })),
            }
          }
          events={events}
          calls={calls.map((call) => ({
            href: `${base(request, c)}/announcements/${call.id}`,
            title: pickField(call, 'title', locale)!,
            window: windowOf(locale, call),
            state: callState(call),
          }))}
        />
      );
    });
  };
  app.get<{ Params: Params }>('/:locale/c/:slug/process', processPage);
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period/process', processPage);

  app.get<{ Params: Params }>('/:locale/c/:slug/announcements/:id', async (request, reply) => {
    const c = await context(request);
    const id = parseId(request.params.id);
    if (id === null) throw notFound();
    const call = await findCall(app.db, c.id, id);
    if (!call) throw notFound();
    // open or not depends on the moment: the state is part of the key
    return cachedPage(request, reply, `announcement:${c.id}:${c.contentVersion}:${callState(call)}`, async () => {
      const locale = request.locale;
      const axes = await app.db.selectFrom('axis').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', call.programme_id).orderBy('number').execute();
      // its programme's pages: the current one's, or its period's (the next programme's co-creation)
      const pages = `${base(request, c)}${await processBaseOf(app.db, c.id, call.programme_id)}`;
      return (
        <AnnouncementPage
          place={placeOf(request, c)}
          proposeHref={callState(call) === 'open' ? `${base(request, c)}/proposals/new?call=${call.id}` : null}
          processHref={`${pages}/process`}
          proposalsHref={`${pages}/proposals`}
          call={{
            href: '',
            title: pickField(call, 'title', locale)!,
            window: windowOf(locale, call),
            state: callState(call),
            body: pickField(call, 'body', locale),
            axes: axes.map((a) => pickField(a, 'title', locale)!),
            channels: call.channels.split(',').filter(Boolean),
          }}
        />
      );
    });
  });

  // the proposals of the current programme, or of a period's (a public or co-created programme)
  const proposalsPage = async (request: FastifyRequest<{ Params: Params; Querystring: Record<string, string | undefined> }>, reply: FastifyReply) => {
    const c = await context(request);
    const locale = request.locale;
    const period = request.params.period;
    const q = request.query;
    const axisId = parseId(q.axis);
    const channel = ['online', 'workshop', 'other'].includes(q.channel ?? '') ? q.channel! : '';
    const status = ['submitted', 'under_review', 'retained', 'merged', 'not_retained', 'withdrawn'].includes(q.status ?? '') ? q.status! : '';
    const text = typeof q.q === 'string' ? q.q.slice(0, 200) : '';
    const before = parseId(q.before) ?? undefined;
    const event = parseId(q.event) ?? undefined;
    // the same for every visitor: cached with the filters in the key (bounded LRU); the search
    // text as typed, not its terms: the page shows it in the search box and its links. The key
    // needs no query: everything else is read in the render, which a visitor without cookies does
    // not wait for when a write has moved the version (platform/page-cache.ts).
    const key = `proposals:${c.id}:${c.contentVersion}:${period ?? ''}:${axisId ?? ''}|${channel}|${status}|${text}|${event ?? ''}|${before ?? ''}`;
    return cachedPage(request, reply, key, async () => {
    const t = translator(locale);
    const { programme } = await processProgrammeOf(c, period);
    const listPath = `${base(request, c)}${period === undefined ? '' : `/programmes/${period}`}/proposals`;
    const axes = await app.readModels.get(planScope(c), `plan:axes:${programme.id}`, () =>
      app.db.selectFrom('axis').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).orderBy('number').execute(),
    );
    const axisById = new Map(axes.map((a) => [a.id, a]));
    const filters = { axis: axisId !== null && axisById.has(axisId) ? String(axisId) : '', channel, status, q: text };
    const page = await listProposals(app.db, c.id, programme.id, {
      axisId: filters.axis ? Number(filters.axis) : undefined,
      channel: filters.channel || undefined,
      status: filters.status || undefined,
      q: filters.q || undefined,
      eventId: event,
      before,
    });
    const params = (extra: Record<string, string>) => {
      const u = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...filters, ...(event ? { event: String(event) } : {}), ...extra })) if (v) u.set(k, v);
      const s = u.toString();
      return `${listPath}${s ? `?${s}` : ''}`;
    };
    return (
      <ProposalsPage
        place={placeOf(request, c)}
        programme={period === undefined ? undefined : pickField(programme, 'title', locale)!}
        filters={filters}
        axes={axes.map((a) => [String(a.id), `${t('programme.axisN', { n: a.number })}: ${pickField(a, 'title', locale)!.text}`])}
        items={page.items.map((p) => ({
          href: `${base(request, c)}/proposals/${p.id}`,
          title: p.title,
          lang: (isLocale(p.lang) ? p.lang : 'ar') as Locale,
          axis: pickField(axisById.get(p.axis_id)!, 'title', locale)!,
          channel: p.channel,
          status: p.status,
          date: formatDate(locale, p.submitted_at.slice(0, 10)),
          demo: p.is_demo === 1,
        }))}
        nextHref={page.next ? params({ before: String(page.next) }) : null}
        firstHref={before ? params({}) : null}
      />
    );
    });
  };
  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/proposals', proposalsPage);
  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/programmes/:period/proposals', proposalsPage);

  app.get<{ Params: Params; Querystring: { comments?: string } }>('/:locale/c/:slug/proposals/:id', async (request, reply) => {
    const c = await context(request);
    const id = parseId(request.params.id);
    if (id === null) throw notFound('proposal_not_found');
    // a later page of the comments, oldest first (keyset on id): part of the cache key
    const after = parseId(request.query.comments) ?? undefined;
    return cachedPage(request, reply, `proposal:${c.id}:${c.contentVersion}:${after ?? ''}`, async () => {
      const locale = request.locale;
      const t = translator(locale);
      const found = await findProposal(app.db, c.id, id);
      if (!found) throw notFound('proposal_not_found');
      const { proposal: p, steps } = found;
      // what the proposal names, read together: on PostgreSQL each read is a round trip
      const [axis, event, call, author, project, activity, into, rows, { n: commentCount }] = await Promise.all([
        app.db.selectFrom('axis').selectAll().where('collectivity_id', '=', c.id).where('id', '=', p.axis_id).executeTakeFirstOrThrow(),
        p.event_id ? app.db.selectFrom('participation_event').selectAll().where('collectivity_id', '=', c.id).where('id', '=', p.event_id).executeTakeFirst() : undefined,
        p.call_id ? findCall(app.db, c.id, p.call_id) : undefined,
        p.author_user_id === null ? undefined : app.db.selectFrom('app_user').select(['display_name', 'account_kind', 'deleted_at']).where('id', '=', p.author_user_id).executeTakeFirst(),
        // its own programme's card, which stays at its period's URL once another is current
        p.project_id
          ? app.db.selectFrom('project').selectAll().where('collectivity_id', '=', c.id).where('id', '=', p.project_id).executeTakeFirst()
              .then(async (project) => (project ? { project, path: await projectPath(app.db, c.id, project.id) } : undefined))
          : undefined,
        p.activity_id ? app.db.selectFrom('activity').selectAll().where('collectivity_id', '=', c.id).where('id', '=', p.activity_id).executeTakeFirst() : undefined,
        p.merged_into_id ? app.db.selectFrom('proposal').select(['id', 'title']).where('collectivity_id', '=', c.id).where('id', '=', p.merged_into_id).executeTakeFirst() : undefined,
        app.db
          .selectFrom('proposal_comment as m')
          .leftJoin('app_user as u', 'u.id', 'm.author_user_id')
          .select(['m.id', 'm.body', 'm.lang', 'm.created_at', 'm.hidden_at', 'm.hidden_reason', 'u.display_name', 'u.deleted_at'])
          .where('m.collectivity_id', '=', c.id)
          .where('m.proposal_id', '=', p.id)
          .$if(after !== undefined, (q) => q.where('m.id', '>', after!))
          .orderBy('m.id')
          .limit(COMMENTS_PER_PAGE + 1)
          .execute(),
        app.db
          .selectFrom('proposal_comment')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('collectivity_id', '=', c.id)
          .where('proposal_id', '=', p.id)
          .executeTakeFirstOrThrow(),
      ]);
      const became: { label: string; href: string }[] = [];
      if (project?.path) became.push({ label: `${t('programme.projectN', { n: project.project.number })}: ${pickField(project.project, 'title', locale)!.text}`, href: `${base(request, c)}${project.path}` });
      if (activity) became.push({ label: `${t('programme.activityN', { n: activity.number })}: ${pickField(activity, 'title', locale)!.text}`, href: `${base(request, c)}/programme/activities/${activity.id}` });
      if (into) became.push({ label: t('cocreation.mergedInto', { title: into.title }), href: `${base(request, c)}/proposals/${into.id}` });
      const comments = rows.slice(0, COMMENTS_PER_PAGE);
      const proposalHref = `${base(request, c)}/proposals/${p.id}`;
      const origin = event
        ? { label: pickField(event, 'title', locale)!, href: `${base(request, c)}/process` }
        : call
          ? { label: pickField(call, 'title', locale)!, href: `${base(request, c)}/announcements/${call.id}` }
          : null;
      return (
        <ProposalPage
          place={placeOf(request, c)}
          proposal={{
            title: p.title,
            body: p.body,
            lang: (isLocale(p.lang) ? p.lang : 'ar') as Locale,
            axis: pickField(axis, 'title', locale)!,
            channel: p.channel,
            status: p.status,
            demo: p.is_demo === 1,
            origin,
            supports: await supportCount(app.db, c.id, p.id),
            supportHref: ['submitted', 'under_review'].includes(p.status) ? `${base(request, c)}/proposals/${p.id}/support` : null,
            followHref: ['submitted', 'under_review'].includes(p.status) ? `${base(request, c)}/proposals/${p.id}/follow` : null,
            author: author ? { name: author.deleted_at ? null : author.display_name, association: !author.deleted_at && author.account_kind === 'association' } : null,
          }}
          trail={steps.map((s) => ({ iso: s.at, date: formatDate(locale, s.at.slice(0, 10)), status: s.status, answer: pickField(s, 'answer', locale), role: s.actor_role }))}
          became={became}
          considered={await consideredFor(app.db, c.id, p.id).then((n) => (n ? { period: n.period, href: n.path ? `${base(request, c)}${n.path}` : null } : null))}
          comments={comments.map((m) => ({
            id: m.id,
            author: m.display_name && !m.deleted_at ? m.display_name : t('cocreation.comments.deletedAccount'),
            date: formatDate(locale, m.created_at.slice(0, 10)),
            iso: m.created_at,
            body: m.hidden_at ? null : m.body,
            lang: m.lang,
            hiddenReason: m.hidden_at ? (m.hidden_reason ?? '') : null,
            reportHref: `${base(request, c)}/proposals/${p.id}/comments/${m.id}/report`,
          }))}
          commentHref={`${base(request, c)}/proposals/${p.id}/comment`}
          commentCount={Number(commentCount)}
          commentsPager={{
            firstHref: after ? `${proposalHref}#comments` : null,
            nextHref: rows.length > COMMENTS_PER_PAGE ? `${proposalHref}?comments=${comments[comments.length - 1].id}#comments` : null,
          }}
        />
      );
    });
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/participation', async (request, reply) => {
    const c = await context(request);
    return cachedPage(request, reply, `participation:${c.id}:${c.contentVersion}`, async () => {
      const locale = request.locale;
      const programme = await programmeOf(c);
      const [stats, others] = await Promise.all([participationStats(app.db, c.id, programme.id), otherParticipation(app.db, c.id, programme, c.slug)]);
      const events = eventViews(request, c, stats);
      return (
        <ParticipationPage
          place={placeOf(request, c)}
          axes={stats.proposals.byAxis.map((a) => pick(a.title, locale).text)}
          proposals={stats.proposals}
          events={events}
          consultation={{ total: stats.consultation.total, byAxis: stats.consultation.byAxis.map((a) => a.total) }}
          contributors={stats.contributors}
          others={others.map((o) => ({
            ...o,
            rows: o.rows.map((r) => ({ ...r, date: formatDate(locale, r.date), title: pick(r.title, locale), href: `/${locale}${r.path}` })),
          }))}
        />
      );
    });
  });
}
