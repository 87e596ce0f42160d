// The commission's e-space. Public, through the page cache: /{locale}/c/{slug}/ieecag (the
// commission, its members, its register in figures, trainings, documents, the gender lens),
// …/ieecag/trainings, …/ieecag/documents (search: rendered afresh, never cached), …/ieecag/gender,
// and the files: …/ieecag/founding-act.pdf, …/ieecag/documents/{id}/file. Back office (permission
// ieecag.edit): /admin/c/{slug}/ieecag… — each write: permission → CSRF → zod → command →
// redirect with a message, or the same form again with its values and messages (400).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { formatDate } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { parseId, requireId } from '../../platform/params.ts';
import { type Collectivity, pick, pickField, pickText, requireCollectivity } from '../../platform/tenancy.ts';
import type { FormState } from '../../platform/ui/form.tsx';
import { type UploadedFile, acceptOf, checkFiles, documentTypes, multipartForms, readForm, sendStoredFile } from '../../platform/uploads.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import type { SitemapProvider } from '../manifest.ts';
import { type Scope, deleteDocument, deleteMember, deleteTraining, moveMember, saveCommission, saveDocument, saveMember, saveTraining, setFoundingFile } from './commands/space.ts';
import { genderLens } from './gender-lens.ts';
import { DEFAULT_RESPONSE_DELAY_DAYS, opinionFigures } from './opinion-figures.ts';
import { spaceApi } from './space-api.ts';
import { commissionForm, documentForm, documentsQuery, memberForm, moveForm, parseCursor, trainingForm, trainingsQuery } from './space-schema.ts';
import {
  type DocumentListItem,
  documentFile,
  documentsPage,
  findCommission,
  findDocument,
  findMember,
  findTraining,
  foundingFile,
  foundingFileInfo,
  listMembers,
  trainingTotals,
  trainingsPage,
} from './space.ts';
import type { CommissionRow, DocumentRow, MemberRow, TrainingRow } from './tables.ts';
import { DocumentFormPage, DocumentsAdminPage, MemberFormPage, SpaceAdminPage, TrainingFormPage, TrainingsAdminPage } from './views/space-admin.tsx';
import { type CommissionView, type DocumentView, DocumentsPage, GenderPage, type MemberView, SpacePage, type TrainingView, TrainingsPage } from './views/space.tsx';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const pdfTypes: Record<string, string> = { pdf: 'application/pdf' };
const typeLabel: Record<string, string> = { 'application/pdf': 'PDF', [documentTypes.docx!]: 'Word', [documentTypes.xlsx!]: 'Excel', [documentTypes.pptx!]: 'PowerPoint', [documentTypes.odt!]: 'ODT', [documentTypes.ods!]: 'ODS' };

/** How many of the latest trainings and documents the commission's page shows. */
const LATEST = 3;

const edit = { config: { permission: 'ieecag.edit' } } as const;
const constraints = { commission: htmlConstraints(commissionForm), member: htmlConstraints(memberForm), training: htmlConstraints(trainingForm), document: htmlConstraints(documentForm) };

type PublicParams = { locale: string; slug: string; id: string };
type Params = { slug: string; id: string };

const kb = (bytes: number) => Math.max(1, Math.round(bytes / 1024));
const date = (locale: Locale, d: string | null) => (d ? formatDate(locale, d) : null);

// ---- presenters ----------------------------------------------------------------------------

function presentCommission(c: CommissionRow, locale: Locale): CommissionView {
  return {
    foundingAct: pickField(c, 'founding_act', locale),
    foundedOn: date(locale, c.founded_on),
    mission: pickField(c, 'mission', locale),
    email: c.contact_email,
    phone: c.contact_phone,
    officeAddress: pickField(c, 'office_address', locale),
    officeHours: pickField(c, 'office_hours', locale),
    example: c.is_example === 1,
  };
}

/** A member as the public sees them: the name only with their consent. */
export function presentMember(m: MemberRow, locale: Locale): MemberView {
  return {
    name: m.name_public === 1 ? m.name : null,
    role: m.role,
    category: m.category,
    organisation: pickField(m, 'organisation', locale),
    mandateStart: date(locale, m.mandate_start),
    mandateEnd: date(locale, m.mandate_end),
    monitoring: m.on_monitoring_committee === 1,
  };
}

