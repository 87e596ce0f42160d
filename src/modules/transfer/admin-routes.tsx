// Back office of import and consistency, under /admin/c/{slug}/…:
//   GET  import                 the form (file or pasted text) and the imports waiting for a decision
//   POST import/preview         multipart: reads and plans, lists every problem; nothing is written
//   POST import                 the rows of the preview again: imports in one transaction
//   GET  import/{id}            review of an imported programme, with its consistency report
//   POST import/{id}/discard    deletes it (adopting it is /admin/c/{slug}/programmes/{id}/adopt)
//   GET  consistency            the report for the current programme
// Import needs programme.import (a new programme, and replacing the public one; the focal
// point); the report, programme.check. Each route: permission → collectivity → input → command → redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { requireId } from '../../platform/params.ts';
import { multipartForms, readForm } from '../../platform/uploads.ts';
import { type Collectivity, pick } from '../../platform/tenancy.ts';
import { currentProgramme } from '../programme/manifest.ts';
import { loadProgrammeTree } from '../programme/repository.ts';
import { importProgramme } from './commands/import-programme.ts';
import { discardProgramme, findPending, pendingProgrammes } from './commands/drafts.ts';
import { checkConsistency, fromPlan } from './consistency.ts';
import { checkProgramme } from './check.ts';
import { type Problem, knownThemes, planImport } from './plan.ts';
import { type TextLocaleChoice, planLocale, textLocales } from './language.ts';
import { MAX_UPLOAD_BYTES, type SourceRow, readDelimited, readUpload } from './read.ts';
import { ConsistencyPage, ImportPage, PreviewPage, ReviewPage } from './views/pages.tsx';

type Params = { slug: string; id: string };

const rowsSchema = z
  .array(z.object({ row: z.number().int().min(1), cells: z.array(z.string().max(20_000)).max(50) }))
  .min(1)
  .max(100_000);

const confirmSchema = z.object({
  rows: z.string().max(4 * MAX_UPLOAD_BYTES),
  title: z.string().trim().max(300).optional(),
  create_partners: z.literal('1').optional(),
  text_lang: z.enum(textLocales).optional(),
});
const textLang = (v: unknown): TextLocaleChoice => ((textLocales as readonly unknown[]).includes(v) ? (v as TextLocaleChoice) : 'auto');

