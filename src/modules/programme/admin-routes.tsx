// Back office of the programme: /admin and /admin/c/{slug}/… Each route: who is signed in →
// policy (role and collectivity) → validation → command → redirect with a message.
// A programme's parts are edited at /admin/c/{slug}/programmes/{id}/{kind}/… (any programme of the
// collectivity: a draft before its adoption, one in consultation; a closed or archived one is
// refused), and at the short /admin/c/{slug}/{kind}/…, which follow the current programme.
import { requireId } from '../../platform/params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { roleIn, isNetworkAdmin } from '../../platform/auth/roles.ts';
import { type Action, allowed, staffOf } from '../../platform/auth/permissions.ts';
import { adoptionChecksOf } from './adoption.ts';
import { isAdopted, isDraft, isPublic } from './progress.ts';
import { carrySources } from './carry.ts';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import type { CommandResult } from '../../platform/commands.ts';
import { notFound } from '../../platform/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, type HtmlConstraints, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { type EntityType, type Scope, createEntity, deleteEntity, updateEntity } from './commands/entities.ts';
import { createProgramme, updateProgramme } from './commands/programme.ts';
import { partnerName, presentProgramme, programmePath } from './presenters.ts';
import { currentProgramme, findProgramme, listPartners, listProgrammes, loadProgrammeTree, partnerIdsOf } from './repository.ts';
import { activityForm, axisForm, indicatorForm, partnerForm, programmeForm, projectForm, reasonForm } from './schema.ts';
import { TextField } from '../../platform/ui/form.tsx';
import { themeChoices } from '../network/themes.ts';
import { lastBackup } from '../../platform/backup/runs.ts';
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
  RefusedPage,
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
const constraints = new Map<z.ZodType, HtmlConstraints>();
const constraintsOf = (schema: z.ZodType) => {
  let c = constraints.get(schema);
  if (!c) constraints.set(schema, (c = htmlConstraints(schema)));
  return c;
};

type Params = { slug: string; kind: string; id: string; eid?: string };

/** The programme a form edits, and the base of its URLs: `/admin/c/{slug}` for the current one
 *  through the short URLs, `/admin/c/{slug}/programmes/{id}` when the URL names it. */
interface Target {
  programme: ProgrammeRow;
  base: string;
}

