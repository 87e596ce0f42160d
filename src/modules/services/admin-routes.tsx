// Back office of the digital services. The network administrator keeps the shared list of
// national platforms (/admin/platforms, permission platforms.manage); a collectivity's staff
// (/admin/c/{slug}/services…, permission services.edit) record its memberships, its services and
// their monthly figures (a form per month, or an import of a CSV or XLSX file: every row checked,
// nothing saved unless all are good), and its awareness campaigns. Each write: permission → CSRF
// → zod → command → redirect with a message, or the same form again with its values and messages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { formatDate, formatMonth, todayInCasablanca } from '../../platform/i18n/format.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { requireId } from '../../platform/params.ts';
import { type Collectivity, pick, pickField, pickText } from '../../platform/tenancy.ts';
import type { FormState } from '../../platform/ui/form.tsx';
import { acceptOf, multipartForms, readForm } from '../../platform/uploads.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { MAX_UPLOAD_BYTES, readUpload } from '../transfer/read.ts';
import { type Scope, deleteCampaign, deleteMonth, deleteService, importMonths, moveService, saveCampaign, saveMembership, saveMonth, savePlatform, saveService, setPlatformRetired } from './commands/services.ts';
import { type ImportProblem, checkImport } from './import.ts';
import { platformName, presentCampaign } from './presenters.ts';
import { campaignsPage, findCampaign, findMembership, findPlatform, findService, joinedShare, listPlatforms, listServices, platformStatuses, serviceMonthsPage } from './repository.ts';
import { campaignForm, lastMonth, listQuery, membershipForm, monthFigures, monthOf, moveForm, parseCursor, platformForm, serviceForm } from './schema.ts';
import type { AwarenessCampaignRow, DigitalPlatformRow, PublicServiceRow } from './tables.ts';
import { CampaignFormPage, CampaignsAdminPage, ImportPage, MembershipFormPage, MonthsAdminPage, PlatformFormPage, PlatformsAdminPage, ServiceFormPage, ServicesAdminPage, adminBase } from './views/admin.tsx';

const edit = { config: { permission: 'services.edit' } } as const;
const manage = { config: { permission: 'platforms.manage' } } as const;
const uploadTypes = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

const constraints = {
  platform: htmlConstraints(platformForm),
  membership: htmlConstraints(membershipForm('9999-12-31')),
  service: htmlConstraints(serviceForm),
  month: htmlConstraints(monthFigures('9999-12')),
  campaign: htmlConstraints(campaignForm),
};
const state = (values: FormValues, errors: FieldErrors, name: keyof typeof constraints): FormState => ({ values, errors, constraints: constraints[name] });

type Params = { slug: string; id: string; month: string };

/** A row's columns as its form shows them (numbers as text, flags as '1'). */
function formValuesOf(row: object, fields: readonly string[]): FormValues {
  const r = row as Record<string, unknown>;
  const out: FormValues = {};
  for (const f of fields) {
    const v = r[f];
    out[f] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}
const l10nFields = (...names: string[]) => names.flatMap((n) => [`${n}_ar`, `${n}_fr`, `${n}_en`]);
const platformFields = ['key', 'url', 'position', ...l10nFields('name', 'purpose')];
const membershipFields = ['joined', 'joined_on', ...l10nFields('services', 'desk')];
const serviceFields = [...l10nFields('name', 'how_to_apply', 'documents_needed', 'desk'), 'online_url', 'platform_id', 'legal_days'];
const campaignFields = ['held_on', 'channel', 'reached', 'women', 'materials_url', ...l10nFields('title', 'description')];

function staff(request: FastifyRequest) {
  const { collectivity: c, actor } = staffOf(request);
  const scope: Scope = { actor, collectivityId: c.id };
  return { c, scope };
}
const adminPlace = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });
const body = (request: FastifyRequest) => (request.body ?? {}) as FormValues;

export async function servicesAdminRoutes(app: FastifyInstance) {
  await app.register(platformRoutes);
  await app.register(collectivityRoutes);
  await app.register(importRoutes);
}

// ---- the network's platforms ---------------------------------------------------------------

