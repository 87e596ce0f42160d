// A verified citizen proposes a project while a round's submission phase is open:
// GET/POST /{locale}/c/{slug}/budgets/{round}/propose. The first post checks the text and shows
// similar projects of the round; the second (with images, multipart) publishes. Images are
// served at /c/{slug}/budget-images/{sha256}.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { requireId } from '../../platform/params.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { mostSimilar, searchTerms } from '../../platform/text/normalize.ts';
import { acceptOf, checkFiles, multipartForms, readForm } from '../../platform/uploads.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { requireVerifiedCitizen } from '../accounts/manifest.ts';
import { likeTerm } from '../../platform/text/like.ts';
import { submitProject } from './commands/projects.ts';
import { phaseAt } from './model.ts';
import { presentRound } from './presenters.ts';
import { districtsOf, findRound } from './repository.ts';
import { submitProjectForm } from './schema.ts';
import type { RoundRow } from './tables.ts';
import { SubmitProjectPage } from './views/submit.tsx';

type Params = { locale: string; slug: string; round: string };

export const MAX_IMAGES = 3;
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const imageTypes: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const constraints = htmlConstraints(submitProjectForm);

export async function budgetSubmitRoutes(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_IMAGE_BYTES, files: MAX_IMAGES * 2, fields: 12 });

  async function context(request: FastifyRequest<{ Params: Params }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug);
    const round = await findRound(app.db, c.id, requireId(request.params.round, 'round_not_found'));
    if (!round) throw notFound('round_not_found');
    return { c, round };
  }

  /** Projects of the round that look like this one (Arabic-aware matching), merged ones left out. */
  async function similarTo(c: Collectivity, round: RoundRow, text: string, base: string) {
    const terms = searchTerms(text).sort((a, b) => b.length - a.length).slice(0, 4);
    if (terms.length === 0) return [];
    const candidates = await app.db
      .selectFrom('budget_project')
      .select(['id', 'title', 'status'])
      .where('collectivity_id', '=', c.id)
      .where('round_id', '=', round.id)
      .where('status', '!=', 'merged')
      .where((eb) => eb.or(terms.map((t) => likeTerm(eb.ref('search_text'), t))))
      .orderBy('id', 'desc')
      .limit(300)
      .execute();
    return mostSimilar(text, candidates, (p) => p.title, { limit: 5 }).map(({ item }) => ({ title: item.title, status: item.status, href: `${base}#project-${item.id}` }));
  }

  async function render(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    c: Collectivity,
    round: RoundRow,
    values: FormValues,
    errors: FieldErrors,
    similar: Awaited<ReturnType<typeof similarTo>> | null,
    status = 200,
  ) {
    const locale = request.locale;
    const districts = await districtsOf(app.db, c.id, round.id);
    return reply.page(
      <SubmitProjectPage
        place={{ name: pick(c.name, locale), href: `/${locale}/c/${c.slug}` }}
        round={presentRound(round, locale, new Date().toISOString())}
        districts={districts.map((d) => [String(d.id), d.name])}
        state={{ values, errors, constraints }}
        similar={similar}
        images={{ max: MAX_IMAGES, size: MAX_IMAGE_BYTES / 1024 / 1024, accept: acceptOf(imageTypes) }}
      />,
      status,
      { csrf: true },
    );
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/budgets/:round/propose', async (request, reply) => {
    const { c, round } = await context(request);
    if (!(await requireVerifiedCitizen(request, reply))) return reply;
    return render(request, reply, c, round, {}, {}, null);
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/budgets/:round/propose', async (request, reply) => {
    const { c, round } = await context(request);
    const citizen = await requireVerifiedCitizen(request, reply, { next: `/${request.locale}/c/${c.slug}/budgets/${round.id}/propose` });
    if (!citizen) return reply;
    // the photos are read only now, once the account and then the CSRF token are checked
    const { form: body, files } = await readForm(request, reply);
    const values = { ...body, step: undefined };
    const parsed = submitProjectForm.safeParse(body);
    if (!parsed.success) return render(request, reply, c, round, values, fieldErrors(parsed.error), null, 400);
    if (phaseAt(round, new Date().toISOString()).phase !== 'submission') return render(request, reply, c, round, values, { form: { key: 'budget.errors.submissionClosed' } }, null, 400);
    const base = `/${request.locale}/c/${c.slug}/budgets/${round.id}`;
    const similar = await similarTo(c, round, `${parsed.data.title} ${parsed.data.description}`, base);
    if (parsed.data.step === 'check') return render(request, reply, c, round, values, {}, similar);
    const images = await checkFiles(files, { types: imageTypes, maxBytes: MAX_IMAGE_BYTES, maxFiles: MAX_IMAGES, field: 'images' });
    if (Object.keys(images.errors).length > 0) return render(request, reply, c, round, values, images.errors, similar, 400);
    const result = await submitProject(app.db, { collectivityId: c.id, roundId: round.id, userId: citizen.id }, parsed.data, images.files);
    if (!result.ok) return render(request, reply, c, round, values, result.errors, similar, result.errors.form?.key === 'budget.errors.tooManyProjects' ? 429 : 400);
    return reply.redirectWithFlash(`${base}#project-${result.value}`, 'budget.flash.projectSubmitted');
  });

  // Images are public with their project. The URL names the content (SHA-256): a year of caching
  // is safe. Only JPEG, PNG and WebP checked from their bytes are stored, and sent with nosniff.
  app.get<{ Params: { slug: string; sha256: string } }>('/c/:slug/budget-images/:sha256', async (request, reply) => {
    if (!/^[0-9a-f]{64}$/.test(request.params.sha256)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug);
    const image = await app.db
      .selectFrom('budget_project_image')
      .select(['mime', 'sha256', 'content'])
      .where('collectivity_id', '=', c.id)
      .where('sha256', '=', request.params.sha256)
      .executeTakeFirst();
    if (!image || !Object.values(imageTypes).includes(image.mime)) throw notFound();
    return reply
      .type(image.mime)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', `"${image.sha256}"`)
      .send(Buffer.from(image.content));
  });
}
