// Back office of the participatory budget: /admin/c/{slug}/budgets… Each route: who is signed in
// → permission budget.manage in this collectivity → validation → command → redirect with a message.
import { multipartForms, readForm } from '../../platform/uploads.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { requireId } from '../../platform/params.ts';
import { type Collectivity, pick } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, type HtmlConstraints, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import type { z } from 'zod';
import type { CommandResult } from '../../platform/commands.ts';
import { isoToCasablanca } from '../../platform/i18n/format.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { currentProgramme } from '../programme/manifest.ts';
import { MAX_CENSUS_BYTES, readCensus } from './census.ts';
import { addWinnersToPlan } from './commands/plan.ts';
import { addProject, reviewProject } from './commands/projects.ts';
import { type Scope, addDistrict, addVoterInPerson, createRound, loadCensus, updateRound } from './commands/rounds.ts';
import { castBallot } from './commands/voting.ts';
import { ageBand, budgetKey, phases, resultsPublished, voterHash } from './model.ts';
import { mad, presentProject, presentResults, presentRound } from './presenters.ts';
import { censusSize, findRound, listRounds, participation, projectContext, projectsOf, roundResults } from './repository.ts';
import { districtForm, inPersonForm, paperBallotForm, planForm, projectForm, reviewForm, roundForm } from './schema.ts';
import type { RoundRow } from './tables.ts';
import { RoundAdminPage, RoundEditPage, RoundsAdminPage } from './views/admin.tsx';

type Params = { slug: string; round: string; project: string };
type Form = { values: FormValues; errors: FieldErrors };
/** The forms of a round's page; a refused one comes back with its values and errors. */
type FormName = 'project' | 'census' | 'paper' | 'district' | 'inPerson' | 'plan';
type Forms = Partial<Record<FormName, Form>> & { review?: Form & { id: number } };

const constraints: Record<FormName | 'review' | 'round', HtmlConstraints> = {
  project: htmlConstraints(projectForm),
  census: {},
  paper: htmlConstraints(paperBallotForm),
  district: htmlConstraints(districtForm),
  inPerson: htmlConstraints(inPersonForm),
  plan: htmlConstraints(planForm),
  review: htmlConstraints(reviewForm),
  round: htmlConstraints(roundForm),
};
const empty: Form = { values: {}, errors: {} };

/** Every route of the budget's back office asks for this permission. */
const manage = { config: { permission: 'budget.manage' } } as const;

/** The collectivity of the URL and the acting staff member (the permission is checked first). */
async function staff(request: FastifyRequest) {
  const { collectivity: c, actor } = staffOf(request);
  const scope: Scope = { actor, collectivityId: c.id };
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
  const rows = await projectsOf(db, c.id, round.id);
  const ctx = await projectContext(db, c.id, round.id, c.slug, rows);
  const programme = await currentProgramme(db, c.id);
  const planProjects = programme
    ? await db.selectFrom('project').select(['id', 'number', 'title_ar', 'title_fr', 'title_en']).where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).orderBy('number').execute()
    : [];
  const state = (name: FormName) => ({ ...(forms[name] ?? empty), constraints: constraints[name] });
  return reply.page(
    <RoundAdminPage
      place={place(c, request)}
      round={presentRound(round, locale, at)}
      publicHref={`/${locale}/c/${c.slug}/budgets/${round.id}`}
      districts={ctx.districts.map((d) => ({ id: d.id, name: d.name, envelope: mad(locale, Number(d.envelope_mad)) }))}
      projects={rows.map((p) => presentProject(p, locale, ctx))}
      census={await censusSize(db, c.id, round.id)}
      participation={await participation(db, c.id, round.id)}
      results={resultsPublished(round, at) ? presentResults(await roundResults(db, c.id, round), locale, ctx) : null}
      planProjects={planProjects.map((p) => [String(p.id), `${p.number}. ${pick({ ar: p.title_ar, fr: p.title_fr, en: p.title_en }, locale).text}`])}
      forms={{
        project: state('project'),
        census: state('census'),
        paper: state('paper'),
        district: state('district'),
        inPerson: state('inPerson'),
        plan: state('plan'),
        review: forms.review ? { id: forms.review.id, state: { ...forms.review, constraints: constraints.review } } : null,
      }}
    />,
    status,
  );
}

