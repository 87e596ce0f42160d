// Citizens' referrals to the equality commission.
//   GET      /{locale}/c/{slug}/ieecag/referrals           the referrals answered publicly and the
//            commission's counts (page cache), with the link to submit one
//   GET/POST /{locale}/c/{slug}/ieecag/referrals/new       a verified account submits a matter
//            (anonymous visitors are sent to sign in and back)
//   GET      /{locale}/c/{slug}/ieecag/referrals/{id}      its author's page (status, the answer
//            even when private); anyone else sees it only once answered publicly (page cache)
//   GET      /admin/c/{slug}/ieecag/referrals(?status=&after=)   the list (referral.moderate)
//   GET      /admin/c/{slug}/ieecag/referrals/{id}         a referral (referral.moderate)
//   POST     …/{id}/answer  the commission answers, publicly or privately (referral.answer)
//   POST     …/{id}/hide    a moderator hides it with a reason (referral.moderate)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowed, staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { requireId } from '../../platform/params.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { currentCitizen, requireVerifiedCitizen } from '../accounts/manifest.ts';
import { answerReferral, hideReferral, submitReferral } from './commands/referrals.ts';
import { referralStatusKey } from './personal-data.ts';
import type { ReferralMailSettings } from './referral-mails.tsx';
import { adminListQuery, answerForm, hideForm, publicListQuery, referralForm } from './referral-schema.ts';
import { MAX_REFERRALS_PER_DAY, adminReferrals, findReferral, publicReferral, publicReferrals, referralFigures } from './referrals.ts';
import type { ReferralRow } from './tables.ts';
import { type ReferralState, ReferralAdminPage, ReferralsAdminPage } from './views/referrals-admin.tsx';
import { MyReferralPage, NewReferralPage, PublicReferralPage, ReferralsPage, presentReferral } from './views/referrals.tsx';
import './personal-data.ts';

type Params = { locale: string; slug: string; id: string };
type Form = { values: FormValues; errors: FieldErrors };

const constraints = { referral: htmlConstraints(referralForm), answer: htmlConstraints(answerForm), hide: htmlConstraints(hideForm) };
const empty: Form = { values: {}, errors: {} };

const isPublic = (r: ReferralRow) => r.status === 'answered' && r.answer_public === 1;

