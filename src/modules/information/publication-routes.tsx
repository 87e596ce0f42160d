// Proactive publication: the public list /{locale}/c/{slug}/information/published (cached) with
// its documents at /c/{slug}/information/published/{id}/file, and the back office
// /admin/c/{slug}/information/publications (permission information.publish): add, edit, delete an
// entry — a link (http/https) or an uploaded document. Each write: permission → CSRF (readForm
// checks it before reading a file) → zod → command → redirect, or the form again with its values.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { formatDate, todayInCasablanca } from '../../platform/i18n/format.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { parseId, requireId } from '../../platform/params.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import type { FormState } from '../../platform/ui/form.tsx';
import { acceptOf, checkFiles, multipartForms, readForm, sendStoredFile } from '../../platform/uploads.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { publicationCategories } from './model.ts';
import {
  MAX_PUBLICATION_BYTES,
  type PublicationRow,
  automaticEntries,
  deletePublication,
  findPublication,
  listPublications,
  publicationFile,
  publicationForm,
  publicationTypes,
  savePublication,
} from './publications.ts';
import { PublicationFormPage, PublicationsAdminPage, publicationsBase } from './views/publications-admin.tsx';
import { type PublicationView, PublicationsPage } from './views/publications.tsx';

type Params = { locale: string; slug: string; id: string };

const publish = { config: { permission: 'information.publish' } } as const;
const constraints = htmlConstraints(publicationForm);
const fields = ['category', 'published_on', 'url', 'title_ar', 'title_fr', 'title_en', 'description_ar', 'description_fr', 'description_en'] as const;

/** An entry's title in a locale; '' in title_ar means no Arabic title (the column is NOT NULL). */
const titleOf = (p: PublicationRow, locale: Parameters<typeof pick>[1]) => pick({ ar: p.title_ar || null, fr: p.title_fr, en: p.title_en }, locale);
const fileHref = (slug: string, id: number) => `/c/${slug}/information/published/${id}/file`;

export async function publicationRoutes(app: FastifyInstance) {
  app.get<{ Params: Params }>('/:locale/c/:slug/information/published', async (request, reply) => {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug, request);
    const locale = request.locale;
    const base = `/${locale}/c/${c.slug}`;
    return cachedPage(request, reply, `information-published:${c.id}:${c.contentVersion}`, async () => {
      const t = translator(locale);
      const [own, auto] = await Promise.all([listPublications(app.db, c.id), automaticEntries(app.db, c)]);
      const entries: PublicationView[] = [
        ...own.map((p) => ({
          key: `publication-${p.id}`,
          category: p.category,
          sortDate: p.published_on,
          date: formatDate(locale, p.published_on),
          title: titleOf(p, locale),
          description: p.description_ar || p.description_fr || p.description_en ? pick({ ar: p.description_ar, fr: p.description_fr, en: p.description_en }, locale) : null,
          href: p.url ?? fileHref(c.slug, p.id),
          kind: p.url ? ('link' as const) : ('file' as const),
          auto: false,
          example: p.is_example === 1,
        })),
        ...auto.map((a, i) => ({
          key: `auto-${i}`,
          category: a.category,
          sortDate: a.sortDate,
          date: a.date ? formatDate(locale, a.date) : null,
          title: t(a.titleKey, { ...a.values, title: a.title ? pick(a.title, locale).text : '' }),
          description: null,
          href: `/${locale}${a.path}`,
          kind: 'page' as const,
          auto: true,
          example: a.example,
        })),
      ].sort((a, b) => (a.sortDate < b.sortDate ? 1 : a.sortDate > b.sortDate ? -1 : 0));
      return <PublicationsPage place={{ name: pick(c.name, locale), href: base }} base={base} categories={publicationCategories} entries={entries} />;
    });
  });

  app.get<{ Params: Params }>('/c/:slug/information/published/:id/file', async (request, reply) => {
    const c = await requireCollectivity(app.db, request.params.slug, request);
    const id = parseId(request.params.id);
    const file = id === null ? undefined : await publicationFile(app.db, c.id, id);
    if (!file) throw notFound('file_not_found');
    return sendStoredFile(request, reply, file);
  });

  await app.register(adminRoutes);
}