async function platformRoutes(app: FastifyInstance) {
  const post = { ...manage, preHandler: app.csrfProtection };

  app.get('/admin/platforms', manage, async (request, reply) => {
    const platforms = await listPlatforms(app.db, { all: true });
    return reply.page(<PlatformsAdminPage platforms={platforms.map((p) => ({ id: p.id, key: p.key, name: platformName(p, request.locale), url: p.url, position: p.position, retired: p.retired === 1 }))} />);
  });

  const formPage = (request: FastifyRequest, reply: FastifyReply, p: DigitalPlatformRow | null, form: FormState, status = 200) =>
    reply.page(<PlatformFormPage title={translator(request.locale)(p ? 'services.admin.editPlatform' : 'services.admin.addPlatform')} action={p ? `/admin/platforms/${p.id}` : '/admin/platforms'} state={form} />, status);

  app.get('/admin/platforms/new', manage, async (request, reply) => {
    const last = await listPlatforms(app.db, { all: true });
    return formPage(request, reply, null, state({ position: String((last.at(-1)?.position ?? 0) + 1) }, {}, 'platform'));
  });

  app.get<{ Params: Params }>('/admin/platforms/:id', manage, async (request, reply) => {
    const p = await findPlatform(app.db, requireId(request.params.id, 'platform_not_found'));
    if (!p) throw notFound('platform_not_found');
    return formPage(request, reply, p, state(formValuesOf(p, platformFields), {}, 'platform'));
  });

  for (const path of ['/admin/platforms', '/admin/platforms/:id']) {
    app.post<{ Params: Params }>(path, post, async (request, reply) => {
      const id = request.params.id === undefined ? null : requireId(request.params.id, 'platform_not_found');
      const p = id === null ? null : ((await findPlatform(app.db, id)) ?? null);
      if (id !== null && !p) throw notFound('platform_not_found');
      const values = body(request);
      const fail = (errors: FieldErrors) => formPage(request, reply, p, state(values, errors, 'platform'), 400);
      const parsed = platformForm.safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const result = await savePlatform(app.db, id, parsed.data);
      if (!result.ok) return fail(result.errors);
      return reply.redirectWithFlash(`/admin/platforms#platform-${result.value}`, 'services.admin.flash.platformSaved');
    });
  }

  for (const [action, retired] of [['retire', true], ['restore', false]] as const) {
    app.post<{ Params: Params }>(`/admin/platforms/:id/${action}`, post, async (request, reply) => {
      const id = requireId(request.params.id, 'platform_not_found');
      if (!(await setPlatformRetired(app.db, id, retired))) throw notFound('platform_not_found');
      return reply.redirectWithFlash(`/admin/platforms#platform-${id}`, retired ? 'services.admin.flash.platformRetired' : 'services.admin.flash.platformRestored');
    });
  }
}

// ---- a collectivity's services -------------------------------------------------------------

