// Back office of the participatory budget: /admin/c/{slug}/budgets… Each route: who is signed in
// → ability 'manage' in this collectivity → validation → command → redirect with a message.
import { multipartForms } from '../../platform/uploads.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/auth/routes.tsx';
import { can, roleFor } from '../../platform/auth/roles.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { requireId } from '../../platform/params.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { MAX_CENSUS_BYTES, readCensus } from './census.ts';
import { type Scope, addProject, createRound, loadCensus, reviewProject } from './commands/rounds.ts';
import { castBallot } from './commands/voting.ts';
import { budgetKey, resultsPublished, voterHash } from './model.ts';
import { presentProject, presentResults, presentRound } from './presenters.ts';
import { censusSize, findRound, listRounds, participation, projectsOf, roundResults } from './repository.ts';
import { paperBallotForm, projectForm, reviewForm, roundForm } from './schema.ts';
import type { RoundRow } from './tables.ts';
import { RoundAdminPage, RoundsAdminPage } from './views/admin.tsx';

type Params = { slug: string; round: string; project: string };
type Form = { values: FormValues; errors: FieldErrors };
type Forms = { project?: Form; census?: Form; paper?: Form; review?: Form & { id: number } };

const roundConstraints = htmlConstraints(roundForm);
const projectConstraints = htmlConstraints(projectForm);
const reviewConstraints = htmlConstraints(reviewForm);
const paperConstraints = htmlConstraints(paperBallotForm);
const empty: Form = { values: {}, errors: {} };

/** The collectivity of the URL and the acting staff member; 403 without 'manage' there. */
async function staff(request: FastifyRequest<{ Params: Partial<Params> }>) {
  const c = await requireCollectivity(request.server.db, request.params.slug ?? '');
  if (!can(request.user, 'manage', c.id)) throw forbidden();
  const scope: Scope = { actor: { userId: request.user!.id, role: roleFor(request.user!, 'manage', c.id)! }, collectivityId: c.id };
  return { c, scope };
}

async function roundOf(request: FastifyRequest<{ Params: Partial<Params> }>, c: Collectivity): Promise<RoundRow> {
  const round = await findRound(request.server.db, c.id, requireId(request.params.round, 'round_not_found'));
  if (!round) throw notFound('round_not_found');
  return round;
}

const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });

async function roundPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, round: RoundRow, forms: Forms = {}, status = 200) {
  const db = request.server.db;
  const locale = request.locale;
  const at = new Date().toISOString();
  const projects = (await projectsOf(db, c.id, round.id)).map((p) => presentProject(p, locale));
  return reply.page(
    <RoundAdminPage
      place={place(c, request)}
      round={presentRound(round, locale, at)}
      publicHref={`/${locale}/c/${c.slug}/budgets/${round.id}`}
      projects={projects}
      census={await censusSize(db, c.id, round.id)}
      participation={await participation(db, c.id, round.id)}
      results={resultsPublished(round, at) ? presentResults(await roundResults(db, c.id, round), locale) : null}
      forms={{
        project: { ...(forms.project ?? empty), constraints: projectConstraints },
        census: { ...(forms.census ?? empty), constraints: {} },
        paper: { ...(forms.paper ?? empty), constraints: paperConstraints },
        review: forms.review ? { id: forms.review.id, state: { ...forms.review, constraints: reviewConstraints } } : null,
      }}
    />,
    status,
  );
}