export async function transferAdminRoutes(app: FastifyInstance) {
  // multipart only here (the upload form): the upload is read into memory, within the limit; a
  // pasted table may be as large as a file
  await multipartForms(app, { fileSize: MAX_UPLOAD_BYTES, fieldSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 5 });

  const importing = { config: { permission: 'programme.import' } } as const;
  const scope = (request: FastifyRequest) => {
    const { collectivity: c, actor } = staffOf(request);
    return { c, actor };
  };
  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });
  /** Targets and values of the indicators, from the tracking module. */
  const knownPartners = (c: Collectivity) =>
    app.db.selectFrom('partner').select(['id', 'name_ar', 'name_fr', 'name_en', 'kind']).where('collectivity_id', '=', c.id).execute();

  app.get<{ Params: Params }>('/admin/c/:slug/import', importing, async (request, reply) => {
    const { c } = scope(request);
    const pending = await pendingProgrammes(app.db, c.id);
    return reply.page(
      <ImportPage
        place={place(c, request)}
        pending={pending.map((p) => ({
          id: p.id,
          title: pick({ ar: p.title_ar, fr: p.title_fr, en: p.title_en }, request.locale).text,
          period: `${p.start_year}–${p.end_year}`,
          createdAt: formatDateTime(request.locale, p.created_at),
        }))}
      />,
    );
  });

  async function preview(
    request: FastifyRequest,
    reply: FastifyReply,
    c: Collectivity,
    input: { rows: SourceRow[] | null; problems: Problem[]; text: string; title: string; createPartners: boolean; textLang: TextLocaleChoice },
    status?: number,
  ) {
    let plan = null;
    let problems = input.problems;
    if (input.rows) {
      const planned = planImport(input.rows, await knownPartners(c), await knownThemes(app.db));
      plan = planned.plan;
      problems = [...problems, ...planned.problems];
    }
    return reply.page(
      <PreviewPage
        place={place(c, request)}
        plan={plan}
        problems={problems}
        findings={plan && problems.length === 0 ? checkConsistency(fromPlan(plan)) : []}
        rowsJson={input.rows ? JSON.stringify(input.rows) : ''}
        text={input.text}
        title={input.title}
        createPartners={input.createPartners}
        textLang={input.textLang}
        detected={plan ? planLocale(plan, input.textLang) : null}
      />,
      status ?? (problems.length > 0 ? 400 : 200),
    );
  }

  app.post<{ Params: Params }>(
    '/admin/c/:slug/import/preview',
    { ...importing, bodyLimit: 4 * MAX_UPLOAD_BYTES },
    async (request, reply) => {
      const { c } = scope(request);
      // the file is read only now, once the role and then the CSRF token are checked
      const { form: body, files } = await readForm(request, reply);
      const text = typeof body.text === 'string' ? body.text : '';
      const title = typeof body.title === 'string' ? body.title.slice(0, 300) : '';
      const upload = files[0];
      const file = upload?.content ?? null;
      const keep = { text: text.length > MAX_UPLOAD_BYTES ? '' : text, title, createPartners: true, textLang: textLang(body.text_lang) };
      if (upload?.truncated || text.length > MAX_UPLOAD_BYTES) {
        const problems = [{ row: null, column: null, key: 'transfer.problems.tooLarge', values: { max: MAX_UPLOAD_BYTES / 1024 / 1024 } }];
        return preview(request, reply, c, { rows: null, problems, ...keep }, 413);
      }
      const read = file && file.length > 0 ? await readUpload(file) : text.trim() !== '' ? readDelimited(text, '\t') : null;
      if (!read) return preview(request, reply, c, { rows: null, problems: [{ row: null, column: null, key: 'transfer.problems.nothingGiven' }], ...keep });
      if (!read.ok) return preview(request, reply, c, { rows: null, problems: read.problems, ...keep });
      return preview(request, reply, c, { rows: read.rows, problems: [], ...keep });
    },
  );

  app.post<{ Params: Params }>('/admin/c/:slug/import', { ...importing, preHandler: app.csrfProtection, bodyLimit: 5 * MAX_UPLOAD_BYTES }, async (request, reply) => {
    const { c, actor } = scope(request);
    const parsed = confirmSchema.safeParse(request.body ?? {});
    let rows: SourceRow[] | null = null;
    if (parsed.success) {
      try {
        const r = rowsSchema.safeParse(JSON.parse(parsed.data.rows));
        if (r.success) rows = r.data;
      } catch {
        rows = null;
      }
    }
    const title = parsed.success ? (parsed.data.title ?? '') : '';
    const createPartners = parsed.success && parsed.data.create_partners === '1';
    const lang = textLang(parsed.success ? parsed.data.text_lang : undefined);
    if (!rows) {
      return preview(request, reply, c, { rows: null, problems: [{ row: null, column: null, key: 'transfer.problems.nothingGiven' }], text: '', title, createPartners, textLang: lang });
    }
    const result = await importProgramme(app.db, actor, c.id, rows, { createPartners, title, textLocale: lang });
    if (!result.ok) return preview(request, reply, c, { rows, problems: result.problems.filter((p) => p.key === 'transfer.problems.unknownPartners'), text: '', title, createPartners, textLang: lang }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/import/${result.value.programmeId}`, 'transfer.flash.imported');
  });

  app.get<{ Params: Params }>('/admin/c/:slug/import/:id', importing, async (request, reply) => {
    const id = requireId(request.params.id);
    const { c } = scope(request);
    const programme = await findPending(app.db, c.id, id);
    if (!programme) throw notFound('programme_not_found');
    const tree = await loadProgrammeTree(app.db, c.id, programme);
    const current = await currentProgramme(app.db, c.id);
    const partners = new Set([...tree.activityPartners.values()].flat());
    return reply.page(
      <ReviewPage
        place={place(c, request)}
        id={id}
        title={pick({ ar: programme.title_ar, fr: programme.title_fr, en: programme.title_en }, request.locale).text}
        period={`${programme.start_year}–${programme.end_year}`}
        counts={{ axes: tree.axes.length, projects: tree.projects.length, activities: tree.activities.length, partners: partners.size }}
        findings={await checkProgramme(app.db, c.id, tree, request.locale)}
        current={current ? pick({ ar: current.title_ar, fr: current.title_fr, en: current.title_en }, request.locale).text : null}
      />,
    );
  });

  app.post<{ Params: Params }>('/admin/c/:slug/import/:id/discard', { ...importing, preHandler: app.csrfProtection }, async (request, reply) => {
    const id = requireId(request.params.id);
    const { c, actor } = scope(request);
    const result = await discardProgramme(app.db, actor, c.id, id);
    if (!result) throw notFound('programme_not_found');
    return reply.redirectWithFlash(`/admin/c/${c.slug}/import`, 'transfer.flash.discarded');
  });

  app.get<{ Params: Params }>('/admin/c/:slug/consistency', { config: { permission: 'programme.check' } }, async (request, reply) => {
    const { c } = scope(request);
    const programme = await currentProgramme(app.db, c.id);
    const tree = programme ? await loadProgrammeTree(app.db, c.id, programme) : null;
    return reply.page(
      <ConsistencyPage
        place={place(c, request)}
        programme={programme ? pick({ ar: programme.title_ar, fr: programme.title_fr, en: programme.title_en }, request.locale).text : null}
        findings={tree && programme ? await checkProgramme(app.db, c.id, tree, request.locale) : []}
      />,
    );
  });
}