async function collectivityRoutes(app: FastifyInstance) {
  const post = { ...edit, preHandler: app.csrfProtection };

  app.get<{ Params: Params }>('/admin/c/:slug/services', edit, async (request, reply) => {
    const { c } = staff(request);
    const locale = request.locale;
    const [statuses, services, months, campaigns] = await Promise.all([
      platformStatuses(app.db, c.id),
      listServices(app.db, c.id),
      app.db.selectFrom('service_month').select((eb) => ['service_id', eb.fn.countAll<number | string>().as('n')]).where('collectivity_id', '=', c.id).groupBy('service_id').execute(),
      app.db.selectFrom('awareness_campaign').select((eb) => eb.fn.countAll<number | string>().as('n')).where('collectivity_id', '=', c.id).executeTakeFirstOrThrow(),
    ]);
    const platforms = new Map(statuses.map((s) => [s.platform.id, s.platform]));
    const counts = new Map(months.map((m) => [m.service_id, Number(m.n)]));
    return reply.page(
      <ServicesAdminPage
        place={adminPlace(c, request)}
        publicHref={`/${locale}/c/${c.slug}/services`}
        indicator={joinedShare(statuses)}
        platforms={statuses.map((s) => ({ id: s.platform.id, name: platformName(s.platform, locale), joined: s.membership?.joined === 1, joinedOn: s.membership?.joined_on ? formatDate(locale, s.membership.joined_on) : null, retired: s.platform.retired === 1 }))}
        services={services.map((s) => {
          const p = s.platform_id === null ? undefined : platforms.get(s.platform_id);
          return { id: s.id, name: pickText(s, 'name', locale), platform: p ? platformName(p, locale) : null, legalDays: s.legal_days, months: counts.get(s.id) ?? 0 };
        })}
        campaignCount={Number(campaigns.n)}
      />,
    );
  });

  // ---- memberships ----

  async function offeredPlatform(id: string) {
    const p = await findPlatform(app.db, requireId(id, 'platform_not_found'));
    if (!p || p.retired === 1) throw notFound('platform_not_found');
    return p;
  }
  const membershipPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, p: DigitalPlatformRow, form: FormState, status = 200) =>
    reply.page(
      <MembershipFormPage
        place={adminPlace(c, request)}
        platform={{ name: platformName(p, request.locale), purpose: pickField(p, 'purpose', request.locale), url: p.url }}
        action={`${adminBase(c.slug)}/platforms/${p.id}`}
        state={form}
      />,
      status,
    );

  app.get<{ Params: Params }>('/admin/c/:slug/services/platforms/:id', edit, async (request, reply) => {
    const { c } = staff(request);
    const p = await offeredPlatform(request.params.id);
    const m = await findMembership(app.db, c.id, p.id);
    const values = m ? formValuesOf(m, membershipFields) : {};
    if (m && m.joined !== 1) delete values.joined;
    return membershipPage(request, reply, c, p, state(values, {}, 'membership'));
  });

  app.post<{ Params: Params }>('/admin/c/:slug/services/platforms/:id', post, async (request, reply) => {
    const { c, scope } = staff(request);
    const p = await offeredPlatform(request.params.id);
    const values = body(request);
    const fail = (errors: FieldErrors) => membershipPage(request, reply, c, p, state(values, errors, 'membership'), 400);
    const parsed = membershipForm(todayInCasablanca()).safeParse(values);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    const result = await saveMembership(app.db, scope, p.id, parsed.data);
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(`${adminBase(c.slug)}#platform-${p.id}`, 'services.admin.flash.membershipSaved');
  });

  // ---- services ----

  const servicePage = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, s: PublicServiceRow | null, form: FormState, status = 200) => {
    const platforms = await listPlatforms(app.db);
    return reply.page(
      <ServiceFormPage
        place={adminPlace(c, request)}
        title={translator(request.locale)(s ? 'services.admin.editService' : 'services.admin.addService')}
        action={s ? `${adminBase(c.slug)}/${s.id}` : adminBase(c.slug)}
        state={form}
        platforms={platforms.map((p) => [String(p.id), platformName(p, request.locale).text])}
      />,
      status,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/services/new', edit, async (request, reply) => servicePage(request, reply, staff(request).c, null, state({}, {}, 'service')));

  async function serviceOf(c: Collectivity, id: string) {
    const s = await findService(app.db, c.id, requireId(id, 'service_not_found'));
    if (!s) throw notFound('service_not_found');
    return s;
  }

  app.get<{ Params: Params }>('/admin/c/:slug/services/:id', edit, async (request, reply) => {
    const { c } = staff(request);
    const s = await serviceOf(c, request.params.id);
    return servicePage(request, reply, c, s, state(formValuesOf(s, serviceFields), {}, 'service'));
  });

  for (const path of ['/admin/c/:slug/services', '/admin/c/:slug/services/:id']) {
    app.post<{ Params: Params }>(path, post, async (request, reply) => {
      const { c, scope } = staff(request);
      const s = request.params.id === undefined ? null : await serviceOf(c, request.params.id);
      const values = body(request);
      const fail = (errors: FieldErrors) => servicePage(request, reply, c, s, state(values, errors, 'service'), 400);
      const parsed = serviceForm.safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const result = await saveService(app.db, scope, s?.id ?? null, parsed.data);
      if (!result.ok) return fail(result.errors);
      return reply.redirectWithFlash(`${adminBase(c.slug)}#service-${result.value}`, 'services.admin.flash.serviceSaved');
    });
  }

  app.post<{ Params: Params }>('/admin/c/:slug/services/:id/delete', post, async (request, reply) => {
    const { c, scope } = staff(request);
    if (!(await deleteService(app.db, scope, requireId(request.params.id, 'service_not_found')))) throw notFound('service_not_found');
    return reply.redirectWithFlash(`${adminBase(c.slug)}#a-services`, 'services.admin.flash.serviceDeleted');
  });

  app.post<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/services/:id/move', post, async (request, reply) => {
    const { c, scope } = staff(request);
    const parsed = moveForm.safeParse({ direction: request.query.direction ?? body(request).direction });
    if (!parsed.success) throw notFound();
    const id = requireId(request.params.id, 'service_not_found');
    if (!(await moveService(app.db, scope, id, parsed.data.direction))) throw notFound('service_not_found');
    return reply.redirectWithFlash(`${adminBase(c.slug)}#service-${id}`, 'services.admin.flash.serviceMoved');
  });

  // ---- monthly figures ----

  const monthsPage = async (request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply: FastifyReply, c: Collectivity, s: PublicServiceRow, form: FormState, status = 200) => {
    const before = /^\d{4}-\d{2}$/.test(request.query?.before ?? '') ? request.query.before! : null;
    const page = await serviceMonthsPage(app.db, c.id, s.id, before, 12);
    const here = `${adminBase(c.slug)}/${s.id}/months`;
    return reply.page(
      <MonthsAdminPage
        place={adminPlace(c, request)}
        service={{ id: s.id, name: pickText(s, 'name', request.locale) }}
        state={form}
        months={page.items.map((m) => ({ month: m.month, label: formatMonth(request.locale, m.month), received: m.received, online: m.online, paper: m.paper, medianDays: m.median_days }))}
        firstHref={before ? here : null}
        nextHref={page.next ? `${here}?before=${page.next}` : null}
      />,
      status,
    );
  };

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/services/:id/months', edit, async (request, reply) => {
    const { c } = staff(request);
    const s = await serviceOf(c, request.params.id);
    // ?month= opens a recorded month's figures in the form, to correct them
    const month = /^\d{4}-\d{2}$/.test(request.query.month ?? '') ? request.query.month! : lastMonth(todayInCasablanca());
    const row = await app.db.selectFrom('service_month').selectAll().where('collectivity_id', '=', c.id).where('service_id', '=', s.id).where('month', '=', month).executeTakeFirst();
    return monthsPage(request, reply, c, s, state(row ? formValuesOf(row, ['month', 'received', 'online', 'paper', 'median_days']) : { month }, {}, 'month'));
  });

  app.post<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/services/:id/months', post, async (request, reply) => {
    const { c, scope } = staff(request);
    const s = await serviceOf(c, request.params.id);
    const values = body(request);
    const fail = (errors: FieldErrors) => monthsPage(request, reply, c, s, state(values, errors, 'month'), 400);
    const parsed = monthFigures(monthOf(todayInCasablanca())).safeParse(values);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    const result = await saveMonth(app.db, scope, s.id, parsed.data);
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${s.id}/months`, 'services.admin.flash.monthSaved');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/services/:id/months/:month/delete', post, async (request, reply) => {
    const { c, scope } = staff(request);
    const id = requireId(request.params.id, 'service_not_found');
    if (!/^\d{4}-\d{2}$/.test(request.params.month) || !(await deleteMonth(app.db, scope, id, request.params.month))) throw notFound();
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${id}/months`, 'services.admin.flash.monthDeleted');
  });

  // ---- campaigns ----

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/services/campaigns', edit, async (request, reply) => {
    const { c } = staff(request);
    const q = listQuery.parse(request.query ?? {});
    const page = await campaignsPage(app.db, c.id, parseCursor(q.after));
    const here = `${adminBase(c.slug)}/campaigns`;
    return reply.page(
      <CampaignsAdminPage
        place={adminPlace(c, request)}
        campaigns={page.items.map((x) => presentCampaign(x, request.locale))}
        firstHref={q.after ? here : null}
        nextHref={page.next ? `${here}?after=${encodeURIComponent(page.next)}` : null}
      />,
    );
  });

  const campaignPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, x: AwarenessCampaignRow | null, form: FormState, status = 200) =>
    reply.page(
      <CampaignFormPage
        place={adminPlace(c, request)}
        title={translator(request.locale)(x ? 'services.admin.editCampaign' : 'services.admin.addCampaign')}
        action={x ? `${adminBase(c.slug)}/campaigns/${x.id}` : `${adminBase(c.slug)}/campaigns`}
        state={form}
      />,
      status,
    );

  async function campaignOf(c: Collectivity, id: string) {
    const x = await findCampaign(app.db, c.id, requireId(id, 'campaign_not_found'));
    if (!x) throw notFound('campaign_not_found');
    return x;
  }

  app.get<{ Params: Params }>('/admin/c/:slug/services/campaigns/new', edit, async (request, reply) => campaignPage(request, reply, staff(request).c, null, state({}, {}, 'campaign')));

  app.get<{ Params: Params }>('/admin/c/:slug/services/campaigns/:id', edit, async (request, reply) => {
    const { c } = staff(request);
    const x = await campaignOf(c, request.params.id);
    return campaignPage(request, reply, c, x, state(formValuesOf(x, campaignFields), {}, 'campaign'));
  });

  for (const path of ['/admin/c/:slug/services/campaigns', '/admin/c/:slug/services/campaigns/:id']) {
    app.post<{ Params: Params }>(path, post, async (request, reply) => {
      const { c, scope } = staff(request);
      const x = request.params.id === undefined ? null : await campaignOf(c, request.params.id);
      const values = body(request);
      const fail = (errors: FieldErrors) => campaignPage(request, reply, c, x, state(values, errors, 'campaign'), 400);
      const parsed = campaignForm.safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const result = await saveCampaign(app.db, scope, x?.id ?? null, parsed.data);
      if (!result.ok) return fail(result.errors);
      return reply.redirectWithFlash(`${adminBase(c.slug)}/campaigns`, 'services.admin.flash.campaignSaved');
    });
  }

  app.post<{ Params: Params }>('/admin/c/:slug/services/campaigns/:id/delete', post, async (request, reply) => {
    const { c, scope } = staff(request);
    if (!(await deleteCampaign(app.db, scope, requireId(request.params.id, 'campaign_not_found')))) throw notFound('campaign_not_found');
    return reply.redirectWithFlash(`${adminBase(c.slug)}/campaigns`, 'services.admin.flash.campaignDeleted');
  });
}

