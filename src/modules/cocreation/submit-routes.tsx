// GET/POST /{locale}/c/{slug}/proposals/new — a verified citizen proposes an idea during an open
// call: the first post shows similar existing proposals, the second publishes.
import { parseId } from '../../platform/params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { mostSimilar, searchTerms } from '../../platform/text/normalize.ts';
import { likeTerm } from '../../platform/text/like.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { requireVerifiedCitizen } from '../accounts/manifest.ts';
import { currentProgrammeOf } from '../programme/manifest.ts';
import { openCall, submitProposal } from './commands/submit-proposal.ts';
import { supportProposal, supportState, withdrawSupport } from './commands/support-proposal.ts';
import { muteProposal, unsubscribePath, validUnsubscribe } from './notify.ts';
import { followState, setFollowing } from './commands/follow-proposal.ts';
import { submitForm } from './schema.ts';
import { FollowPage, SubmitPage, SupportPage, UnsubscribePage } from './views/submit.tsx';
import './tables.ts';

type Params = { locale: string; slug: string; id?: string };
const constraints = htmlConstraints(submitForm);

export async function submitRoutes(app: FastifyInstance) {
  async function context(request: FastifyRequest<{ Params: Params }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug);
    const programme = await currentProgrammeOf(app, c);
    if (!programme) throw notFound('programme_not_found');
    return { c, programme };
  }

  /**
   * The call a proposal goes to, open now: the one the URL names (`?call=`, from its notice), else
   * the first to close; its programme's axes are offered (the current programme's, or the next
   * one's while it is co-created). Without an open call, the current programme's.
   */
  async function callFor(request: FastifyRequest, c: Collectivity, current: { id: number }) {
    const asked = parseId((request.query as { call?: string } | undefined)?.call);
    const named = asked === null ? undefined : await app.db.selectFrom('call_for_proposals').select('programme_id').where('collectivity_id', '=', c.id).where('id', '=', asked).executeTakeFirst();
    const call = await openCall(app.db, c.id, undefined, named?.programme_id);
    return { call, programmeId: call?.programme_id ?? current.id };
  }

  /** Existing proposals of the programme that look like this one (Arabic-aware matching). */
  async function similarTo(c: Collectivity, programmeId: number, title: string, base: string) {
    const terms = searchTerms(title).sort((a, b) => b.length - a.length).slice(0, 4);
    if (terms.length === 0) return [];
    const candidates = await app.db
      .selectFrom('proposal')
      .select(['id', 'title', 'lang', 'status'])
      .where('collectivity_id', '=', c.id)
      .where('programme_id', '=', programmeId)
      .where((eb) => eb.or(terms.map((t) => likeTerm(eb.ref('search_text'), t))))
      .orderBy('id', 'desc')
      .limit(300)
      .execute();
    return mostSimilar(title, candidates, (p) => p.title, { limit: 5 }).map(({ item }) => ({
      title: item.title,
      lang: item.lang,
      status: item.status,
      href: `${base}/proposals/${item.id}`,
    }));
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    c: Collectivity,
    call: Awaited<ReturnType<typeof openCall>>,
    programmeId: number,
    values: FormValues,
    errors: FieldErrors,
    similar: Awaited<ReturnType<typeof similarTo>> | null,
    status = 200,
  ) {
    const locale = request.locale;
    const t = translator(locale);
    const base = `/${locale}/c/${c.slug}`;
    const axes = await app.db.selectFrom('axis').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', programmeId).orderBy('number').execute();
    const general = errors._;
    // outside any window: say when the last one was open, or when the next one opens
    let closedMessage: string | undefined;
    if (!call) {
      const at = new Date().toISOString();
      const next = await app.db.selectFrom('call_for_proposals').select(['opens_at', 'closes_at']).where('collectivity_id', '=', c.id).where('opens_at', '>', at).orderBy('opens_at').executeTakeFirst();
      const last = await app.db.selectFrom('call_for_proposals').select(['opens_at', 'closes_at']).where('collectivity_id', '=', c.id).where('closes_at', '<', at).orderBy('closes_at', 'desc').executeTakeFirst();
      if (next) closedMessage = t('cocreation.submit.willOpen', { from: formatDateTime(locale, next.opens_at), to: formatDateTime(locale, next.closes_at) });
      else if (last) closedMessage = t('cocreation.submit.wasOpen', { from: formatDateTime(locale, last.opens_at), to: formatDateTime(locale, last.closes_at) });
    }
    return reply.page(
      <SubmitPage
        place={{ name: pick(c.name, locale), href: base }}
        action={`${base}/proposals/new${call && (request.query as { call?: string } | undefined)?.call ? `?call=${call.id}` : ''}`}
        call={
          call ? {
            title: pick({ ar: call.title_ar, fr: call.title_fr, en: call.title_en }, locale),
            window: `${formatDateTime(locale, call.opens_at)} – ${formatDateTime(locale, call.closes_at)}`,
            href: `${base}/announcements/${call.id}`,
          } : null
        }
        state={{ values, errors, constraints }}
        axes={axes.map((a) => [String(a.id), `${t('programme.axisN', { n: a.number })}: ${pick({ ar: a.title_ar, fr: a.title_fr, en: a.title_en }, locale).text}`])}
        similar={similar}
        message={general ? [t(general.key, general.values), general.key === 'cocreation.submit.closed' ? closedMessage : ''].filter(Boolean).join(' ') : undefined}
        closedMessage={closedMessage}
      />,
      status,
      { csrf: true },
    );
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/proposals/new', async (request, reply) => {
    const { c, programme } = await context(request);
    if (!(await requireVerifiedCitizen(request, reply))) return reply;
    const { call, programmeId } = await callFor(request, c, programme);
    return render(request, reply, c, call, programmeId, {}, {}, null);
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/proposals/new', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, programme: current } = await context(request);
    const citizen = await requireVerifiedCitizen(request, reply, { next: `/${request.locale}/c/${c.slug}/proposals/new` });
    if (!citizen) return reply;
    const { call, programmeId } = await callFor(request, c, current);
    const programme = { id: programmeId };
    const body = (request.body ?? {}) as FormValues;
    const parsed = submitForm.safeParse(body);
    const values = { title: body.title, body: body.body, axis_id: body.axis_id };
    if (!parsed.success) return render(request, reply, c, call, programme.id, values, fieldErrors(parsed.error), null, 400);
    const base = `/${request.locale}/c/${c.slug}`;
    if (parsed.data.step === 'check') {
      if (!call) return render(request, reply, c, call, programme.id, values, { _: { key: 'cocreation.submit.closed' } }, null, 400);
      return render(request, reply, c, call, programme.id, values, {}, await similarTo(c, programme.id, parsed.data.title, base));
    }
    const result = await submitProposal(
      app.db,
      { collectivityId: c.id, programmeId: programme.id, userId: citizen.id },
      { title: parsed.data.title, body: parsed.data.body, axisId: parsed.data.axis_id },
      request.locale,
    );
    if (!result.ok) return render(request, reply, c, call, programme.id, values, result.errors, null, result.errors._?.key === 'cocreation.submit.tooMany' ? 429 : 400);
    return reply.redirectWithFlash(`${base}/proposals/${result.value}`, 'cocreation.submit.published');
  });

  // Supporting a proposal: a page of its own with the form (the proposal page is cached and the
  // same for everyone, so it only links here). Once supported, the page says "you support this"
  // and offers to withdraw.
  app.get<{ Params: Params }>('/:locale/c/:slug/proposals/:id/support', async (request, reply) => {
    const { c } = await context(request);
    const id = parseId(request.params.id);
    if (id === null || !(await app.db.selectFrom('proposal').select('id').where('collectivity_id', '=', c.id).where('id', '=', id).executeTakeFirst())) throw notFound('proposal_not_found');
    const citizen = await requireVerifiedCitizen(request, reply);
    if (!citizen) return reply;
    const state = (await supportState(app.db, c.id, id, citizen.id))!;
    const base = `/${request.locale}/c/${c.slug}`;
    const { proposal } = state;
    return reply.page(
      <SupportPage
        place={{ name: pick(c.name, request.locale), href: base }}
        proposal={{ title: proposal.title, lang: proposal.lang, href: `${base}/proposals/${proposal.id}` }}
        supporting={state.supporting}
        own={state.own}
        open={state.open}
      />,
      200,
      { csrf: true },
    );
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/proposals/:id/support', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c } = await context(request);
    const id = parseId(request.params.id);
    if (id === null) throw notFound('proposal_not_found');
    const here = `/${request.locale}/c/${c.slug}/proposals/${id}/support`;
    const citizen = await requireVerifiedCitizen(request, reply, { next: here });
    if (!citizen) return reply;
    const withdraw = (request.body as { support?: string } | undefined)?.support === '0';
    const result = withdraw ? await withdrawSupport(app.db, c.id, id, citizen.id) : await supportProposal(app.db, c.id, id, citizen.id);
    if (result === null) throw notFound('proposal_not_found');
    // refused (their own proposal, answered, already done): said on the same page, nothing saved
    return reply.redirectWithFlash(here, result.ok ? (withdraw ? 'cocreation.support.withdrawn' : 'cocreation.support.thanks') : result.errors._!.key);
  });

  // The unsubscribe link of a proposal's mails: signed for one person and proposal, honoured
  // without login. The GET only shows a button (mail scanners follow links); the POST stops them.
  const unsubscribeForm = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, input: { user?: unknown; token?: unknown }, done: boolean) => {
    const { c } = await context(request);
    const id = parseId(request.params.id);
    const user = parseId(typeof input.user === 'string' ? input.user : undefined);
    const proposal = id === null ? undefined : await app.db.selectFrom('proposal').select(['id', 'title', 'lang']).where('collectivity_id', '=', c.id).where('id', '=', id).executeTakeFirst();
    if (!proposal || user === null || !validUnsubscribe(app.config.sessionSecret, proposal.id, user, input.token)) throw notFound('proposal_not_found');
    const base = `/${request.locale}/c/${c.slug}`;
    if (done) await muteProposal(app.db, c.id, proposal.id, user);
    return reply.page(
      <UnsubscribePage
        place={{ name: pick(c.name, request.locale), href: base }}
        proposal={{ ...proposal, href: `${base}/proposals/${proposal.id}` }}
        action={unsubscribePath(request.locale, c.slug, proposal.id)}
        user={user}
        token={String(input.token)}
        done={done}
      />,
      200,
      { csrf: !done },
    );
  };
  app.get<{ Params: Params }>('/:locale/c/:slug/proposals/:id/unsubscribe', async (request, reply) => unsubscribeForm(request, reply, request.query as Record<string, unknown>, false));
  app.post<{ Params: Params }>('/:locale/c/:slug/proposals/:id/unsubscribe', { preHandler: app.csrfProtection }, async (request, reply) =>
    unsubscribeForm(request, reply, (request.body ?? {}) as Record<string, unknown>, true),
  );
  // RFC 8058 one-click: the mail app POSTs "List-Unsubscribe=One-Click" to the address of the
  // mail's List-Unsubscribe header. The signature in the address is the proof (no session, no
  // CSRF token exists there); a GET does nothing, as scanners follow links.
  app.post<{ Params: Params; Querystring: { user?: string; token?: string } }>('/:locale/c/:slug/proposals/:id/unsubscribe/one-click', async (request, reply) => {
    const { c } = await context(request);
    const id = parseId(request.params.id);
    const user = parseId(request.query.user);
    const oneClick = (request.body as Record<string, unknown> | undefined)?.['List-Unsubscribe'] === 'One-Click';
    if (id === null || user === null || !oneClick || !validUnsubscribe(app.config.sessionSecret, id, user, request.query.token)) throw notFound('proposal_not_found');
    if ((await muteProposal(app.db, c.id, id, user)) === null) throw notFound('proposal_not_found');
    return reply.code(204).send();
  });

  // Following a proposal (without supporting it): its answer comes by mail. Same pattern as
  // supporting: an uncached page with the form, linked from the cached proposal page.
  app.get<{ Params: Params }>('/:locale/c/:slug/proposals/:id/follow', async (request, reply) => {
    const { c } = await context(request);
    const id = parseId(request.params.id);
    if (id === null) throw notFound('proposal_not_found');
    const citizen = await requireVerifiedCitizen(request, reply);
    if (!citizen) return reply;
    const state = await followState(app.db, c.id, id, citizen.id);
    if (!state) throw notFound('proposal_not_found');
    const base = `/${request.locale}/c/${c.slug}`;
    const { proposal } = state;
    return reply.page(
      <FollowPage place={{ name: pick(c.name, request.locale), href: base }} proposal={{ ...proposal, href: `${base}/proposals/${proposal.id}` }} following={state.following} />,
      200,
      { csrf: true },
    );
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/proposals/:id/follow', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c } = await context(request);
    const id = parseId(request.params.id);
    if (id === null) throw notFound('proposal_not_found');
    const citizen = await requireVerifiedCitizen(request, reply, { next: `/${request.locale}/c/${c.slug}/proposals/${id}/follow` });
    if (!citizen) return reply;
    const follow = (request.body as { follow?: string } | undefined)?.follow !== '0';
    const done = await setFollowing(app.db, c.id, id, citizen.id, follow);
    if (done === null) throw notFound('proposal_not_found');
    return reply.redirectWithFlash(`/${request.locale}/c/${c.slug}/proposals/${id}`, follow ? 'cocreation.follow.following' : 'cocreation.follow.stopped');
  });
}