const programmeTitle = (p: ProgrammeRow, locale: FastifyRequest['locale']) => pick({ ar: p.title_ar, fr: p.title_fr, en: p.title_en }, locale);

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

  /** The programme a short URL (/admin/c/{slug}/…) addresses: the current one. */
  async function currentTarget(c: Collectivity): Promise<Target> {
    const programme = await currentProgramme(app.db, c.id);
    if (!programme) throw notFound('programme_not_found');
    return { programme, base: `/admin/c/${c.slug}` };
  }

  /** The programme of /admin/c/{slug}/programmes/{id}/…: of this collectivity only (another's id
   *  is not found, like an unknown one). */
  async function addressedTarget(c: Collectivity, id: string | number): Promise<Target> {
    const programme = await findProgramme(app.db, c.id, typeof id === 'number' ? id : requireId(id, 'programme_not_found'));
    if (!programme) throw notFound('programme_not_found');
    return { programme, base: `/admin/c/${c.slug}/programmes/${programme.id}` };
  }

  /** Who acts, on which programme, and the public reason the form asks once the plan is adopted
   *  (ignored when too long: see save). */
  function scopeFor(request: FastifyRequest, c: Collectivity, programme: ProgrammeRow): Scope {
    const reason = reasonForm.safeParse(request.body ?? {});
    return { actor: staffOf(request).actor, collectivityId: c.id, programme, reason: reason.success ? reason.data.reason : null };
  }

  /** Once adopted, every change is public: the form asks why (optional, shown with it). */
  function reasonField(programme: ProgrammeRow | undefined, t: ReturnType<typeof translator>) {
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

  /** Partners belong to the collectivity, not to one programme (their forms post to the short
   *  URLs): a change to one is public when the current programme is adopted. */
  const programmeOfChange = async (c: Collectivity, e: EntityAdmin, to: Target) =>
    e.type === 'partner' ? ((await currentProgramme(app.db, c.id)) ?? to.programme) : to.programme;

  async function options(c: Collectivity, locale: FastifyRequest['locale'], programme: ProgrammeRow | undefined, theme: number | null = null): Promise<Options> {
    const t = translator(locale);
    const partners = (await listPartners(app.db, c.id)).map((p) => [String(p.id), partnerName(p, locale).text] as [string, string]);
    // the network's themes (the axis's own one even when retired)
    const themes = await themeChoices(app.db, locale, theme);
    if (!programme) return { axes: [], projects: [], partners, themes };
    const tree = await loadProgrammeTree(app.db, c.id, programme);
    const view = presentProgramme(tree, locale, t, '');
    return {
      axes: view.axes.map((a) => [String(a.id), `${t('programme.axisN', { n: a.number })}: ${a.title.text}`]),
      projects: view.axes.flatMap((a) => a.projects.map((p) => [String(p.id), `${t('programme.projectN', { n: p.number })}: ${p.title.text}`] as [string, string])),
      partners,
      themes,
    };
  }

  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });

  /** What staff should know before changing this programme: who sees the change. */
  function stateNotice(programme: ProgrammeRow, t: ReturnType<typeof translator>) {
    const key = isAdopted(programme.status) ? 'programme.admin.publicHistoryNotice' : programme.status === 'consultation' ? 'programme.admin.consultationNotice' : 'programme.admin.draftNotice';
    return <p class="notice">{t(key)}</p>;
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    c: Collectivity,
    kind: string,
    id: number | null,
    values: FormValues,
    errors: FieldErrors,
    target: Target | null,
    status = 200,
  ) {
    const e = entities[kind];
    const t = translator(request.locale);
    // partners belong to the collectivity: their forms stay at the short URLs
    const base = `${e.type === 'partner' || !target ? `/admin/c/${c.slug}` : target.base}/${kind}`;
    const canDelete = id !== null && allowed(request.user, `${e.type}.delete`, c.id);
    const programme = e.type === 'partner' ? undefined : target?.programme;
    return reply.page(
      <EntityFormPage
        place={place(c, request)}
        programme={programme && target!.base !== `/admin/c/${c.slug}` ? { title: programmeTitle(programme, request.locale), period: `${programme.start_year}–${programme.end_year}`, href: target!.base } : undefined}
        title={t(`programme.admin.${id === null ? "new" : "editTitle"}.${e.type}`)}
        action={id === null ? base : `${base}/${id}`}
        state={{ values, errors, constraints: constraintsOf(e.schema) }}
        deleteAction={canDelete ? `${base}/${id}/delete` : undefined}
        before={programme && !isAdopted(programme.status) ? stateNotice(programme, t) : undefined}
      >
        <e.Fields options={await options(c, request.locale, target?.programme, Number(values.theme_id) || null)} />
        {reasonField(target?.programme, t)}
      </EntityFormPage>,
      status,
    );
  }

  /** A closed or archived programme stays as it ended: its parts are not edited any more. */
  const isClosed = (p: ProgrammeRow) => p.status === 'closed' || p.status === 'archived';
  function refuseClosed(request: FastifyRequest, reply: FastifyReply, c: Collectivity, programme: ProgrammeRow) {
    return reply.page(
      <RefusedPage
        place={place(c, request)}
        title={programmeTitle(programme, request.locale)}
        message={translator(request.locale)('programme.admin.closedRefused', { status: translator(request.locale)(`programme.programmeStatus.${programme.status}`) })}
        publicHref={`/${request.locale}/c/${c.slug}${programmePath(programme)}`}
        listHref={`/admin/c/${c.slug}/programmes`}
      />,
      409,
    );
  }

  const entityOf = (kind: string) => {
    const e = entities[kind];
    if (!e) throw notFound();
    return e;
  };

  /**
   * The row a URL names, and the programme it is edited in. Under /programmes/{id}/ the row must be
   * of that programme (else 404). A short URL follows the current programme, but a part of another
   * programme (the consistency check and the import review link drafts' parts by their short
   * URL) is edited in its own programme, with that programme's rules.
   */
  async function rowOf(c: Collectivity, e: EntityAdmin, id: number, target: Target | null, scoped: boolean) {
    const row = (await app.db
      .selectFrom(e.type)
      .selectAll()
      .where('collectivity_id', '=', c.id)
      .where('id', '=', id)
      .executeTakeFirst()) as (Record<string, unknown> & { programme_id?: number }) | undefined;
    if (!row) throw notFound();
    if (e.type === 'partner') return { row, target: target ?? (await currentTarget(c).catch(() => null)), moved: false };
    if (target && target.programme.id === row.programme_id) return { row, target, moved: false };
    if (scoped) throw notFound();
    return { row, target: await addressedTarget(c, row.programme_id!), moved: true };
  }

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
        backup={allowed(user, 'backup.read', null) ? await lastBackup(app.db) : undefined}
        collectivities={rows.slice(0, PAGE).map((r) => ({
          slug: r.slug,
          name: pick({ ar: r.name_ar, fr: r.name_fr, en: r.name_en }, request.locale),
          kind: r.kind,
          role: roleIn(user, r.id) ?? 'editor',
        }))}
      />,
    );
  });


  /** The overview of a programme: its axes, projects, activities and indicators, each linked to
   *  its form. `scoped`: addressed by /programmes/{id} (a draft, one in consultation, a closed one). */
  async function overview(request: FastifyRequest, reply: FastifyReply, c: Collectivity, target: Target | null, scoped: boolean) {
    const programme = target?.programme;
    const t = translator(request.locale);
    const tree = programme ? await loadProgrammeTree(app.db, c.id, programme) : null;
    const view = tree ? presentProgramme(tree, request.locale, t, `/${request.locale}/c/${c.slug}`) : null;
    const projectNumber = new Map(tree?.projects.map((p) => [p.id, p.number]));
    const view2 = { locale: request.locale, adminBase: `/admin/c/${c.slug}` };
    const carried = programme
      ? await Promise.all(carrySources().map(async (s) => ({ heading: t(s.heading.carried), items: await s.carried(app.db, c.id, programme.id, view2) })))
      : [];
    // programmes being prepared, for the staff who edit their content (the list of programmes is
    // the focal point's)
    const preparing = scoped
      ? []
      : (await listProgrammes(app.db, c.id, { all: true }))
          .filter((p) => Number(p.is_current) === 0 && isDraft(p.status))
          .map((p) => ({ title: programmeTitle(p, request.locale), period: `${p.start_year}–${p.end_year}`, statusLabel: t(`programme.programmeStatus.${p.status}`), href: `/admin/c/${c.slug}/programmes/${p.id}` }));
    const waiting = programme !== undefined && isDraft(programme.status) && Number(programme.is_current) === 0;
    return reply.page(
      <OverviewPage
        place={place(c, request)}
        programme={view}
        editBase={target?.base ?? `/admin/c/${c.slug}`}
        scoped={scoped && programme ? {
          period: `${programme.start_year}–${programme.end_year}`,
          readOnly: isClosed(programme),
          notice: stateNotice(programme, t),
          listHref: allowed(request.user, 'programme.update', c.id) ? `/admin/c/${c.slug}/programmes` : null,
          // before adoption: the import's review (its consistency findings) and the adoption form
          reviewHref: waiting && ['draft', 'consultation'].includes(programme.status) && allowed(request.user, 'programme.import', c.id) ? `/admin/c/${c.slug}/import/${programme.id}` : null,
          adoptHref: waiting && allowed(request.user, 'programme.adopt', c.id) ? `/admin/c/${c.slug}/programmes/${programme.id}/adopt` : null,
        } : undefined}
        partners={(await listPartners(app.db, c.id)).map((p) => ({ id: p.id, name: partnerName(p, request.locale), kind: p.kind }))}
        indicators={(tree?.indicators ?? []).map((i) => ({
          id: i.id,
          project: projectNumber.get(i.project_id) ?? 0,
          kind: i.kind,
          statement: pick({ ar: i.statement_ar, fr: i.statement_fr, en: i.statement_en }, request.locale),
        }))}
        carried={carried.filter((g) => g.items.length > 0)}
        preparing={preparing}
        canManage={allowed(request.user, 'programme.update', c.id)}
        canIeecag={allowed(request.user, 'ieecag.edit', c.id)}
        canAudit={allowed(request.user, 'audit.read', c.id)}
        publicHref={programme && isPublic(programme.status) ? `/${request.locale}/c/${c.slug}${programmePath(programme)}` : null}
      />,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug', { config: { permission: 'collectivity.enter' } }, async (request, reply) => {
    const { c } = context(request);
    // committee members and moderators land on the one page they work on
    if (!allowed(request.user, 'programme.view', c.id)) {
      if (allowed(request.user, 'proposal.review', c.id)) return reply.redirect(`/admin/c/${c.slug}/cocreation`, 303);
      // IEECAG members keep the commission's space only
      if (allowed(request.user, 'ieecag.edit', c.id)) return reply.redirect(`/admin/c/${c.slug}/ieecag`, 303);
      return reply.redirect(`/admin/c/${c.slug}/moderation`, 303);
    }
    const programme = await currentProgramme(app.db, c.id);
    return overview(request, reply, c, programme ? { programme, base: `/admin/c/${c.slug}` } : null, false);
  });

  app.get<{ Params: Params }>('/admin/c/:slug/programmes/:id', { config: { permission: 'programme.view' } }, async (request, reply) => {
    const { c } = context(request);
    return overview(request, reply, c, await addressedTarget(c, request.params.id), true);
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
        {reasonField(programme, t)}
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
      const scope = scopeFor(request, c, existing);
      await updateProgramme(app.db, scope, parsed.data, scope.reason);
    }
    return reply.redirectWithFlash(`/admin/c/${c.slug}`, 'programme.admin.saved');
  });

  /**
   * The forms of a programme's parts, twice: at /admin/c/{slug}/{kind}/… for the current
   * programme (`scoped` false), and at /admin/c/{slug}/programmes/{id}/{kind}/… for any programme
   * of the collectivity (a draft before adoption). In the latter the part's id is `eid`.
   */
  function entityRoutes(prefix: string, scoped: boolean) {
    const entityId = (request: FastifyRequest<{ Params: Params }>) => requireId(scoped ? request.params.eid : request.params.id);
    /** The programme the URL addresses. On a short URL, a partner and an existing part (edited in
     *  its own programme, see rowOf) do without a current programme. */
    const target = async (request: FastifyRequest<{ Params: Params }>, c: Collectivity, e: EntityAdmin, existing = false): Promise<Target | null> => {
      if (scoped) return addressedTarget(c, request.params.id);
      return e.type === 'partner' || existing ? ((await currentProgramme(app.db, c.id)) ? currentTarget(c) : null) : currentTarget(c);
    };
    const idPart = scoped ? ':eid' : ':id';

    app.get<{ Params: Params }>(`${prefix}/:kind/new`, { config: onEntity('create') }, async (request, reply) => {
      const e = entityOf(request.params.kind);
      const { c } = context(request);
      const to = await target(request, c, e);
      if (to && e.type !== 'partner' && isClosed(to.programme)) return refuseClosed(request, reply, c, to.programme);
      return renderForm(request, reply, c, request.params.kind, null, { ...e.defaults, ...(request.query as FormValues) }, {}, to);
    });

    app.get<{ Params: Params }>(`${prefix}/:kind/${idPart}`, { config: onEntity('update') }, async (request, reply) => {
      const e = entityOf(request.params.kind);
      const id = entityId(request);
      const { c } = context(request);
      const found = await rowOf(c, e, id, await target(request, c, e, true), scoped);
      // a part of another programme: its own programme's URL, where the form posts back
      if (found.moved) return reply.redirect(`${found.target!.base}/${request.params.kind}/${id}`, 303);
      if (found.target && e.type !== 'partner' && isClosed(found.target.programme)) return refuseClosed(request, reply, c, found.target.programme);
      const partners = e.type === 'project' || e.type === 'activity' ? await partnerIdsOf(app.db, c.id, e.type, id) : undefined;
      return renderForm(request, reply, c, request.params.kind, id, toValues(found.row, partners), {}, found.target);
    });

    /** Runs a create or update: a 400 with the form again on invalid input, else redirect. */
    async function save(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, id: number | null) {
      const kind = request.params.kind;
      const e = entityOf(kind);
      const { c } = context(request);
      let to = await target(request, c, e, id !== null);
      if (id !== null) to = (await rowOf(c, e, id, to, scoped)).target;
      if (!to) throw notFound('programme_not_found');
      if (e.type !== 'partner' && isClosed(to.programme)) return refuseClosed(request, reply, c, to.programme);
      const body = (request.body ?? {}) as FormValues;
      const parsed = e.schema.safeParse(body);
      if (!parsed.success || Object.keys(reasonErrors(body)).length > 0) {
        return renderForm(request, reply, c, kind, id, body, { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...reasonErrors(body) }, to, 400);
      }
      const scope = scopeFor(request, c, await programmeOfChange(c, e, to));
      const result: CommandResult<number> | null =
        id === null ? await createEntity(app.db, scope, e.type, parsed.data as never) : await updateEntity(app.db, scope, e.type, id, parsed.data as never);
      if (result === null) throw notFound();
      if (!result.ok) return renderForm(request, reply, c, kind, id, body, result.errors, to, 400);
      return reply.redirectWithFlash(e.type === 'partner' ? `/admin/c/${c.slug}` : to.base, 'programme.admin.saved');
    }

    app.post<{ Params: Params }>(`${prefix}/:kind`, { config: onEntity('create'), preHandler: app.csrfProtection }, (request, reply) => save(request, reply, null));
    app.post<{ Params: Params }>(`${prefix}/:kind/${idPart}`, { config: onEntity('update'), preHandler: app.csrfProtection }, (request, reply) => save(request, reply, entityId(request)));

    app.post<{ Params: Params }>(`${prefix}/:kind/${idPart}/delete`, { config: onEntity('delete'), preHandler: app.csrfProtection }, async (request, reply) => {
      const e = entityOf(request.params.kind);
      const id = entityId(request);
      const { c } = context(request);
      const { target: to } = await rowOf(c, e, id, await target(request, c, e, true), scoped);
      if (!to) throw notFound('programme_not_found');
      if (e.type !== 'partner' && isClosed(to.programme)) return refuseClosed(request, reply, c, to.programme);
      const base = e.type === 'partner' ? `/admin/c/${c.slug}` : to.base;
      const result = await deleteEntity(app.db, scopeFor(request, c, await programmeOfChange(c, e, to)), e.type, id);
      if (result === null) throw notFound();
      if (!result.ok) return reply.redirectWithFlash(`${base}/${request.params.kind}/${id}`, result.errors._?.key ?? 'errors.formInvalid');
      return reply.redirectWithFlash(base, 'programme.admin.deleted');
    });
  }

  entityRoutes('/admin/c/:slug/programmes/:id', true);
  entityRoutes('/admin/c/:slug', false);
}
