// Public pages of the surveys module.
//   GET      /{locale}/c/{slug}/surveys(?after=)      open, upcoming and closed surveys (page cache)
//   GET/POST /{locale}/c/{slug}/surveys/{id}          the survey and its answer form (uncached):
//            a signed survey needs a verified account; an anonymous one keeps a device token in
//            an httpOnly cookie (its SHA-256 stored) and limits answers per client address
//   GET      /{locale}/c/{slug}/surveys/{id}/thanks   after answering, with the link to the results
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { requireId } from '../../platform/params.ts';
import { pick, pickField, pickText, requireCollectivity } from '../../platform/tenancy.ts';
import type { FieldErrors, FormValues } from '../../platform/validation.ts';
import { currentCitizen, requireVerifiedCitizen } from '../accounts/manifest.ts';
import { isRegisteredFor } from '../dialogue/participants.ts';
import type { SitemapProvider } from '../manifest.ts';
import { ANONYMOUS_PER_ADDRESS_PER_HOUR, type Respondent, refusals, submitAnswer } from './commands/answer.ts';
import { findSurvey, surveyQuestions, surveyState } from './repository.ts';
import { listQuery } from './schema.ts';
import type { SurveyRow } from './tables.ts';
import { type FormMode, type SurveyItem, type SurveyView, SurveyPage, SurveysPage, ThanksPage } from './views/public.tsx';
import './personal-data.ts';

type Params = { locale: string; slug: string; id: string };

export const DEVICE_COOKIE = 'infitah_survey_device';
const CLOSED_PAGE = 20;
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

/** Published surveys whose window has not ended, and one keyset page of the closed ones (newest first). */
async function publicSurveys(app: FastifyInstance, collectivityId: number, at: string, after: number | null) {
  const published = app.db.selectFrom('survey').selectAll().where('collectivity_id', '=', collectivityId).where('status', '=', 'published');
  const [current, closed] = await Promise.all([
    after === null ? published.where('closes_at', '>', at).orderBy('opens_at').orderBy('id').limit(100).execute() : Promise.resolve([]),
    published.where('closes_at', '<=', at).$if(after !== null, (q) => q.where('id', '<', after!)).orderBy('id', 'desc').limit(CLOSED_PAGE + 1).execute(),
  ]);
  return { current, closed: closed.slice(0, CLOSED_PAGE), next: closed.length > CLOSED_PAGE ? closed[CLOSED_PAGE - 1].id : null };
}

/** How many published surveys have opened and closed by now: the list's cache key moves when a window starts or ends. */
async function boundariesPassed(app: FastifyInstance, collectivityId: number, at: string): Promise<string> {
  const row = await app.db
    .selectFrom('survey')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('opens_at', '<=', at).as('opened'),
      eb.fn.countAll<number>().filterWhere('closes_at', '<=', at).as('closed'),
    ])
    .where('collectivity_id', '=', collectivityId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return `${row?.opened ?? 0}.${row?.closed ?? 0}`;
}

