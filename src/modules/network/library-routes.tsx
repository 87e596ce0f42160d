// The library of practices: GET /{locale}/network/practices (public, cached under the library
// version; a free-text search is rendered and not stored), and "reuse in my programme":
// /admin/practices/{id}/reuse (which collectivity), /admin/c/{slug}/practices/{id}/reuse
// (project.create: the form and the copy). The project page's section (reused by N, copied from)
// is registered on the programme module's extension point.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { collectivitiesAllowed, staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { requireId } from '../../platform/params.ts';
import { pick, pickPresent } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { listProgrammes, projectPath } from '../programme/repository.ts';
import { isDraft } from '../programme/progress.ts';
import { registerPageSectionProvider } from '../programme/sections.ts';
import { collectivityKinds, libraryVersion, outcomes, practicesPage, reusedByCount } from './library.ts';
import { reusableProject, reuseForm, reuseProject } from './reuse.ts';
import { listThemes, themeName } from './themes.ts';
import { ChooseCollectivityPage, PracticesPage, ReusePage, ReuseSection } from './views/library.tsx';

const query = z.object({
  q: z.string().max(200).optional().catch(undefined),
  theme: z.coerce.number().int().positive().optional().catch(undefined),
  kind: z.enum(collectivityKinds).optional().catch(undefined),
  outcome: z.enum(outcomes).optional().catch(undefined),
  after: z.coerce.number().int().positive().optional().catch(undefined),
});
const constraints = htmlConstraints(reuseForm);