/** The census upload: multipart is taken in this route's own scope only. */
async function censusRoute(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_CENSUS_BYTES, files: 1, fields: 5 });

  app.post<{ Params: Params }>('/admin/c/:slug/budgets/:round/census', manage, async (request, reply) => {
    const { c, scope } = await staff(request);
    const round = await roundOf(request, c);
    // the file is read only now, once the role and then the CSRF token are checked
    const file = (await readForm(request, reply)).files[0];
    const fail = (key: string, values?: Record<string, string | number>) => roundPage(request, reply, c, round, { census: { values: {}, errors: { file: { key, values } } } }, 400);
    if (!file || file.content.length === 0) return fail('errors.required');
    if (file.truncated) return fail('budget.errors.censusTooLarge', { max: MAX_CENSUS_BYTES / 1024 / 1024 });
    // a key that changes at every start would make the census unusable after a restart
    if (!process.env.BUDGET_SECRET?.trim() && app.config.sessionSecretIsRandom) return fail('budget.errors.noStableKey');
    const read = await readCensus(file.content, budgetKey(app.config.sessionSecret), round.voting_at);
    if (!read.ok) return fail(read.error.key, read.error.values);
    const result = await loadCensus(app.db, scope, round.id, read.entries);
    if (!result.ok) return roundPage(request, reply, c, round, { census: { values: {}, errors: { file: result.errors.form ?? { key: 'errors.invalidChoice' } } } }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${round.id}`, 'budget.flash.censusLoaded');
  });
}

export async function budgetAdminRoutes(app: FastifyInstance) {
  await app.register(censusRoute);
  await app.register(async (scoped) => routes(scoped));
}

function routes(app: FastifyInstance) {
  async function listPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, form: Form, status = 200) {
    const at = new Date().toISOString();
    const rounds = (await listRounds(app.db, c.id)).map((r) => presentRound(r, request.locale, at));
    return reply.page(<RoundsAdminPage place={place(c, request)} rounds={rounds} state={{ ...form, constraints: constraints.round }} />, status);
  }

  app.get<{ Params: Params }>('/admin/c/:slug/budgets', manage, async (request, reply) => {
    const { c } = await staff(request);
    return listPage(request, reply, c, { values: { rule: 'knapsack' }, errors: {} });
  });

  app.post<{ Params: Params }>('/admin/c/:slug/budgets', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = roundForm.safeParse(body);
    if (!parsed.success) return listPage(request, reply, c, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const result = await createRound(app.db, scope, parsed.data);
    if (!result.ok) return listPage(request, reply, c, { values: body, errors: result.errors }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${result.value}`, 'budget.flash.roundCreated');
  });

  app.get<{ Params: Params }>('/admin/c/:slug/budgets/:round', manage, async (request, reply) => {
    const { c } = await staff(request);
    return roundPage(request, reply, c, await roundOf(request, c));
  });

  // Editing a round: its own page, the form filled with the round as it is.
  const editPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, round: RoundRow, form: Form, status = 200) =>
    reply.page(<RoundEditPage place={place(c, request)} round={presentRound(round, request.locale, new Date().toISOString())} state={{ ...form, constraints: constraints.round }} />, status);

  app.get<{ Params: Params }>('/admin/c/:slug/budgets/:round/edit', manage, async (request, reply) => {
    const { c } = await staff(request);
    const round = await roundOf(request, c);
    const values: FormValues = {
      title_ar: round.title_ar,
      title_fr: round.title_fr ?? '',
      title_en: round.title_en ?? '',
      envelope_mad: String(round.envelope_mad),
      rule: round.rule,
      min_choices: round.min_choices === null ? '' : String(round.min_choices),
      max_choices: round.max_choices === null ? '' : String(round.max_choices),
      changeable: round.changeable === 1 ? '1' : undefined,
      ...Object.fromEntries(phases.map((p) => [`${p}_at`, isoToCasablanca(round[`${p}_at`])])),
    };
    return editPage(request, reply, c, round, { values, errors: {} });
  });

  app.post<{ Params: Params }>('/admin/c/:slug/budgets/:round/edit', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const round = await roundOf(request, c);
    const body = (request.body ?? {}) as FormValues;
    const parsed = roundForm.safeParse(body);
    if (!parsed.success) return editPage(request, reply, c, round, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const result = await updateRound(app.db, scope, round.id, parsed.data);
    if (!result.ok) return editPage(request, reply, c, round, { values: body, errors: result.errors }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${round.id}`, 'budget.flash.roundSaved');
  });

  /**
   * A form of the round's page: validate, run the command, then redirect with a message, or show
   * the page again with this form's values and errors. `keep` filters what is sent back.
   */
  function roundFormRoute<S extends z.ZodType>(opts: {
    path: string;
    form: FormName;
    schema: S;
    run: (ctx: { scope: Scope; round: RoundRow; c: Collectivity }, data: z.output<S>) => Promise<CommandResult<unknown>>;
    done: { anchor: string; flash: string };
    keep?: (body: FormValues) => FormValues;
  }) {
    app.post<{ Params: Params }>(`/admin/c/:slug/budgets/:round/${opts.path}`, { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
      const { c, scope } = await staff(request);
      const round = await roundOf(request, c);
      const body = (request.body ?? {}) as FormValues;
      const values = opts.keep ? opts.keep(body) : body;
      const parsed = opts.schema.safeParse(body);
      if (!parsed.success) return roundPage(request, reply, c, round, { [opts.form]: { values, errors: fieldErrors(parsed.error) } }, 400);
      const result = await opts.run({ scope, round, c }, parsed.data);
      if (!result.ok) return roundPage(request, reply, c, round, { [opts.form]: { values, errors: result.errors } }, 400);
      return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${round.id}#${opts.done.anchor}`, opts.done.flash);
    });
  }

  roundFormRoute({
    path: 'projects',
    form: 'project',
    schema: projectForm,
    run: ({ scope, round }, data) => addProject(app.db, scope, round.id, data),
    done: { anchor: 'a-projects', flash: 'budget.flash.projectAdded' },
  });

  roundFormRoute({
    path: 'districts',
    form: 'district',
    schema: districtForm,
    run: ({ scope, round }, data) => addDistrict(app.db, scope, round.id, data),
    done: { anchor: 'a-districts', flash: 'budget.flash.districtAdded' },
  });

  const key = () => budgetKey(app.config.sessionSecret);
  // the CIN is never sent back into the page: a refused form is typed again
  const withoutCin = (body: FormValues) => ({ ...body, cin: '' });

  roundFormRoute({
    path: 'in-person',
    form: 'inPerson',
    schema: inPersonForm,
    keep: withoutCin,
    run: ({ scope, round }, data) =>
      addVoterInPerson(app.db, scope, round.id, { hash: voterHash(key(), data.cin, data.birth_date), gender: data.gender, ageBand: ageBand(data.birth_date, round.voting_at) }),
    done: { anchor: 'a-census', flash: 'budget.flash.inPersonAdded' },
  });

  roundFormRoute({
    path: 'paper',
    form: 'paper',
    schema: paperBallotForm,
    keep: withoutCin,
    run: ({ scope, round, c }, data) =>
      castBallot(app.db, { collectivityId: c.id, roundId: round.id, voterHash: voterHash(key(), data.cin, data.birth_date), channel: 'paper', projectIds: data.projects, districtId: data.district_id, linkKey: null, actor: scope.actor }),
    done: { anchor: 'a-paper', flash: 'budget.flash.paperRecorded' },
  });

  roundFormRoute({
    path: 'plan',
    form: 'plan',
    schema: planForm,
    run: ({ scope, round }, data) => addWinnersToPlan(app.db, scope, round.id, data.project_id),
    done: { anchor: 'a-plan', flash: 'budget.flash.addedToPlan' },
  });

  app.post<{ Params: Params }>('/admin/c/:slug/budgets/:round/projects/:project/review', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const round = await roundOf(request, c);
    const projectId = requireId(request.params.project, 'project_not_found');
    const body = (request.body ?? {}) as FormValues;
    const parsed = reviewForm.safeParse(body);
    if (!parsed.success) return roundPage(request, reply, c, round, { review: { id: projectId, values: body, errors: fieldErrors(parsed.error) } }, 400);
    const result = await reviewProject(app.db, scope, round.id, projectId, parsed.data, { baseUrl: app.config.baseUrl, slug: c.slug });
    if (!result.ok) {
      if (result.errors.form) throw notFound('project_not_found');
      return roundPage(request, reply, c, round, { review: { id: projectId, values: body, errors: result.errors } }, 400);
    }
    deliverSoon(app);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/budgets/${round.id}#project-${projectId}`, 'budget.flash.reviewed');
  });
}