async function adminRoutes(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_PUBLICATION_BYTES, files: 1, fields: 12, fieldSize: 16 * 1024 });
  const accept = acceptOf(publicationTypes);

  const staff = (request: FastifyRequest) => {
    const { collectivity: c, actor } = staffOf(request);
    return { c, scope: { actor, collectivityId: c.id } };
  };
  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });

  const formPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, p: PublicationRow | null, state: FormState, status = 200) =>
    reply.page(
      <PublicationFormPage
        place={place(c, request)}
        title={translator(request.locale)(p ? 'information.publication.admin.edit' : 'information.publication.admin.add')}
        action={p ? `${publicationsBase(c.slug)}/${p.id}` : publicationsBase(c.slug)}
        state={state}
        categories={publicationCategories}
        accept={accept}
        currentFile={p?.original_name ?? null}
      />,
      status,
    );

  app.get<{ Params: Params }>('/admin/c/:slug/information/publications', publish, async (request, reply) => {
    const { c } = staff(request);
    const rows = await listPublications(app.db, c.id);
    return reply.page(
      <PublicationsAdminPage
        place={place(c, request)}
        publicHref={`/${request.locale}/c/${c.slug}/information/published`}
        items={rows.map((p) => ({ id: p.id, category: p.category, date: formatDate(request.locale, p.published_on), title: titleOf(p, request.locale), kind: p.url ? 'link' : 'file', href: p.url ?? fileHref(c.slug, p.id) }))}
      />,
    );
  });

  app.get<{ Params: Params }>('/admin/c/:slug/information/publications/new', publish, async (request, reply) => {
    const { c } = staff(request);
    return formPage(request, reply, c, null, { values: { published_on: todayInCasablanca() }, errors: {}, constraints });
  });

  app.get<{ Params: Params }>('/admin/c/:slug/information/publications/:id', publish, async (request, reply) => {
    const { c } = staff(request);
    const p = await findPublication(app.db, c.id, requireId(request.params.id, 'publication_not_found'));
    if (!p) throw notFound('publication_not_found');
    const values: FormValues = {};
    for (const f of fields) values[f] = p[f] ? String(p[f]) : '';
    return formPage(request, reply, c, p, { values, errors: {}, constraints });
  });

  for (const path of ['/admin/c/:slug/information/publications', '/admin/c/:slug/information/publications/:id']) {
    app.post<{ Params: Params }>(path, publish, async (request, reply) => {
      const { c, scope } = staff(request);
      const id = request.params.id === undefined ? null : requireId(request.params.id, 'publication_not_found');
      const p = id === null ? null : ((await findPublication(app.db, c.id, id)) ?? null);
      if (id !== null && !p) throw notFound('publication_not_found');
      // the file is read only now, once the role and then the CSRF token are checked
      const { form, files } = await readForm(request, reply);
      const fail = (errors: FieldErrors) => formPage(request, reply, c, p, { values: form, errors, constraints }, 400);
      const parsed = publicationForm.safeParse(form);
      const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
      const checked = files.length > 0 ? await checkFiles(files, { types: publicationTypes, maxBytes: MAX_PUBLICATION_BYTES, maxFiles: 1, field: 'file' }) : { files: [], errors: {} };
      Object.assign(errors, checked.errors);
      if (!parsed.success || Object.keys(errors).length > 0) return fail(errors);
      const result = await savePublication(app.db, scope, id, parsed.data, checked.files[0] ?? null);
      if (!result.ok) return fail(result.errors);
      return reply.redirectWithFlash(`${publicationsBase(c.slug)}#publication-${result.value}`, 'information.publication.admin.saved');
    });
  }

  app.post<{ Params: Params }>('/admin/c/:slug/information/publications/:id/delete', { ...publish, preHandler: app.csrfProtection }, async (request, reply) => {
    const { scope, c } = staff(request);
    if (!(await deletePublication(app.db, scope, requireId(request.params.id, 'publication_not_found')))) throw notFound('publication_not_found');
    return reply.redirectWithFlash(publicationsBase(c.slug), 'information.publication.admin.deleted');
  });
}