export async function referralRoutes(app: FastifyInstance) {
  const mail: ReferralMailSettings = { baseUrl: app.config.baseUrl };

  async function placeOf(request: FastifyRequest<{ Params: Partial<Params> }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug ?? '');
    const base = `/${request.locale}/c/${c.slug}`;
    return { c, base, place: { name: pick(c.name, request.locale), href: base } };
  }

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/ieecag/referrals', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const { after } = publicListQuery.parse(request.query ?? {});
    return cachedPage(request, reply, `ieecag-referrals:${c.id}:${c.contentVersion}:${after ?? ''}`, async () => {
      const [figures, page] = await Promise.all([referralFigures(app.db, c.id), publicReferrals(app.db, c.id, after ?? null)]);
      const list = `${base}/ieecag/referrals`;
      return (
        <ReferralsPage
          place={place}
          figures={figures}
          referrals={page.items.map((r) => presentReferral(r, request.locale))}
          newHref={`${list}/new`}
          selfHref={(id) => `${list}/${id}`}
          firstHref={after !== undefined ? list : null}
          nextHref={page.next !== null ? `${list}?after=${page.next}` : null}
        />
      );
    });
  });

  async function newPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, form: Form, status = 200) {
    const { base, place } = await placeOf(request);
    return reply.page(
      <NewReferralPage
        place={place}
        listHref={`${base}/ieecag/referrals`}
        action={`${base}/ieecag/referrals/new`}
        state={{ ...form, constraints: constraints.referral }}
        max={MAX_REFERRALS_PER_DAY}
      />,
      status,
      { csrf: true },
    );
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/ieecag/referrals/new', async (request, reply) => {
    await placeOf(request);
    const citizen = await requireVerifiedCitizen(request, reply);
    if (!citizen) return reply;
    return newPage(request, reply, empty);
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/ieecag/referrals/new', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, base } = await placeOf(request);
    const citizen = await requireVerifiedCitizen(request, reply, { next: `${base}/ieecag/referrals/new` });
    if (!citizen) return reply;
    const body = (request.body ?? {}) as FormValues;
    const values = { subject: body.subject, body: body.body, concerns: body.concerns };
    const parsed = referralForm.safeParse(values);
    if (!parsed.success) return newPage(request, reply, { values, errors: fieldErrors(parsed.error) }, 400);
    const result = await submitReferral(app.db, { collectivityId: c.id, author: citizen }, parsed.data, mail);
    if (!result.ok) return newPage(request, reply, { values, errors: result.errors }, 400);
    deliverSoon(app);
    return reply.redirectWithFlash(`${base}/ieecag/referrals/${result.value}`, 'ieecag.referrals.flash.received');
  });

  // The author sees their referral whatever its state; anyone else only once answered publicly.
  // A visitor who is not signed in, at a referral that is not public, is asked to sign in (the
  // link of the author's mails); a signed-in stranger gets "not found", as for no referral.
  app.get<{ Params: Params }>('/:locale/c/:slug/ieecag/referrals/:id', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const id = requireId(request.params.id, 'referral_not_found');
    const r = await findReferral(app.db, c.id, id);
    if (!r) throw notFound('referral_not_found');
    const locale = request.locale;
    const listHref = `${base}/ieecag/referrals`;
    const viewer = r.user_id !== null ? await currentCitizen(request) : null;
    if (viewer && viewer.id === r.user_id) {
      return reply.page(
        <MyReferralPage
          place={place}
          listHref={listHref}
          referral={presentReferral(r, locale)}
          status={referralStatusKey(r)}
          hiddenReason={r.status === 'hidden' ? r.hidden_reason : null}
          newHref={`${listHref}/new`}
        />,
      );
    }
    if (!isPublic(r)) {
      if (!request.user) {
        const citizen = await requireVerifiedCitizen(request, reply);
        if (!citizen) return reply;
      }
      throw notFound('referral_not_found');
    }
    return cachedPage(request, reply, `ieecag-referral:${c.id}:${c.contentVersion}:${r.id}`, async () => {
      const shown = await publicReferral(app.db, c.id, r.id);
      if (!shown) throw notFound('referral_not_found');
      return <PublicReferralPage place={place} referral={presentReferral(shown, locale)} listHref={listHref} />;
    });
  });

  // ---- back office -----------------------------------------------------------------------------

  const moderate = { config: { permission: 'referral.moderate' } } as const;
  const answer = { config: { permission: 'referral.answer' } } as const;
  const adminBase = (c: Collectivity) => `/admin/c/${c.slug}/ieecag/referrals`;
  const admin = (request: FastifyRequest) => {
    const { collectivity: c, actor } = staffOf(request);
    return { c, scope: { actor, collectivityId: c.id }, place: { slug: c.slug, name: pick(c.name, request.locale) } };
  };
  const stateOf = (r: ReferralRow): ReferralState => referralStatusKey(r);

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/ieecag/referrals', moderate, async (request, reply) => {
    const { c, place } = admin(request);
    const q = adminListQuery.parse(request.query ?? {});
    const [page, figures] = await Promise.all([adminReferrals(app.db, c.id, { status: q.status, after: q.after }), referralFigures(app.db, c.id)]);
    const base = adminBase(c);
    const filter = q.status ? `status=${q.status}` : '';
    return reply.page(
      <ReferralsAdminPage
        place={place}
        status={q.status}
        figures={figures}
        rows={page.items.map((r) => {
          const v = presentReferral(r, request.locale);
          return { id: r.id, subject: r.subject, state: stateOf(r), received: v.received, receivedOn: v.receivedOn };
        })}
        publicHref={`/${request.locale}/c/${c.slug}/ieecag/referrals`}
        firstHref={q.after !== undefined ? `${base}${filter ? `?${filter}` : ''}` : null}
        nextHref={page.next !== null ? `${base}?${filter ? `${filter}&` : ''}after=${page.next}` : null}
      />,
    );
  });

  async function referralOf(request: FastifyRequest<{ Params: Params }>, c: Collectivity): Promise<ReferralRow> {
    const r = await findReferral(app.db, c.id, requireId(request.params.id, 'referral_not_found'));
    if (!r) throw notFound('referral_not_found');
    return r;
  }

  async function referralPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, forms: { answer?: Form; hide?: Form } = {}, status = 200) {
    const { c, place } = admin(request);
    const r = await referralOf(request, c);
    return reply.page(
      <ReferralAdminPage
        place={place}
        referral={presentReferral(r, request.locale)}
        state={stateOf(r)}
        hiddenReason={r.hidden_reason}
        publicHref={isPublic(r) ? `/${request.locale}/c/${c.slug}/ieecag/referrals/${r.id}` : null}
        canAnswer={allowed(request.user, 'referral.answer', c.id)}
        canModerate={allowed(request.user, 'referral.moderate', c.id)}
        answer={{ ...(forms.answer ?? { values: r.answer ? { answer: r.answer, visibility: r.answer_public === 1 ? 'public' : 'private' } : {}, errors: {} }), constraints: constraints.answer }}
        hide={{ ...(forms.hide ?? empty), constraints: constraints.hide }}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/ieecag/referrals/:id', moderate, (request, reply) => referralPage(request, reply));

  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/referrals/:id/answer', { ...answer, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const r = await referralOf(request, c);
    const body = (request.body ?? {}) as FormValues;
    const values = { answer: body.answer, visibility: body.visibility };
    const parsed = answerForm.safeParse(values);
    if (!parsed.success) return referralPage(request, reply, { answer: { values, errors: fieldErrors(parsed.error) } }, 400);
    const result = await answerReferral(app.db, scope, r.id, parsed.data, mail);
    if (!result.ok) return referralPage(request, reply, { answer: { values, errors: result.errors } }, 400);
    if (result.value.mailed) deliverSoon(app);
    return reply.redirectWithFlash(`${adminBase(c)}/${r.id}`, parsed.data.visibility === 'public' ? 'ieecag.referrals.flash.answeredPublicly' : 'ieecag.referrals.flash.answeredPrivately');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/ieecag/referrals/:id/hide', { ...moderate, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const r = await referralOf(request, c);
    const body = (request.body ?? {}) as FormValues;
    const values = { reason: body.reason };
    const parsed = hideForm.safeParse(values);
    if (!parsed.success) return referralPage(request, reply, { hide: { values, errors: fieldErrors(parsed.error) } }, 400);
    const result = await hideReferral(app.db, scope, r.id, parsed.data.reason);
    if (!result.ok) return referralPage(request, reply, { hide: { values, errors: result.errors } }, 400);
    return reply.redirectWithFlash(`${adminBase(c)}/${r.id}`, 'ieecag.referrals.flash.hidden');
  });
}
