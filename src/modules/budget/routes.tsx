// Public pages: /{locale}/c/{slug}/budgets and …/budgets/{round} (page cache), and the citizen's
// uncached forms: …/budgets/{round}/verify (CIN + birth date against the census) and …/ballot.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { parseId, requireId } from '../../platform/params.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { requireVerifiedCitizen } from '../accounts/manifest.ts';
import { castBallot, verifyVoter } from './commands/voting.ts';
import { ballotLinkKey, budgetKey, changeKey, checkBallot, projectCost, resultsPublished, voterHash } from './model.ts';
import { mad, presentProject, presentResults, presentRound } from './presenters.ts';
import { ballotChoices, districtsOf, findRound, listRounds, ownVote, projectContext, projectsOf, roundResults, voterOf } from './repository.ts';
import { ballotForm, identityForm } from './schema.ts';
import type { RoundRow } from './tables.ts';
import { BallotPage, RoundPage, RoundsPage, VerifyPage } from './views/public.tsx';

type Params = { locale: string; slug: string; round: string };

const identityConstraints = htmlConstraints(identityForm);

export async function budgetRoutes(app: FastifyInstance) {
  /** The collectivity's name and public home in the page's language. */
  const whereOf = (c: Collectivity, request: FastifyRequest) => ({ name: pick(c.name, request.locale), href: `/${request.locale}/c/${c.slug}` });

  async function placeOf(request: FastifyRequest<{ Params: Partial<Params> }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug ?? '', request);
    return { c, where: whereOf(c, request) };
  }

  async function roundOf(request: FastifyRequest<{ Params: Partial<Params> }>, c: Collectivity): Promise<RoundRow> {
    const round = await findRound(app.db, c.id, requireId(request.params.round, 'round_not_found'));
    if (!round) throw notFound('round_not_found');
    return round;
  }

  // The phase changes with the clock, not with a write: the key holds the next phase change
  // that has passed, so a cached page never outlives its phase.
  const phaseKey = (rounds: RoundRow[], at: string) =>
    rounds.map((r) => [r.information_at, r.submission_at, r.review_at, r.voting_at, r.results_at, r.implementation_at].filter((d) => d <= at).length).join('.');

  app.get<{ Params: Params }>('/:locale/c/:slug/budgets', async (request, reply) => {
    const { c, where } = await placeOf(request);
    const at = new Date().toISOString();
    // the rounds are read once per content version, not on every visit: the cache key needs them
    const rows = await app.readModels.get(c, 'budget:rounds', () => listRounds(app.db, c.id));
    return cachedPage(request, reply, `budgets:${c.id}:${c.contentVersion}:${phaseKey(rows, at)}`, async () => (
      <RoundsPage place={where} rounds={rows.map((r) => presentRound(r, request.locale, at))} />
    ));
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/budgets/:round', async (request, reply) => {
    const { c, where } = await placeOf(request);
    const round = await roundOf(request, c);
    const at = new Date().toISOString();
    return cachedPage(request, reply, `budget:${c.id}:${c.contentVersion}:${phaseKey([round], at)}`, async () => {
      const locale = request.locale;
      const view = presentRound(round, locale, at);
      const voting = view.phase === 'voting' || view.phase === 'results' || view.phase === 'implementation';
      const rows = await projectsOf(app.db, c.id, round.id, voting ? 'feasible' : undefined);
      const ctx = await projectContext(app.db, c.id, round.id, c.slug, rows);
      const results = resultsPublished(round, at) ? presentResults(await roundResults(app.db, c.id, round), locale, ctx) : null;
      const api = `/api/v1/collectivities/${c.slug}/budgets/${round.id}/results`;
      return (
        <RoundPage
          place={where}
          slug={c.slug}
          round={view}
          districts={ctx.districts.map((d) => ({ name: d.name, envelope: mad(locale, Number(d.envelope_mad)) }))}
          projects={rows.map((p) => presentProject(p, locale, ctx))}
          results={results}
          downloads={{ csv: `${api}.csv`, json: api }}
        />
      );
    });
  });

  const key = () => budgetKey(app.config.sessionSecret);
  const linkKey = () => ballotLinkKey(app.config.sessionSecret);

  function verifyPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, c: Collectivity, round: RoundRow, form: { values: FormValues; errors: FieldErrors }, status = 200) {
    // the CIN typed is never sent back
    const values = { ...form.values, cin: '' };
    return reply.page(<VerifyPage place={whereOf(c, request)} round={presentRound(round, request.locale, new Date().toISOString())} state={{ values, errors: form.errors, constraints: identityConstraints }} />, status, { csrf: true });
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/budgets/:round/verify', async (request, reply) => {
    const { c } = await placeOf(request);
    const round = await roundOf(request, c);
    if (!(await requireVerifiedCitizen(request, reply))) return reply;
    return verifyPage(request, reply, c, round, { values: {}, errors: {} });
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/budgets/:round/verify', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c } = await placeOf(request);
    const round = await roundOf(request, c);
    const citizen = await requireVerifiedCitizen(request, reply, { next: `/${request.locale}/c/${c.slug}/budgets/${round.id}/verify` });
    if (!citizen) return reply;
    const body = (request.body ?? {}) as FormValues;
    const parsed = identityForm.safeParse(body);
    if (!parsed.success) return verifyPage(request, reply, c, round, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const result = await verifyVoter(app.db, { collectivityId: c.id, roundId: round.id, userId: citizen.id, voterHash: voterHash(key(), parsed.data.cin, parsed.data.birth_date) });
    if (!result.ok) return verifyPage(request, reply, c, round, { values: body, errors: result.errors }, result.errors.cin?.key === 'budget.errors.tooManyAttempts' ? 429 : 400);
    return reply.redirectWithFlash(`/${request.locale}/c/${c.slug}/budgets/${round.id}/ballot`, 'budget.flash.verified');
  });

  /** The ballot: in rounds with districts, first the choice of a district (a GET form), then its projects. */
  async function ballotPage(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    c: Collectivity,
    round: RoundRow,
    hash: string,
    form: { districtId: number | null; chosen: number[] | null; error: { key: string; values?: Record<string, string | number> } | null; check: boolean },
    status = 200,
  ) {
    const locale = request.locale;
    const t = translator(locale);
    const where = whereOf(c, request);
    const districts = await districtsOf(app.db, c.id, round.id);
    const cast = await ownVote(app.db, round, hash, round.changeable === 1 ? changeKey(linkKey(), round.id, hash) : null);
    // a changeable online ballot opens on its own district and choices
    const reopen = cast?.ballot ?? null;
    const districtId = form.districtId ?? (reopen ? reopen.districtId : null);
    const choices = await ballotChoices(app.db, round, districtId);
    const projects = choices ? choices.projects : [];
    const envelope = choices ? choices.envelope : Number(round.envelope_mad);
    const selected = form.chosen ?? (reopen && reopen.districtId === districtId ? reopen.projectIds : []);
    let total = null;
    if (form.check && round.rule === 'knapsack') {
      const sum = projects.filter((p) => selected.includes(p.id)).reduce((s, p) => s + projectCost(p), 0);
      total = { sum: mad(locale, sum), left: mad(locale, envelope - sum), envelope: mad(locale, envelope), over: sum > envelope };
    }
    const error = form.error;
    const errorValues = error?.values ? Object.fromEntries(Object.entries(error.values).map(([k, v]) => [k, typeof v === 'number' && (k === 'total' || k === 'envelope') ? mad(locale, v) : v])) : undefined;
    return reply.page(
      <BallotPage
        place={where}
        round={presentRound(round, locale, new Date().toISOString())}
        districts={districts.map((d) => ({ id: d.id, name: d.name, envelope: mad(locale, Number(d.envelope_mad)) }))}
        districtId={choices ? districtId : null}
        projects={projects.map((p) => presentProject(p, locale))}
        chosen={selected}
        envelope={envelope}
        total={total}
        error={error ? t(error.key, errorValues) : null}
        cast={cast ? { changeable: reopen !== null, paper: round.changeable === 1 && reopen === null } : null}
      />,
      status,
      { csrf: true },
    );
  }

  /** The signed-in, verified citizen's voter hash for the round, or a redirect (sent) and null. */
  async function voter(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, c: Collectivity, round: RoundRow) {
    const citizen = await requireVerifiedCitizen(request, reply, { next: `/${request.locale}/c/${c.slug}/budgets/${round.id}/ballot` });
    if (!citizen) return null;
    const hash = await voterOf(app.db, c.id, round.id, citizen.id);
    if (!hash) {
      reply.redirectWithFlash(`/${request.locale}/c/${c.slug}/budgets/${round.id}/verify`, 'budget.flash.verifyFirst');
      return null;
    }
    return hash;
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/budgets/:round/ballot', async (request, reply) => {
    const { c } = await placeOf(request);
    const round = await roundOf(request, c);
    const hash = await voter(request, reply, c, round);
    if (!hash) return reply;
    const query = request.query as { district?: string };
    return ballotPage(request, reply, c, round, hash, { districtId: parseId(query.district), chosen: null, error: null, check: false });
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/budgets/:round/ballot', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c } = await placeOf(request);
    const round = await roundOf(request, c);
    const hash = await voter(request, reply, c, round);
    if (!hash) return reply;
    const parsed = ballotForm.safeParse(request.body ?? {});
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      const e = errors.projects ?? errors.district_id ?? { key: 'errors.invalidChoice' };
      return ballotPage(request, reply, c, round, hash, { districtId: null, chosen: [], error: e, check: false }, 400);
    }
    const { projects, action, district_id: districtId } = parsed.data;
    if (action === 'check') {
      const choices = await ballotChoices(app.db, round, districtId);
      const problem = !choices ? { key: 'budget.errors.chooseDistrict' } : projects.length > 0 ? checkBallot(round, choices.envelope, choices.projects, projects) : null;
      return ballotPage(request, reply, c, round, hash, { districtId, chosen: projects, error: problem, check: true });
    }
    const result = await castBallot(app.db, { collectivityId: c.id, roundId: round.id, voterHash: hash, channel: 'online', projectIds: projects, districtId, linkKey: linkKey(), actor: null });
    if (!result.ok) {
      const e = result.errors.projects ?? result.errors.district_id ?? result.errors.cin ?? result.errors.form ?? { key: 'errors.invalidChoice' };
      const conflict = e.key === 'budget.errors.alreadyVoted' || e.key === 'budget.errors.votedOnPaper';
      return ballotPage(request, reply, c, round, hash, { districtId, chosen: projects, error: e, check: round.rule === 'knapsack' }, conflict ? 409 : 400);
    }
    return reply.redirectWithFlash(`/${request.locale}/c/${c.slug}/budgets/${round.id}/ballot`, result.value === 'changed' ? 'budget.flash.changed' : 'budget.flash.cast');
  });
}