function presentTraining(x: TrainingRow, locale: Locale): TrainingView {
  return {
    id: x.id,
    heldOn: formatDate(locale, x.held_on),
    theme: pickText(x, 'theme', locale),
    trainer: pickField(x, 'trainer', locale),
    summary: pickField(x, 'summary', locale),
    women: x.participants_women,
    men: x.participants_men,
    total: x.participants_total,
    example: x.is_example === 1,
  };
}

function presentDocument(d: DocumentRow & Partial<Pick<DocumentListItem, 'file_size' | 'file_mime'>>, locale: Locale, base: string): DocumentView {
  return {
    id: d.id,
    kind: d.kind,
    publishedOn: formatDate(locale, d.published_on),
    title: pickText(d, 'title', locale),
    summary: pickField(d, 'summary', locale),
    file: d.file_size != null && d.file_mime ? { href: `${base}/ieecag/documents/${d.id}/file`, type: typeLabel[d.file_mime] ?? d.file_mime, kb: kb(d.file_size) } : null,
    example: d.is_example === 1,
  };
}

/** The e-space's public pages of a collectivity, for the manifest's `sitemap` (with the opinions'). */
export const spaceSitemap: SitemapProvider = async (_db, c, limit) => [`/c/${c.slug}/ieecag`, `/c/${c.slug}/ieecag/trainings`, `/c/${c.slug}/ieecag/documents`, `/c/${c.slug}/ieecag/gender`].slice(0, limit);

export async function spaceRoutes(app: FastifyInstance) {
  await app.register(spaceApi);
  await app.register(publicRoutes);
  await app.register(adminRoutes);
  await app.register(foundingUpload);
  await app.register(documentUploads);
}

// ---- public --------------------------------------------------------------------------------