/** The census upload: multipart is parsed in this route's own scope only. */
async function censusRoute(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_CENSUS_BYTES, files: 1, fields: 5 });
  app.addHook('preHandler', requireUser);

  app.post<{ Params: Params }>('/admin/c/:slug/budgets/:round/census', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const round = await roundOf(request, c);
    const file = request.uploads?.[0];
    const fail = (key: string, values?: Record<string, string | number>) => roundPage(request, reply, c, round, { census: { values: {}, errors: { file: { key, values } } } }, 400);
    if (!file || file.content.length === 0) return fail('errors.required');
    if (file.truncated) return fail('budget.errors.censusTooLarge', { max: MAX_CENSUS_BYTES / 1024 / 1024 });
    // a key that changes at every start would make the census unusable after a restart
    if (!process.env.BUDGET_SECRET?.trim() && app.config.sessionSecretIsRandom) return fail('budget.errors.noStableKey');
    const read = readCensus(file.content, budgetKey(app.config.sessionSecret), round.voting_at);
    if (!read.ok) return fail(read.error.key, read.error.values);
    const result = await loadCensus(app.db, scope, round.id, read.entries);
    if (!result.ok) return roundPage(request, reply, c, round, { census: { values: {}, errors: { file: result.errors.form ?? { key: 'errors.invalidChoice' } } } }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${round.id}`, 'budget.flash.censusLoaded');
  });
}

export async function budgetAdminRoutes(app: FastifyInstance) {
  await app.register(censusRoute);
  await app.register(async (scoped) => {
    scoped.addHook('preHandler', requireUser);
    routes(scoped);
  });
}

function routes(app: FastifyInstance) {
  async function listPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, form: Form, status = 200) {
    const at = new Date().toISOString();
    const rounds = (await listRounds(app.db, c.id)).map((r) => presentRound(r, request.locale, at));
    return reply.page(<RoundsAdminPage place={place(c, request)} rounds={rounds} state={{ ...form, constraints: roundConstraints }} />, status);
  }

  app.get<{ Params: Params }>('/admin/c/:slug/budgets', async (request, reply) => {
    const { c } = await staff(request);
    return listPage(request, reply, c, { values: { rule: 'knapsack' }, errors: {} });
  });

  app.post<{ Params: Params }>('/admin/c/:slug/budgets', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = roundForm.safeParse(body);
    if (!parsed.success) return listPage(request, reply, c, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const result = await createRound(app.db, scope, parsed.data);
    if (!result.ok) return listPage(request, reply, c, { values: body, errors: result.errors }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${result.value}`, 'budget.flash.roundCreated');
  });

  app.get<{ Params: Params }>('/admin/c/:slug/budgets/:round', async (request, reply) => {
    const { c } = await staff(request);
    return roundPage(request, reply, c, await roundOf(request, c));
  });

  app.post<{ Params: Params }>('/admin/c/:slug/budgets/:round/projects', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const round = await roundOf(request, c);
    const body = (request.body ?? {}) as FormValues;
    const parsed = projectForm.safeParse(body);
    if (!parsed.success) return roundPage(request, reply, c, round, { project: { values: body, errors: fieldErrors(parsed.error) } }, 400);
    const result = await addProject(app.db, scope, round.id, parsed.data);
    if (!result.ok) return roundPage(request, reply, c, round, { project: { values: body, errors: result.errors } }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${round.id}#project-${result.value}`, 'budget.flash.projectAdded');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/budgets/:round/projects/:project/review', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const round = await roundOf(request, c);
    const projectId = requireId(request.params.project, 'project_not_found');
    const body = (request.body ?? {}) as FormValues;
    const parsed = reviewForm.safeParse(body);
    if (!parsed.success) return roundPage(request, reply, c, round, { review: { id: projectId, values: body, errors: fieldErrors(parsed.error) } }, 400);
    const result = await reviewProject(app.db, scope, round.id, projectId, parsed.data);
    if (!result.ok) {
      if (result.errors.form) throw notFound('project_not_found');
      return roundPage(request, reply, c, round, { review: { id: projectId, values: body, errors: result.errors } }, 400);
    }
    return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${round.id}#project-${projectId}`, 'budget.flash.reviewed');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/budgets/:round/paper', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const round = await roundOf(request, c);
    const body = (request.body ?? {}) as FormValues;
    // the CIN is never sent back into the page: a refused paper ballot is typed again
    const kept = { ...body, cin: '' };
    const parsed = paperBallotForm.safeParse(body);
    if (!parsed.success) return roundPage(request, reply, c, round, { paper: { values: kept, errors: fieldErrors(parsed.error) } }, 400);
    const hash = voterHash(budgetKey(app.config.sessionSecret), parsed.data.cin, parsed.data.birth_date);
    const result = await castBallot(app.db, { collectivityId: c.id, roundId: round.id, voterHash: hash, channel: 'paper', projectIds: parsed.data.projects, actor: scope.actor });
    if (!result.ok) return roundPage(request, reply, c, round, { paper: { values: kept, errors: result.errors } }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${round.id}#a-paper`, 'budget.flash.paperRecorded');
  });
}
