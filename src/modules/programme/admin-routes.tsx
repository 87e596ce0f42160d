// Back office of the programme: /admin and /admin/c/{slug}/… Each route: who is signed in →
// policy (role and collectivity) → validation → command → redirect with a message.
import { requireId } from '../../platform/params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { roleIn, isNetworkAdmin } from '../../platform/auth/roles.ts';
import { type Action, allowed, staffOf } from '../../platform/auth/permissions.ts';
import { adoptionChecksOf } from './adoption.ts';
import { isAdopted } from './progress.ts';
import type { CommandResult } from '../../platform/commands.ts';
import { notFound } from '../../platform/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { type EntityType, type Scope, createEntity, deleteEntity, updateEntity } from './commands/entities.ts';
import { createProgramme, updateProgramme } from './commands/programme.ts';
import { partnerName, presentProgramme } from './presenters.ts';
import { currentProgramme, listPartners, loadProgrammeTree, partnerIdsOf } from './repository.ts';
import { activityForm, axisForm, indicatorForm, partnerForm, programmeForm, projectForm, reasonForm } from './schema.ts';
import { TextField } from '../../platform/ui/form.tsx';
import {
  ActivityFields,
  AxisFields,
  DashboardPage,
  EntityFormPage,
  IndicatorFields,
  type Options,
  OverviewPage,
  PartnerFields,
  ProgrammeFields,
  ProjectFields,
} from './views/admin.tsx';

interface EntityAdmin {
  type: EntityType;
  schema: z.ZodType;
  Fields: (props: { options: Options }) => VNode;
  /** values of a new form */
  defaults: FormValues;
}

/** The parts of a programme edited in the back office, by their URL segment. */
const entities: Record<string, EntityAdmin> = {
  axes: { type: 'axis', schema: axisForm, Fields: AxisFields, defaults: {} },
  projects: { type: 'project', schema: projectForm, Fields: ProjectFields, defaults: {} },
  activities: {
    type: 'activity',
    schema: activityForm,
    Fields: ActivityFields,
    defaults: { cost_kind: 'none', funding_kind: 'own', status: 'planned', progress: '0', weight: '1' },
  },
  partners: { type: 'partner', schema: partnerForm, Fields: PartnerFields, defaults: { kind: 'association' } },
  indicators: { type: 'indicator', schema: indicatorForm, Fields: IndicatorFields, defaults: { kind: 'monitoring' } },
};
const constraints = new Map<z.ZodType, ReturnType<typeof htmlConstraints>>();
const constraintsOf = (schema: z.ZodType) => {
  let c = constraints.get(schema);
  if (!c) constraints.set(schema, (c = htmlConstraints(schema)));
  return c;
};

type Params = { slug: string; kind: string; id: string };

/** collectivities per page of the back-office dashboard (a network admin sees them all) */
const PAGE = 100;

/** A row as the strings a form posts back. */
function toValues(row: Record<string, unknown>, partners?: number[]): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined) out[k] = String(v);
  if (partners) out.partners = partners.map(String);
  return out;
}