async function publicRoutes(app: FastifyInstance) {
  async function placeOf(request: FastifyRequest<{ Params: Partial<PublicParams> }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug ?? '', request);
    return { c, base: `/${request.locale}/c/${c.slug}`, place: { name: pick(c.name, request.locale), href: `/${request.locale}/c/${c.slug}` } };
  }

  app.get<{ Params: PublicParams }>('/:locale/c/:slug/ieecag', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    return cachedPage(request, reply, `ieecag:${c.id}:${c.contentVersion}`, async () => {
      const locale = request.locale;
      const [commission, file, members, figures, latest, totals, documents, lens] = await Promise.all([
        findCommission(app.db, c.id),
        foundingFileInfo(app.db, c.id),
        listMembers(app.db, c.id),
        opinionFigures(app.db, c.id),
        trainingsPage(app.db, c.id, null, LATEST),
        trainingTotals(app.db, c.id),
        documentsPage(app.db, c.id, { after: null, limit: LATEST }),
        genderLens(app.db, c.id),
      ]);
      return (
        <SpacePage
          place={place}
          base={base}
          commission={commission ? presentCommission(commission, locale) : null}
          foundingFile={commission && file ? { href: `${base}/ieecag/founding-act.pdf`, kb: kb(file.size) } : null}
          members={members.map((m) => presentMember(m, locale))}
          composition={{ women: members.filter((m) => m.gender === 'f').length, men: members.filter((m) => m.gender === 'm').length }}
          figures={figures}
          trainings={{ latest: latest.items.map((x) => presentTraining(x, locale)), count: totals.trainings, participants: totals.participants, women: totals.women }}
          documents={documents.items.map((d) => presentDocument(d, locale, base))}
          lens={lens}
        />
      );
    });
  });

  app.get<{ Params: PublicParams }>('/:locale/c/:slug/ieecag/founding-act.pdf', async (request, reply) => {
    const { c } = await placeOf(request);
    const file = await foundingFile(app.db, c.id);
    if (!file || file.mime !== 'application/pdf') throw notFound();
    return sendStoredFile(request, reply, file);
  });

  app.get<{ Params: PublicParams; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/ieecag/trainings', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const q = trainingsQuery.parse(request.query ?? {});
    return cachedPage(request, reply, `ieecag-trainings:${c.id}:${c.contentVersion}:${q.after ?? ''}`, async () => {
      const locale = request.locale;
      const [page, totals] = await Promise.all([trainingsPage(app.db, c.id, parseCursor(q.after)), trainingTotals(app.db, c.id)]);
      const here = `${base}/ieecag/trainings`;
      return (
        <TrainingsPage
          place={place}
          base={base}
          list={{ items: page.items.map((x) => presentTraining(x, locale)), firstHref: q.after ? here : null, nextHref: page.next ? `${here}?after=${encodeURIComponent(page.next)}` : null }}
          totals={{ count: totals.trainings, participants: totals.participants, women: totals.women }}
        />
      );
    });
  });

  // ?q= is free text: cachedPage renders such a page afresh and keeps it nowhere
  app.get<{ Params: PublicParams; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/ieecag/documents', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const q = documentsQuery.parse(request.query ?? {});
    return cachedPage(request, reply, `ieecag-documents:${c.id}:${c.contentVersion}:${q.kind ?? ''}:${q.after ?? ''}`, async () => {
      const page = await documentsPage(app.db, c.id, { q: q.q, kind: q.kind, after: parseCursor(q.after) });
      const filters = new URLSearchParams();
      if (q.q) filters.set('q', q.q);
      if (q.kind) filters.set('kind', q.kind);
      const href = (after?: string) => {
        const p = new URLSearchParams(filters);
        if (after) p.set('after', after);
        const s = p.toString();
        return `${base}/ieecag/documents${s ? `?${s}` : ''}`;
      };
      return (
        <DocumentsPage
          place={place}
          base={base}
          filters={{ q: q.q ?? '', kind: q.kind ?? '' }}
          list={{ items: page.items.map((d) => presentDocument(d, request.locale, base)), firstHref: q.after ? href() : null, nextHref: page.next ? href(page.next) : null }}
        />
      );
    });
  });

  app.get<{ Params: PublicParams }>('/:locale/c/:slug/ieecag/documents/:id/file', async (request, reply) => {
    const { c } = await placeOf(request);
    const id = parseId(request.params.id);
    const file = id === null ? undefined : await documentFile(app.db, c.id, id);
    if (!file || !Object.values(documentTypes).includes(file.mime)) throw notFound();
    return sendStoredFile(request, reply, file);
  });

  // Keyed on the content version and the day: budget ballots do not move the version (they change
  // no page before results), so voters counted today show here by tomorrow or the next write.
  app.get<{ Params: PublicParams }>('/:locale/c/:slug/ieecag/gender', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    return cachedPage(request, reply, `ieecag-gender:${c.id}:${c.contentVersion}`, async () => <GenderPage place={place} base={base} lens={await genderLens(app.db, c.id)} />);
  });
}

// ---- back office ---------------------------------------------------------------------------

function staff(request: FastifyRequest) {
  const { collectivity: c, actor } = staffOf(request);
  const scope: Scope = { actor, collectivityId: c.id };
  return { c, scope };
}

const adminPlace = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });
const adminBase = (c: Collectivity) => `/admin/c/${c.slug}/ieecag`;
const state = (values: FormValues, errors: FieldErrors, name: keyof typeof constraints): FormState => ({ values, errors, constraints: constraints[name] });

/** A row's columns as its form shows them (numbers and dates as text, flags as '1'). */
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
const commissionFields = [...l10nFields('founding_act', 'mission', 'office_address', 'office_hours'), 'founded_on', 'contact_email', 'contact_phone', 'response_delay_days'];
const memberFields = ['name', 'role', 'category', 'gender', ...l10nFields('organisation'), 'mandate_start', 'mandate_end', 'name_public', 'on_monitoring_committee'];
const trainingFields = ['held_on', ...l10nFields('theme', 'trainer', 'summary'), 'participants_women', 'participants_men', 'participants_total'];
const documentFields = ['kind', 'published_on', ...l10nFields('title', 'summary')];