export async function surveysRoutes(app: FastifyInstance): Promise<void> {
  async function placeOf(request: FastifyRequest<{ Params: Partial<Params> }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug ?? '', request);
    const base = `/${request.locale}/c/${c.slug}`;
    return { c, base, place: { name: pick(c.name, request.locale), href: base } };
  }

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/surveys', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const { after } = listQuery.parse(request.query ?? {});
    const at = new Date().toISOString();
    const passed = await boundariesPassed(app, c.id, at);
    return cachedPage(request, reply, `surveys:${c.id}:${c.contentVersion}:${passed}:${after ?? ''}`, async () => {
      const page = await publicSurveys(app, c.id, at, after ?? null);
      const item = (s: SurveyRow): SurveyItem => ({
        id: s.id,
        title: pickText(s, 'title', request.locale),
        opensAt: s.opens_at,
        closesAt: s.closes_at,
        anonymous: s.anonymous === 1,
        href: `${base}/surveys/${s.id}`,
        resultsHref: `${base}/surveys/${s.id}/results`,
      });
      const list = `${base}/surveys`;
      return (
        <SurveysPage
          place={place}
          open={page.current.filter((s) => s.opens_at <= at).map(item)}
          upcoming={page.current.filter((s) => s.opens_at > at).map(item)}
          closed={page.closed.map(item)}
          firstHref={after !== undefined ? list : null}
          nextHref={page.next !== null ? `${list}?after=${page.next}` : null}
        />
      );
    });
  });

  async function surveyOf(request: FastifyRequest<{ Params: Params }>) {
    const p = await placeOf(request);
    const s = await findSurvey(app.db, p.c.id, requireId(request.params.id, 'survey_not_found'));
    if (!s || s.status !== 'published') throw notFound('survey_not_found');
    const view: SurveyView = {
      title: pickText(s, 'title', request.locale),
      intro: pickField(s, 'intro', request.locale),
      opensAt: s.opens_at,
      closesAt: s.closes_at,
      anonymous: s.anonymous === 1,
      audience: s.audience,
      state: surveyState(s, new Date()),
      listHref: `${p.base}/surveys`,
      resultsHref: `${p.base}/surveys/${s.id}/results`,
    };
    return { ...p, s, view, action: `${p.base}/surveys/${s.id}` };
  }

  type Found = Awaited<ReturnType<typeof surveyOf>>;

  /** the form (with what was typed and the errors), or a refusal instead of it */
  type Shown = { kind: 'refused'; key: string } | { kind: 'form'; values: FormValues; errors: FieldErrors };

  async function render(request: FastifyRequest, reply: FastifyReply, f: Found, mode: Shown, status = 200) {
    const full: FormMode =
      mode.kind === 'refused' ? mode : { ...mode, action: f.action, questions: await surveyQuestions(app.db, f.c.id, f.s.id), needsCode: f.s.audience === 'service' };
    return reply.page(<SurveyPage place={f.place} s={f.view} mode={full} perAddress={ANONYMOUS_PER_ADDRESS_PER_HOUR} />, status, { csrf: full.kind === 'form' });
  }

  /** The device's token (made now if it has none), for an anonymous survey. */
  function deviceToken(request: FastifyRequest, reply: FastifyReply): string {
    const known = request.cookies[DEVICE_COOKIE];
    if (known && /^[A-Za-z0-9_-]{43}$/.test(known)) return known;
    const token = randomBytes(32).toString('base64url');
    reply.setCookie(DEVICE_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, maxAge: 400 * 86_400 });
    return token;
  }

  /** Who answers, or the refusal shown instead of the form (after a sign-in when signed). `look`:
   *  say "you already answered" before showing a form; a POST leaves that to the unique index. */
  async function respondentOf(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, f: Found, look: boolean): Promise<Respondent | { refused: string } | null> {
    if (f.view.state !== 'open') return { refused: f.view.state === 'upcoming' ? 'surveys.errors.notYetOpen' : refusals.closed };
    if (f.s.anonymous === 1) {
      const deviceHash = sha256(deviceToken(request, reply));
      const done = look && (await app.db.selectFrom('survey_response').select('id').where('survey_id', '=', f.s.id).where('device_hash', '=', deviceHash).executeTakeFirst());
      return done ? { refused: refusals.already } : { kind: 'device', deviceHash, ip: request.ip };
    }
    const citizen = await requireVerifiedCitizen(request, reply, { next: f.action });
    if (!citizen) return null;
    const done = look && (await app.db.selectFrom('survey_response').select('id').where('survey_id', '=', f.s.id).where('user_id', '=', citizen.id).executeTakeFirst());
    if (done) return { refused: refusals.already };
    if (look && f.s.audience === 'meeting' && (f.s.meeting_id === null || !(await isRegisteredFor(app.db, f.c.id, f.s.meeting_id, citizen.id)))) return { refused: refusals.notRegistered };
    return { kind: 'account', userId: citizen.id };
  }

  const statusOf = (key: string | undefined) =>
    key === refusals.already || key === refusals.closed ? 409 : key === refusals.notRegistered ? 403 : key === refusals.rateLimited ? 429 : 400;

  app.get<{ Params: Params }>('/:locale/c/:slug/surveys/:id', async (request, reply) => {
    const f = await surveyOf(request);
    // a signed survey that is open can be read before signing in: what is asked, and how to answer
    if (f.s.anonymous !== 1 && f.view.state === 'open' && !(await currentCitizen(request))) {
      const loginHref = `/${request.locale}/account/login?next=${encodeURIComponent(f.action)}`;
      return reply.page(<SurveyPage place={f.place} s={f.view} mode={{ kind: 'signIn', loginHref, questions: await surveyQuestions(app.db, f.c.id, f.s.id) }} perAddress={ANONYMOUS_PER_ADDRESS_PER_HOUR} />);
    }
    const who = await respondentOf(request, reply, f, true);
    if (who === null) return reply;
    if ('refused' in who) return render(request, reply, f, { kind: 'refused', key: who.refused });
    return render(request, reply, f, { kind: 'form', values: {}, errors: {} });
  });

  app.post<{ Params: Params }>('/:locale/c/:slug/surveys/:id', { preHandler: app.csrfProtection }, async (request, reply) => {
    const f = await surveyOf(request);
    const who = await respondentOf(request, reply, f, false);
    if (who === null) return reply;
    if ('refused' in who) return render(request, reply, f, { kind: 'refused', key: who.refused }, statusOf(who.refused));
    const body = (request.body ?? {}) as FormValues;
    const code = typeof body.code === 'string' ? body.code.replace(/[\s-]/g, '').toUpperCase() : null;
    const result = await submitAnswer(app.db, { collectivityId: f.c.id, surveyId: f.s.id, survey: f.s, respondent: who, code }, body);
    if (!result.ok) {
      const key = result.errors.form?.key;
      const status = statusOf(key ?? result.errors.code?.key);
      if (key === refusals.already || key === refusals.closed || key === refusals.notRegistered) return render(request, reply, f, { kind: 'refused', key }, status);
      return render(request, reply, f, { kind: 'form', values: body, errors: result.errors }, status);
    }
    return reply.redirect(`${f.action}/thanks`, 303);
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/surveys/:id/thanks', async (request, reply) => {
    const f = await surveyOf(request);
    return reply.page(<ThanksPage place={f.place} title={f.view.title} listHref={f.view.listHref} resultsHref={f.view.resultsHref} />);
  });
}

/** The list of surveys (a survey's own page asks signed surveys' visitors to sign in: not listed). */
/** The list, then the results of the published surveys that have opened, newest first. */
export const surveysSitemap: SitemapProvider = async (db, c, limit) => {
  if (limit <= 0) return [];
  const opened = await db
    .selectFrom('survey')
    .select('id')
    .where('collectivity_id', '=', c.id)
    .where('status', '=', 'published')
    .where('opens_at', '<=', new Date().toISOString())
    .orderBy('opens_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit - 1)
    .execute();
  return [`/c/${c.slug}/surveys`, ...opened.map((s) => `/c/${c.slug}/surveys/${s.id}/results`)];
};