export async function programmeAdminRoutes(app: FastifyInstance) {
  const context = (request: FastifyRequest) => ({ c: staffOf(request).collectivity });

  async function scopeFor(request: FastifyRequest, c: Collectivity): Promise<Scope> {
    const programme = await currentProgramme(app.db, c.id);
    if (!programme) throw notFound('programme_not_found');
    // the public reason the form asks for once the plan is adopted (ignored when too long: see save)
    const reason = reasonForm.safeParse(request.body ?? {});
    return { actor: staffOf(request).actor, collectivityId: c.id, programme, reason: reason.success ? reason.data.reason : null };
  }

  /** Once adopted, every change is public: the form asks why (optional, shown with it). */
  async function reasonField(c: Collectivity, t: ReturnType<typeof translator>) {
    const programme = await currentProgramme(app.db, c.id);
    if (!programme || !isAdopted(programme.status)) return null;
    return <TextField name="reason" label={t('programme.cycles.reason')} hint={t('programme.cycles.reasonHint')} multiline />;
  }

  /** The reason, checked like any field: too long is a message on the form. */
  const reasonErrors = (body: FormValues): FieldErrors => {
    const r = reasonForm.safeParse(body);
    return r.success ? {} : fieldErrors(r.error);
  };

  /** The action on a part of the programme, from the URL's segment (axes, projects…). */
  const onEntity = (verb: 'create' | 'update' | 'delete') => ({
    permission: (params: Record<string, string>): Action | undefined => {
      const e = entities[params.kind];
      return e ? `${e.type}.${verb}` : undefined;
    },
  });

  async function options(c: Collectivity, locale: FastifyRequest['locale']): Promise<Options> {
    const t = translator(locale);
    const programme = await currentProgramme(app.db, c.id);
    const partners = (await listPartners(app.db, c.id)).map((p) => [String(p.id), partnerName(p, locale).text] as [string, string]);
    if (!programme) return { axes: [], projects: [], partners };
    const tree = await loadProgrammeTree(app.db, c.id, programme);
    const view = presentProgramme(tree, locale, t, '');
    return {
      axes: view.axes.map((a) => [String(a.id), `${t('programme.axisN', { n: a.number })}: ${a.title.text}`]),
      projects: view.axes.flatMap((a) => a.projects.map((p) => [String(p.id), `${t('programme.projectN', { n: p.number })}: ${p.title.text}`] as [string, string])),
      partners,
    };
  }

  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    c: Collectivity,
    kind: string,
    id: number | null,
    values: FormValues,
    errors: FieldErrors,
    status = 200,
  ) {
    const e = entities[kind];
    const t = translator(request.locale);
    const base = `/admin/c/${c.slug}/${kind}`;
    const canDelete = id !== null && allowed(request.user, `${e.type}.delete`, c.id);
    return reply.page(
      <EntityFormPage
        place={place(c, request)}
        title={t(`programme.admin.${id === null ? "new" : "editTitle"}.${e.type}`)}
        action={id === null ? base : `${base}/${id}`}
        state={{ values, errors, constraints: constraintsOf(e.schema) }}
        deleteAction={canDelete ? `${base}/${id}/delete` : undefined}
      >
        <e.Fields options={await options(c, request.locale)} />
        {await reasonField(c, t)}
      </EntityFormPage>,
      status,
    );
  }

  const entityOf = (kind: string) => {
    const e = entities[kind];
    if (!e) throw notFound();
    return e;
  };

  app.get<{ Querystring: { after?: string } }>('/admin', { config: { permission: 'signedIn' } }, async (request, reply) => {
    const user = request.user!;
    const after = typeof request.query.after === 'string' ? request.query.after : undefined;
    let q = app.db
      .selectFrom('collectivity')
      .select(['id', 'slug', 'name_ar', 'name_fr', 'name_en', 'kind'])
      .$if(after !== undefined, (q) => q.where('slug', '>', after!))
      .orderBy('slug')
      .limit(PAGE + 1);
    if (!isNetworkAdmin(user)) {
      const ids = user.grants.map((g) => g.collectivityId).filter((v): v is number => v !== null);
      q = q.where('id', 'in', ids.length ? ids : [-1]);
    }
    const rows = await q.execute();
    const next = rows.length > PAGE ? rows[PAGE - 1].slug : null;
    return reply.page(
      <DashboardPage
        nextHref={next ? `/admin?after=${encodeURIComponent(next)}` : null}
        showOutbox={allowed(user, 'outbox.read', null)}
        canCreateCollectivity={allowed(user, 'collectivity.create', null)}
        collectivities={rows.slice(0, PAGE).map((r) => ({
          slug: r.slug,
          name: pick({ ar: r.name_ar, fr: r.name_fr, en: r.name_en }, request.locale),
          kind: r.kind,
          role: roleIn(user, r.id) ?? 'editor',
        }))}
      />,
    );
  });

  app.get<{ Params: Params }>('/admin/c/:slug', { config: { permission: 'collectivity.enter' } }, async (request, reply) => {
    const { c } = context(request);
    // committee members and moderators land on the one page they work on
    if (!allowed(request.user, 'programme.view', c.id)) {
      if (allowed(request.user, 'proposal.review', c.id)) return reply.redirect(`/admin/c/${c.slug}/cocreation`, 303);
      return reply.redirect(`/admin/c/${c.slug}/moderation`, 303);
    }
    const programme = await currentProgramme(app.db, c.id);
    const t = translator(request.locale);
    const tree = programme ? await loadProgrammeTree(app.db, c.id, programme) : null;
    const view = tree ? presentProgramme(tree, request.locale, t, `/${request.locale}/c/${c.slug}`) : null;
    const projectNumber = new Map(tree?.projects.map((p) => [p.id, p.number]));
    return reply.page(
      <OverviewPage
        place={place(c, request)}
        programme={view}
        partners={(await listPartners(app.db, c.id)).map((p) => ({ id: p.id, name: partnerName(p, request.locale), kind: p.kind }))}
        indicators={(tree?.indicators ?? []).map((i) => ({
          id: i.id,
          project: projectNumber.get(i.project_id) ?? 0,
          kind: i.kind,
          statement: pick({ ar: i.statement_ar, fr: i.statement_fr, en: i.statement_en }, request.locale),
        }))}
        canManage={allowed(request.user, 'programme.update', c.id)}
        publicHref={`/${request.locale}/c/${c.slug}/programme`}
      />,
    );
  });

  // The programme itself (title, period, status, adoption); creates it when there is none yet.
  const programmePage = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, values: FormValues, errors: FieldErrors, status = 200) => {
    const t = translator(request.locale);
    // before adoption, the checks of other modules (consistency) are shown above the form
    const programme = await currentProgramme(app.db, c.id);
    const checks = programme && !isAdopted(programme.status)
      ? await adoptionChecksOf(app.db, { collectivityId: c.id, programme, locale: request.locale, adminBase: `/admin/c/${c.slug}` })
      : [];
    return reply.page(
      <EntityFormPage
        place={place(c, request)}
        title={t('programme.admin.editProgramme')}
        action={`/admin/c/${c.slug}/programme`}
        state={{ values, errors, constraints: constraintsOf(programmeForm) }}
        before={checks}
      >
        <ProgrammeFields />
        {await reasonField(c, t)}
      </EntityFormPage>,
      status,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/programme', { config: { permission: 'programme.update' } }, async (request, reply) => {
    const { c } = context(request);
    const programme = await currentProgramme(app.db, c.id);
    return programmePage(request, reply, c, programme ? toValues(programme) : { status: 'co_creation' }, {});
  });

  app.post<{ Params: Params }>('/admin/c/:slug/programme', { config: { permission: 'programme.update' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c } = context(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = programmeForm.safeParse(body);
    if (!parsed.success || Object.keys(reasonErrors(body)).length > 0) {
      return programmePage(request, reply, c, body, { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...reasonErrors(body) }, 400);
    }
    const existing = await currentProgramme(app.db, c.id);
    if (!existing) {
      await createProgramme(app.db, staffOf(request).actor, c.id, parsed.data);
    } else {
      const scope = await scopeFor(request, c);
      await updateProgramme(app.db, scope, parsed.data, scope.reason);
    }
    return reply.redirectWithFlash(`/admin/c/${c.slug}`, 'programme.admin.saved');
  });

  app.get<{ Params: Params }>('/admin/c/:slug/:kind/new', { config: onEntity('create') }, async (request, reply) => {
    const e = entityOf(request.params.kind);
    const { c } = context(request);
    if (e.type !== 'partner') await scopeFor(request, c);
    return renderForm(request, reply, c, request.params.kind, null, { ...e.defaults, ...(request.query as FormValues) }, {});
  });

  app.get<{ Params: Params }>('/admin/c/:slug/:kind/:id', { config: onEntity('update') }, async (request, reply) => {
    const e = entityOf(request.params.kind);
    const id = requireId(request.params.id);
    const { c } = context(request);
    const row = await app.db
      .selectFrom(e.type)
      .selectAll()
      .where('collectivity_id', '=', c.id)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    const partners = e.type === 'project' || e.type === 'activity' ? await partnerIdsOf(app.db, c.id, e.type, id) : undefined;
    return renderForm(request, reply, c, request.params.kind, id, toValues(row, partners), {});
  });

  /** Runs a create or update: a 400 with the form again on invalid input, else redirect. */
  async function save(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    id: number | null,
  ) {
    const kind = request.params.kind;
    const e = entityOf(kind);
    const { c } = context(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = e.schema.safeParse(body);
    if (!parsed.success || Object.keys(reasonErrors(body)).length > 0) {
      return renderForm(request, reply, c, kind, id, body, { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...reasonErrors(body) }, 400);
    }
    const scope = await scopeFor(request, c);
    const result: CommandResult<number> | null =
      id === null ? await createEntity(app.db, scope, e.type, parsed.data as never) : await updateEntity(app.db, scope, e.type, id, parsed.data as never);
    if (result === null) throw notFound();
    if (!result.ok) return renderForm(request, reply, c, kind, id, body, result.errors, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}`, 'programme.admin.saved');
  }

  app.post<{ Params: Params }>('/admin/c/:slug/:kind', { config: onEntity('create'), preHandler: app.csrfProtection }, (request, reply) => save(request, reply, null));
  app.post<{ Params: Params }>('/admin/c/:slug/:kind/:id', { config: onEntity('update'), preHandler: app.csrfProtection }, (request, reply) =>
    save(request, reply, requireId(request.params.id)),
  );

  app.post<{ Params: Params }>('/admin/c/:slug/:kind/:id/delete', { config: onEntity('delete'), preHandler: app.csrfProtection }, async (request, reply) => {
    const e = entityOf(request.params.kind);
    const id = requireId(request.params.id);
    const { c } = context(request);
    const result = await deleteEntity(app.db, await scopeFor(request, c), e.type, id);
    if (result === null) throw notFound();
    if (!result.ok) return reply.redirectWithFlash(`/admin/c/${c.slug}/${request.params.kind}/${id}`, result.errors._?.key ?? 'errors.formInvalid');
    return reply.redirectWithFlash(`/admin/c/${c.slug}`, 'programme.admin.deleted');
  });
}