// ---- import of monthly figures: multipart is taken in this scope only ----------------------

async function importRoutes(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 2 });

  const page = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, problems: ImportProblem[], status = 200) => {
    const services = await listServices(app.db, c.id);
    return reply.page(
      <ImportPage
        place={adminPlace(c, request)}
        state={{ values: {}, errors: {}, constraints: {} }}
        problems={problems}
        services={services.map((s, i) => ({ position: i + 1, name: pickText(s, 'name', request.locale) }))}
        accept={acceptOf(uploadTypes)}
      />,
      status,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/services/import', edit, async (request, reply) => page(request, reply, staff(request).c, []));

  app.post<{ Params: Params }>('/admin/c/:slug/services/import', edit, async (request, reply) => {
    const { c, scope } = staff(request);
    // the file is read only now, once the role and then the CSRF token are checked
    const { files } = await readForm(request, reply);
    const file = files[0];
    if (!file) return page(request, reply, c, [{ row: null, key: 'errors.required' }], 400);
    const read = await readUpload(file.content);
    if (!read.ok) return page(request, reply, c, read.problems.map((p) => ({ row: p.row, key: p.key, values: p.values as Record<string, string | number> | undefined })), 400);
    const checked = checkImport(read.rows, await listServices(app.db, c.id), monthOf(todayInCasablanca()));
    if (!checked.ok) return page(request, reply, c, checked.problems, 400);
    const result = await importMonths(app.db, scope, checked.rows);
    if (!result.ok) return page(request, reply, c, Object.values(result.errors).map((e) => ({ row: null, key: e.key, values: e.values })), 400);
    return reply.redirectWithFlash(adminBase(c.slug), 'services.admin.flash.imported');
  });
}