/** The e-space's back-office page: the commission's form, the founding PDF's, the members. */
async function spaceAdminPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, forms: { commission?: FormState; foundingFile?: FormState } = {}, status = 200) {
  const db = request.server.db;
  const [commission, file, members, totals, documents] = await Promise.all([
    findCommission(db, c.id),
    foundingFileInfo(db, c.id),
    listMembers(db, c.id),
    trainingTotals(db, c.id),
    db.selectFrom('ieecag_document').select((eb) => eb.fn.countAll<number | string>().as('n')).where('collectivity_id', '=', c.id).executeTakeFirstOrThrow(),
  ]);
  const publicHref = `/${request.locale}/c/${c.slug}/ieecag`;
  return reply.page(
    <SpaceAdminPage
      place={adminPlace(c, request)}
      publicHref={publicHref}
      exists={commission !== undefined}
      commission={forms.commission ?? state(commission ? formValuesOf(commission, commissionFields) : { response_delay_days: String(DEFAULT_RESPONSE_DELAY_DAYS) }, {}, 'commission')}
      foundingFile={{
        state: forms.foundingFile ?? { values: {}, errors: {}, constraints: {} },
        current: file ? { name: file.original_name, kb: kb(file.size), href: `${publicHref}/founding-act.pdf` } : null,
        accept: acceptOf(pdfTypes),
        maxMb: MAX_FILE_BYTES / 1024 / 1024,
      }}
      members={members.map((m) => ({ id: m.id, name: m.name, namePublic: m.name_public === 1, role: m.role, category: m.category }))}
      counts={{ trainings: totals.trainings, documents: Number(documents.n) }}
    />,
    status,
  );
}

