// Comments: a verified account comments on a proposal and reports a comment (uncached form
// pages); staff moderate at /admin/c/{slug}/moderation, hiding with a public reason.
import { requireId } from '../../platform/params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints, requiredText } from '../../platform/validation.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { requireVerifiedCitizen } from '../accounts/manifest.ts';
import { addComment, moderateComment, reportComment } from './commands/comments.ts';
import { ModerationPage, TextFormPage } from './views/comments.tsx';
import './tables.ts';

const commentForm = z.object({ body: requiredText(2000) });
const reportForm = z.object({ reason: requiredText(500) });
const hideForm = z.object({ reason: requiredText(300) });
const constraints = { body: htmlConstraints(commentForm), reason: htmlConstraints(reportForm), hide: htmlConstraints(hideForm) };
/** Comments per page of the moderation queue (most reported first). */
const MODERATION_PER_PAGE = 100;

type Params = { locale: string; slug: string; id: string; cid: string };

export async function commentRoutes(app: FastifyInstance) {
  async function context(request: FastifyRequest<{ Params: Params }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug);
    const proposal = await app.db
      .selectFrom('proposal')
      .select(['id', 'title', 'lang'])
      .where('collectivity_id', '=', c.id)
      .where('id', '=', requireId(request.params.id))
      .executeTakeFirst();
    if (!proposal) throw notFound('proposal_not_found');
    const base = `/${request.locale}/c/${c.slug}`;
    return { c, proposal, base, href: `${base}/proposals/${proposal.id}`, place: { name: pick(c.name, request.locale), href: base } };
  }

  const commentPage = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, values: FormValues, errors: FieldErrors, status = 200) => {
    const { proposal, href, place } = await context(request);
    const t = translator(request.locale);
    return reply.page(
      <TextFormPage
        place={place}
        title={t('cocreation.comments.add')}
        context={{ title: proposal.title, lang: proposal.lang, href }}
        action={`${href}/comment`}
        state={{ values, errors, constraints: constraints.body }}
        field="body"
        label={t('cocreation.comments.yourComment')}
        submit={t('cocreation.comments.publish')}
      />,
      status,
      { csrf: true },
    );
  };

  app.get<{ Params: Params }>('/:locale/c/:slug/proposals/:id/comment', async (request, reply) => {
    await context(request);
    if (!(await requireVerifiedCitizen(request, reply))) return reply;
    return commentPage(request, reply, {}, {});
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/proposals/:id/comment', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, proposal, href } = await context(request);
    const citizen = await requireVerifiedCitizen(request, reply, { next: `${href}/comment` });
    if (!citizen) return reply;
    const body = (request.body ?? {}) as FormValues;
    const parsed = commentForm.safeParse(body);
    if (!parsed.success) return commentPage(request, reply, body, fieldErrors(parsed.error), 400);
    const result = await addComment(app.db, c.id, proposal.id, citizen.id, parsed.data.body, request.locale, { baseUrl: app.config.baseUrl, slug: c.slug, secret: app.config.sessionSecret });
    if (result === null) throw notFound();
    if (!result.ok) return commentPage(request, reply, body, result.errors, 429);
    deliverSoon(app);
    return reply.redirectWithFlash(`${href}#comment-${result.value}`, 'cocreation.comments.published');
  });

  const reportPage = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, values: FormValues, errors: FieldErrors, status = 200) => {
    const { c, proposal, href, place } = await context(request);
    const comment = await app.db.selectFrom('proposal_comment').selectAll().where('collectivity_id', '=', c.id).where('proposal_id', '=', proposal.id).where('id', '=', requireId(request.params.cid)).executeTakeFirst();
    if (!comment) throw notFound();
    const t = translator(request.locale);
    return reply.page(
      <TextFormPage
        place={place}
        title={t('cocreation.comments.report')}
        context={{ title: proposal.title, lang: proposal.lang, href }}
        quote={comment.hidden_at ? undefined : { body: comment.body, lang: comment.lang }}
        action={`${href}/comments/${comment.id}/report`}
        state={{ values, errors, constraints: constraints.reason }}
        field="reason"
        label={t('cocreation.comments.reportReason')}
        submit={t('cocreation.comments.sendReport')}
      />,
      status,
      { csrf: true },
    );
  };

  app.get<{ Params: Params }>('/:locale/c/:slug/proposals/:id/comments/:cid/report', async (request, reply) => {
    await context(request);
    if (!(await requireVerifiedCitizen(request, reply))) return reply;
    return reportPage(request, reply, {}, {});
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/proposals/:id/comments/:cid/report', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, href } = await context(request);
    const citizen = await requireVerifiedCitizen(request, reply, { next: `${href}/comments/${request.params.cid}/report` });
    if (!citizen) return reply;
    const body = (request.body ?? {}) as FormValues;
    const parsed = reportForm.safeParse(body);
    if (!parsed.success) return reportPage(request, reply, body, fieldErrors(parsed.error), 400);
    const result = await reportComment(app.db, c.id, requireId(request.params.cid), citizen.id, parsed.data.reason);
    if (result === null) throw notFound();
    return reply.redirectWithFlash(href, result.ok ? 'cocreation.comments.reported' : 'cocreation.comments.alreadyReported');
  });

  // --- moderation (moderators, the focal point and administrators of the collectivity) -------
  app.register(async (admin) => {
    const moderate = { config: { permission: 'comment.moderate' } } as const;
    const staffScope = async (request: FastifyRequest): Promise<Collectivity> => staffOf(request).collectivity;

    admin.get<{ Params: Params; Querystring: { after?: string } }>('/admin/c/:slug/moderation', moderate, async (request, reply) => {
      const c = await staffScope(request);
      const locale = request.locale;
      // most reported first, a page at a time: keyset on (reports, id), the cursor names both
      const cursor = /^(\d{1,9})-(\d{1,9})$/.exec(request.query.after ?? '');
      const found = await app.db
        .selectFrom('proposal_comment as m')
        .innerJoin('proposal as p', 'p.id', 'm.proposal_id')
        .leftJoin('comment_report as r', 'r.comment_id', 'm.id')
        .select((eb) => ['m.id', 'm.body', 'm.lang', 'm.hidden_reason', 'm.hidden_at', 'p.id as proposal_id', 'p.title', 'p.lang as proposal_lang', eb.fn.count<number>('r.user_id').as('reports')])
        .where('m.collectivity_id', '=', c.id)
        .groupBy(['m.id', 'm.body', 'm.lang', 'm.hidden_reason', 'm.hidden_at', 'p.id', 'p.title', 'p.lang'])
        .$if(cursor !== null, (q) =>
          q.having((eb) => {
            const [reports, id] = [Number(cursor![1]), Number(cursor![2])];
            return eb.or([eb(eb.fn.count('r.user_id'), '<', reports), eb.and([eb(eb.fn.count('r.user_id'), '=', reports), eb('m.id', '<', id)])]);
          }),
        )
        .orderBy('reports', 'desc')
        .orderBy('m.id', 'desc')
        .limit(MODERATION_PER_PAGE + 1)
        .execute();
      const rows = found.slice(0, MODERATION_PER_PAGE);
      const last = rows[rows.length - 1];
      const href = `/admin/c/${c.slug}/moderation`;
      const reasons = await app.db
        .selectFrom('comment_report')
        .select(['comment_id', 'reason'])
        .where('collectivity_id', '=', c.id)
        .where('comment_id', 'in', rows.length ? rows.map((r) => r.id) : [-1])
        .execute();
      return reply.page(
        <ModerationPage
          place={{ name: pick(c.name, locale), href: `/admin/c/${c.slug}` }}
          items={rows.map((r) => ({
            id: r.id,
            proposal: { title: r.title, lang: r.proposal_lang, href: `/${locale}/c/${c.slug}/proposals/${r.proposal_id}` },
            body: r.body,
            lang: r.lang,
            reports: Number(r.reports),
            reasons: reasons.filter((x) => x.comment_id === r.id).map((x) => x.reason),
            hidden: r.hidden_at ? r.hidden_reason : null,
            hideHref: `/admin/c/${c.slug}/comments/${r.id}/hide`,
            restoreAction: `/admin/c/${c.slug}/comments/${r.id}/restore`,
          }))}
          pager={{
            firstHref: cursor ? href : null,
            nextHref: found.length > MODERATION_PER_PAGE ? `${href}?after=${Number(last.reports)}-${last.id}` : null,
          }}
        />,
      );
    });

    const hidePage = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, c: Collectivity, values: FormValues, errors: FieldErrors, status = 200) => {
      const t = translator(request.locale);
      const comment = await app.db
        .selectFrom('proposal_comment as m')
        .innerJoin('proposal as p', 'p.id', 'm.proposal_id')
        .select(['m.id', 'm.body', 'm.lang', 'p.id as proposal_id', 'p.title', 'p.lang as proposal_lang'])
        .where('m.collectivity_id', '=', c.id)
        .where('m.id', '=', requireId(request.params.cid))
        .executeTakeFirst();
      if (!comment) throw notFound();
      return reply.page(
        <TextFormPage
          place={{ name: pick(c.name, request.locale), href: `/admin/c/${c.slug}` }}
          title={t('cocreation.comments.hide')}
          context={{ title: comment.title, lang: comment.proposal_lang, href: `/${request.locale}/c/${c.slug}/proposals/${comment.proposal_id}` }}
          quote={{ body: comment.body, lang: comment.lang }}
          action={`/admin/c/${c.slug}/comments/${comment.id}/hide`}
          state={{ values, errors, constraints: constraints.hide }}
          field="reason"
          label={t('cocreation.comments.hideReason')}
          submit={t('cocreation.comments.hide')}
        />,
        status,
      );
    };

    admin.get<{ Params: Params }>('/admin/c/:slug/comments/:cid/hide', moderate, async (request, reply) => hidePage(request, reply, await staffScope(request), {}, {}));

    admin.post<{ Params: Params }>('/admin/c/:slug/comments/:cid/hide', { ...moderate, preHandler: app.csrfProtection }, async (request, reply) => {
      const c = await staffScope(request);
      const body = (request.body ?? {}) as FormValues;
      const parsed = hideForm.safeParse(body);
      if (!parsed.success) return hidePage(request, reply, c, body, fieldErrors(parsed.error), 400);
      const result = await moderateComment(app.db, { actor: staffOf(request).actor, collectivityId: c.id }, requireId(request.params.cid), { hide: true, reason: parsed.data.reason });
      if (result === null) throw notFound();
      return reply.redirectWithFlash(`/admin/c/${c.slug}/moderation`, 'programme.admin.saved');
    });

    admin.post<{ Params: Params }>('/admin/c/:slug/comments/:cid/restore', { ...moderate, preHandler: app.csrfProtection }, async (request, reply) => {
      const c = await staffScope(request);
      const result = await moderateComment(app.db, { actor: staffOf(request).actor, collectivityId: c.id }, requireId(request.params.cid), { hide: false });
      if (result === null) throw notFound();
      return reply.redirectWithFlash(`/admin/c/${c.slug}/moderation`, 'programme.admin.saved');
    });
  });
}