/** The project page shows how many collectivities reused it, and a copy where it came from. */
registerPageSectionProvider(async (db, target) => {
  if (!('projectId' in target)) return null;
  const [reusedBy, row] = await Promise.all([
    reusedByCount(db, target.collectivityId, target.projectId),
    db.selectFrom('project').select('origin_project_id').where('collectivity_id', '=', target.collectivityId).where('id', '=', target.projectId).executeTakeFirst(),
  ]);
  let origin = null;
  if (row?.origin_project_id) {
    const o = await db
      .selectFrom('project as p')
      .innerJoin('collectivity as c', 'c.id', 'p.collectivity_id')
      .select(['p.collectivity_id', 'p.title_ar', 'p.title_fr', 'p.title_en', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .where('p.id', '=', row.origin_project_id)
      .executeTakeFirst();
    if (o) {
      const path = await projectPath(db, o.collectivity_id, row.origin_project_id);
      origin = {
        href: path ? `/${target.locale}/c/${o.slug}${path}` : null,
        title: pick({ ar: o.title_ar, fr: o.title_fr, en: o.title_en }, target.locale),
        collectivity: pick({ ar: o.name_ar, fr: o.name_fr, en: o.name_en }, target.locale),
      };
    }
  }
  return <ReuseSection reusedBy={reusedBy} origin={origin} libraryHref={`/${target.locale}/network/practices`} />;
});

function filterHref(locale: Locale, f: z.output<typeof query>, after?: number) {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.theme) p.set('theme', String(f.theme));
  if (f.kind) p.set('kind', f.kind);
  if (f.outcome) p.set('outcome', f.outcome);
  if (after) p.set('after', String(after));
  const s = p.toString();
  return `/${locale}/network/practices${s ? `?${s}` : ''}`;
}

export async function libraryRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { locale: string } }>('/:locale/network/practices', async (request, reply) => {
    if (!isLocale(request.params.locale)) throw notFound();
    const locale = request.params.locale;
    const f = query.parse(request.query ?? {});
    const version = await libraryVersion(app.db);
    // the query is in the key: the page shows the filters it was asked with
    const key = `practices:${version}:${f.theme ?? ''}:${f.kind ?? ''}:${f.outcome ?? ''}:${f.after ?? ''}`;
    return cachedPage(request, reply, key, async () => {
      const t = translator(locale);
      const [themes, page] = await Promise.all([listThemes(app.db, { all: true }), practicesPage(app.db, { ...f, q: f.q?.trim() || undefined }, todayInCasablanca())]);
      const themeById = new Map(themes.map((th) => [th.id, th]));
      const paths = await Promise.all(page.rows.map((r) => projectPath(app.db, r.collectivityId, r.id)));
      return (
        <PracticesPage
          items={page.rows.map((r, i) => {
            const theme = r.themeId === null ? undefined : themeById.get(r.themeId);
            return {
              id: r.id,
              href: `/${locale}/c/${r.slug}${paths[i] ?? '/programme'}`,
              title: pick(r.title, locale),
              objectives: pickPresent(r.objectives, locale),
              collectivity: pick(r.collectivity, locale),
              collectivityHref: `/${locale}/c/${r.slug}`,
              kind: r.kind,
              period: `${r.programme.startYear}–${r.programme.endYear}`,
              theme: theme ? themeName(theme, locale) : null,
              activities: r.activities,
              done: r.activitiesDone,
              late: r.activitiesLate,
              reusedBy: r.reusedBy,
              reuseHref: `/admin/practices/${r.id}/reuse`,
            };
          })}
          filters={{ q: f.q ?? '', theme: f.theme ? String(f.theme) : '', kind: f.kind ?? '', outcome: f.outcome ?? '' }}
          themes={themes.filter((th) => th.retired === 0 || th.id === f.theme).map((th) => [String(th.id), themeName(th, locale).text])}
          kinds={collectivityKinds.map((k) => [k, t(`network.library.kinds.${k}`)])}
          outcomes={outcomes.map((o) => [o, t(`network.library.outcomes.${o}`)])}
          nextHref={page.next ? filterHref(locale, f, page.next) : null}
          firstHref={f.after ? filterHref(locale, f) : null}
        />
      );
    });
  });

  // From the public library (the same page for everyone): the collectivity that reuses it.
  app.get<{ Params: { id: string } }>('/admin/practices/:id/reuse', { config: { permission: 'project.create' } }, async (request, reply) => {
    const id = requireId(request.params.id, 'project_not_found');
    const allowedIn = collectivitiesAllowed(request.user!, 'project.create');
    // a network administrator acts in a collectivity's space by its URL
    if (allowedIn === 'all') return reply.redirect('/admin', 303);
    const rows = await app.db.selectFrom('collectivity').select(['slug', 'name_ar', 'name_fr', 'name_en']).where('id', 'in', allowedIn.length ? allowedIn : [-1]).orderBy('slug').execute();
    if (rows.length === 1) return reply.redirect(`/admin/c/${rows[0]!.slug}/practices/${id}/reuse`, 303);
    return reply.page(<ChooseCollectivityPage items={rows.map((r) => ({ href: `/admin/c/${r.slug}/practices/${id}/reuse`, name: pick({ ar: r.name_ar, fr: r.name_fr, en: r.name_en }, request.locale) }))} />);
  });

  const reusePage = async (request: FastifyRequest<{ Params: { slug: string; id: string } }>, values: FormValues, errors: FieldErrors) => {
    const { collectivity: c } = staffOf(request);
    const locale = request.locale;
    const t = translator(locale);
    const id = requireId(request.params.id, 'project_not_found');
    const origin = await reusableProject(app.db, id);
    if (!origin) throw notFound('project_not_found');
    const drafts = (await listProgrammes(app.db, c.id, { all: true })).filter((p) => isDraft(p.status));
    const axes = drafts.length
      ? await app.db.selectFrom('axis').select(['id', 'programme_id', 'number', 'title_ar', 'title_fr', 'title_en']).where('collectivity_id', '=', c.id).where('programme_id', 'in', drafts.map((p) => p.id)).orderBy('number').execute()
      : [];
    const targets: [string, string][] = drafts.flatMap((p) => {
      const label = `${pick({ ar: p.title_ar, fr: p.title_fr, en: p.title_en }, locale).text} (${p.start_year}–${p.end_year})`;
      return [
        ...axes.filter((a) => a.programme_id === p.id).map((a) => [`${p.id}:${a.id}`, `${label} — ${t('programme.axisN', { n: a.number })}: ${pick({ ar: a.title_ar, fr: a.title_fr, en: a.title_en }, locale).text}`] as [string, string]),
        [`${p.id}:new`, `${label} — ${t('network.reuse.newAxis')}`] as [string, string],
      ];
    });
    const path = await projectPath(app.db, origin.collectivity_id, origin.id);
    return (
      <ReusePage
        place={{ slug: c.slug, name: pick(c.name, locale) }}
        practice={{ title: pick({ ar: origin.title_ar, fr: origin.title_fr, en: origin.title_en }, locale), collectivity: pick({ ar: origin.c_name_ar, fr: origin.c_name_fr, en: origin.c_name_en }, locale), href: `/${locale}/c/${origin.slug}${path ?? '/programme'}` }}
        targets={targets}
        action={`/admin/c/${c.slug}/practices/${id}/reuse`}
        state={{ values, errors, constraints }}
        publicHref={`/${locale}/network/practices`}
      />
    );
  };

  const create = { config: { permission: 'project.create' } } as const;
  app.get<{ Params: { slug: string; id: string } }>('/admin/c/:slug/practices/:id/reuse', create, async (request, reply) => reply.page(await reusePage(request, {}, {})));

  app.post<{ Params: { slug: string; id: string } }>('/admin/c/:slug/practices/:id/reuse', { ...create, preHandler: app.csrfProtection }, async (request, reply) => {
    const { collectivity: c, actor } = staffOf(request);
    const id = requireId(request.params.id, 'project_not_found');
    const values = (request.body ?? {}) as FormValues;
    const parsed = reuseForm.safeParse(values);
    const errors = parsed.success ? null : fieldErrors(parsed.error);
    const result = parsed.success ? await reuseProject(app.db, { actor, collectivityId: c.id }, id, parsed.data) : null;
    if (!result?.ok) {
      const page = await reusePage(request, values, errors ?? (result && !result.ok ? result.errors : {}));
      // another collectivity's draft, an adopted programme, one's own project: the form says why
      return reply.page(page, 400);
    }
    const programme = parsed.success ? parsed.data.target.split(':')[0] : '';
    return reply.redirectWithFlash(`/admin/c/${c.slug}/programmes/${programme}/projects/${result.value}`, 'network.reuse.flash.copied');
  });
}