async function adminRoutes(app: FastifyInstance) {
  const post = { ...edit, preHandler: app.csrfProtection };

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag', edit, async (request, reply) => spaceAdminPage(request, reply, staff(request).c));

  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/commission', post, async (request, reply) => {
    const { c, scope } = staff(request);
    const body = (request.body ?? {}) as FormValues;
    const fail = (errors: FieldErrors) => spaceAdminPage(request, reply, c, { commission: state(body, errors, 'commission') }, 400);
    const parsed = commissionForm.safeParse(body);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    const result = await saveCommission(app.db, scope, parsed.data);
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(`${adminBase(c)}#a-commission`, 'ieecag.admin.flash.saved');
  });

  // ---- members ----

  const memberPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, m: MemberRow | null, form: FormState, status = 200) =>
    reply.page(
      <MemberFormPage
        place={adminPlace(c, request)}
        action={m ? `${adminBase(c)}/members/${m.id}` : `${adminBase(c)}/members`}
        title={translator(request.locale)(m ? 'ieecag.admin.editMember' : 'ieecag.admin.addMember')}
        state={form}
      />,
      status,
    );

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/members/new', edit, async (request, reply) => {
    const { c } = staff(request);
    return memberPage(request, reply, c, null, state({ role: 'member' }, {}, 'member'));
  });

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/members/:id', edit, async (request, reply) => {
    const { c } = staff(request);
    const m = await findMember(app.db, c.id, requireId(request.params.id, 'member_not_found'));
    if (!m) throw notFound('member_not_found');
    return memberPage(request, reply, c, m, state(formValuesOf(m, memberFields), {}, 'member'));
  });

  for (const path of ['/admin/c/:slug/ieecag/members', '/admin/c/:slug/ieecag/members/:id']) {
    app.post<{ Params: Params }>(path, post, async (request, reply) => {
      const { c, scope } = staff(request);
      const id = request.params.id === undefined ? null : requireId(request.params.id, 'member_not_found');
      const m = id === null ? null : ((await findMember(app.db, c.id, id)) ?? null);
      if (id !== null && !m) throw notFound('member_not_found');
      const body = (request.body ?? {}) as FormValues;
      const fail = (errors: FieldErrors) => memberPage(request, reply, c, m, state(body, errors, 'member'), 400);
      const parsed = memberForm.safeParse(body);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const result = await saveMember(app.db, scope, id, parsed.data);
      if (!result.ok) return fail(result.errors);
      return reply.redirectWithFlash(`${adminBase(c)}#member-${result.value}`, 'ieecag.admin.flash.memberSaved');
    });
  }

  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/members/:id/delete', post, async (request, reply) => {
    const { c, scope } = staff(request);
    if (!(await deleteMember(app.db, scope, requireId(request.params.id, 'member_not_found')))) throw notFound('member_not_found');
    return reply.redirectWithFlash(`${adminBase(c)}#a-members`, 'ieecag.admin.flash.memberDeleted');
  });

  app.post<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/ieecag/members/:id/move', post, async (request, reply) => {
    const { c, scope } = staff(request);
    const parsed = moveForm.safeParse({ direction: request.query.direction ?? (request.body as FormValues | undefined)?.direction });
    if (!parsed.success) throw notFound();
    const id = requireId(request.params.id, 'member_not_found');
    if (!(await moveMember(app.db, scope, id, parsed.data.direction))) throw notFound('member_not_found');
    return reply.redirectWithFlash(`${adminBase(c)}#member-${id}`, 'ieecag.admin.flash.memberMoved');
  });

  // ---- trainings ----

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/ieecag/trainings', edit, async (request, reply) => {
    const { c } = staff(request);
    const q = trainingsQuery.parse(request.query ?? {});
    const page = await trainingsPage(app.db, c.id, parseCursor(q.after));
    const here = `${adminBase(c)}/trainings`;
    return reply.page(
      <TrainingsAdminPage
        place={adminPlace(c, request)}
        list={{ items: page.items.map((x) => presentTraining(x, request.locale)), firstHref: q.after ? here : null, nextHref: page.next ? `${here}?after=${encodeURIComponent(page.next)}` : null }}
      />,
    );
  });

  const trainingPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, x: TrainingRow | null, form: FormState, status = 200) =>
    reply.page(
      <TrainingFormPage
        place={adminPlace(c, request)}
        action={x ? `${adminBase(c)}/trainings/${x.id}` : `${adminBase(c)}/trainings`}
        title={translator(request.locale)(x ? 'ieecag.admin.editTraining' : 'ieecag.admin.addTraining')}
        state={form}
      />,
      status,
    );

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/trainings/new', edit, async (request, reply) => trainingPage(request, reply, staff(request).c, null, state({}, {}, 'training')));

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/trainings/:id', edit, async (request, reply) => {
    const { c } = staff(request);
    const x = await findTraining(app.db, c.id, requireId(request.params.id, 'training_not_found'));
    if (!x) throw notFound('training_not_found');
    return trainingPage(request, reply, c, x, state(formValuesOf(x, trainingFields), {}, 'training'));
  });

  for (const path of ['/admin/c/:slug/ieecag/trainings', '/admin/c/:slug/ieecag/trainings/:id']) {
    app.post<{ Params: Params }>(path, post, async (request, reply) => {
      const { c, scope } = staff(request);
      const id = request.params.id === undefined ? null : requireId(request.params.id, 'training_not_found');
      const x = id === null ? null : ((await findTraining(app.db, c.id, id)) ?? null);
      if (id !== null && !x) throw notFound('training_not_found');
      const body = (request.body ?? {}) as FormValues;
      const fail = (errors: FieldErrors) => trainingPage(request, reply, c, x, state(body, errors, 'training'), 400);
      const parsed = trainingForm.safeParse(body);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const result = await saveTraining(app.db, scope, id, parsed.data);
      if (!result.ok) return fail(result.errors);
      return reply.redirectWithFlash(`${adminBase(c)}/trainings`, 'ieecag.admin.flash.trainingSaved');
    });
  }

  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/trainings/:id/delete', post, async (request, reply) => {
    const { c, scope } = staff(request);
    if (!(await deleteTraining(app.db, scope, requireId(request.params.id, 'training_not_found')))) throw notFound('training_not_found');
    return reply.redirectWithFlash(`${adminBase(c)}/trainings`, 'ieecag.admin.flash.trainingDeleted');
  });

  // ---- documents (their forms carry a file: posted in documentUploads below) ----

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/ieecag/documents', edit, async (request, reply) => {
    const { c } = staff(request);
    const q = documentsQuery.parse(request.query ?? {});
    const page = await documentsPage(app.db, c.id, { after: parseCursor(q.after) });
    const here = `${adminBase(c)}/documents`;
    return reply.page(
      <DocumentsAdminPage
        place={adminPlace(c, request)}
        list={{ items: page.items.map((d) => presentDocument(d, request.locale, `/${request.locale}/c/${c.slug}`)), firstHref: q.after ? here : null, nextHref: page.next ? `${here}?after=${encodeURIComponent(page.next)}` : null }}
      />,
    );
  });

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/documents/new', edit, async (request, reply) => {
    const { c } = staff(request);
    return documentPage(request, reply, c, null, state({}, {}, 'document'));
  });

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/documents/:id', edit, async (request, reply) => {
    const { c } = staff(request);
    const d = await findDocument(app.db, c.id, requireId(request.params.id, 'document_not_found'));
    if (!d) throw notFound('document_not_found');
    return documentPage(request, reply, c, d, state(formValuesOf(d, documentFields), {}, 'document'));
  });

  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/documents/:id/delete', post, async (request, reply) => {
    const { c, scope } = staff(request);
    if (!(await deleteDocument(app.db, scope, requireId(request.params.id, 'document_not_found')))) throw notFound('document_not_found');
    return reply.redirectWithFlash(`${adminBase(c)}/documents`, 'ieecag.admin.flash.documentDeleted');
  });
}

async function documentPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, d: DocumentRow | null, form: FormState, status = 200) {
  const file = d ? await documentFile(request.server.db, c.id, d.id) : undefined;
  return reply.page(
    <DocumentFormPage
      place={adminPlace(c, request)}
      action={d ? `${adminBase(c)}/documents/${d.id}` : `${adminBase(c)}/documents`}
      title={translator(request.locale)(d ? 'ieecag.admin.editDocument' : 'ieecag.admin.addDocument')}
      state={form}
      file={{ current: file?.original_name ?? null, accept: acceptOf(documentTypes), maxMb: MAX_FILE_BYTES / 1024 / 1024 }}
    />,
    status,
  );
}

// ---- uploads: multipart is taken in these scopes only ----------------------------------------

async function foundingUpload(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_FILE_BYTES, files: 1, fields: 3 });
  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/founding-file', edit, async (request, reply) => {
    const { c, scope } = staff(request);
    // the file is read only now, once the role and then the CSRF token are checked
    const { files } = await readForm(request, reply);
    const fail = (errors: FieldErrors) => spaceAdminPage(request, reply, c, { foundingFile: { values: {}, errors, constraints: {} } }, 400);
    if (files.length === 0) return fail({ founding_file: { key: 'errors.required' } });
    const checked = await checkFiles(files, { types: pdfTypes, maxBytes: MAX_FILE_BYTES, maxFiles: 1, field: 'founding_file' });
    if (Object.keys(checked.errors).length > 0) return fail(checked.errors);
    const result = await setFoundingFile(app.db, scope, checked.files[0]!);
    if (!result.ok) return fail(result.errors);
    return reply.redirectWithFlash(`${adminBase(c)}#a-founding-file`, 'ieecag.admin.flash.fileSaved');
  });
}

async function documentUploads(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_FILE_BYTES, files: 1, fields: 12, fieldSize: 16 * 1024 });
  for (const path of ['/admin/c/:slug/ieecag/documents', '/admin/c/:slug/ieecag/documents/:id']) {
    app.post<{ Params: Params }>(path, edit, async (request, reply) => {
      const { c, scope } = staff(request);
      const id = request.params.id === undefined ? null : requireId(request.params.id, 'document_not_found');
      const d = id === null ? null : ((await findDocument(app.db, c.id, id)) ?? null);
      if (id !== null && !d) throw notFound('document_not_found');
      const { form, files } = await readForm(request, reply);
      const fail = (errors: FieldErrors) => documentPage(request, reply, c, d, state(form, errors, 'document'), 400);
      const parsed = documentForm.safeParse(form);
      const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
      let file = null;
      if (files.length > 0) {
        const checked = await checkFiles(files as UploadedFile[], { types: documentTypes, maxBytes: MAX_FILE_BYTES, maxFiles: 1, field: 'file' });
        Object.assign(errors, checked.errors);
        file = checked.files[0] ?? null;
      } else if (id === null) {
        errors.file = { key: 'errors.required' };
      }
      if (!parsed.success || Object.keys(errors).length > 0) return fail(errors);
      const result = await saveDocument(app.db, scope, id, parsed.data, file);
      if (!result.ok) return fail(result.errors);
      return reply.redirectWithFlash(`${adminBase(c)}/documents`, 'ieecag.admin.flash.documentSaved');
    });
  }
}
