// Public account pages under /{locale}/account: sign up, verify the address, log in and out,
// forgotten password, the account (profile), download my data, delete my account, privacy.
// Each POST: CSRF → schema (400 with the same form, values kept) → command → redirect + message.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { attemptPassword, registerOwnerAlert, throttledMessage } from '../../platform/auth/login-throttle.ts';
import { SESSION_COOKIE, createSession, destroySession } from '../../platform/auth/sessions.ts';
import { now } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { collectPersonalData } from '../../platform/personal-data.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { type Citizen, currentCitizen } from './citizen.ts';
import { mailUnlockLink, requestPasswordReset, resetPassword } from './commands/password.ts';
import { deleteAccount, updateProfile } from './commands/profile.ts';
import { resendVerification, signUp, verifyEmail } from './commands/registration.ts';
import { accountPath, localPath, safeNext } from './links.ts';
import { accountById, accountForLogin, passwordHashOf } from './repository.ts';
import { deleteAccountForm, forgotPasswordForm, loginForm, profileForm, resetPasswordForm, signUpForm } from './schema.ts';
import { liveToken } from './tokens.ts';
import { cursorOf, mySpaceSections } from './my-space.ts';
import { pick } from '../../platform/tenancy.ts';
import {
  AccountPage,
  CheckEmailPage,
  DeleteAccountPage,
  ForgotPasswordPage,
  InvalidLinkPage,
  LoginPage,
  PrivacyPage,
  ResetPasswordPage,
  SignUpPage,
  VerifyEmailPage,
} from './views/pages.tsx';
import type { MySpaceView } from './views/my-space.tsx';

/** Items of each "my space" section on one page. */
const MY_SPACE_PAGE = 10;

const constraints = {
  signUp: htmlConstraints(signUpForm),
  login: htmlConstraints(loginForm),
  forgot: htmlConstraints(forgotPasswordForm),
  reset: htmlConstraints(resetPasswordForm),
  profile: htmlConstraints(profileForm),
  delete: htmlConstraints(deleteAccountForm),
};

/** The fields typed in a form, to show them again: never a password. */
const keep = (body: FormValues, names: string[]): FormValues => Object.fromEntries(names.map((n) => [n, body[n]]));
const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as FormValues;
const tokenOf = (request: FastifyRequest) => {
  const token = (request.query as { token?: unknown }).token;
  return typeof token === 'string' ? token : '';
};

export async function accountRoutes(app: FastifyInstance) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: app.config.secureCookies };
  // account pages hold forms: they carry a CSRF token, and are never cached
  const page = (_request: FastifyRequest, reply: FastifyReply, view: VNode, status = 200) => reply.page(view, status, { csrf: true });

  // the owner of an account whose logins are paused gets a link to choose a new password
  registerOwnerAlert(async (app, email) => {
    await mailUnlockLink(app.db, email, app.config.baseUrl);
    deliverSoon(app);
  });

  // every route here is under /:locale
  app.addHook('onRequest', async (request) => {
    if (!isLocale((request.params as { locale?: string }).locale)) throw notFound();
  });

  /** The signed-in account, or null after a redirect to the login page (back here after). */
  async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<Citizen | null> {
    const citizen = await currentCitizen(request);
    if (!citizen) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      reply.redirectWithFlash(accountPath(request.locale, `/login${next}`), 'accounts.flash.loginRequired');
    }
    return citizen;
  }

  // ---- the account (profile) ----

  async function accountPage(request: FastifyRequest, reply: FastifyReply, citizen: Citizen, values: FormValues | null, errors: FieldErrors, status = 200) {
    const a = (await accountById(app.db, citizen.id))!;
    const current: FormValues = {
      display_name: a.display_name,
      gender: a.gender ?? '',
      age_band: a.age_band ?? '',
      neighbourhood: a.neighbourhood ?? '',
      locale: a.locale,
    };
    return page(
      request,
      reply,
      <AccountPage
        account={{ email: a.email, kind: citizen.kind, verified: citizen.verified, memberSince: formatDate(request.locale, a.created_at.slice(0, 10)) }}
        state={{ values: values ?? current, errors, constraints: constraints.profile }}
        mySpace={await mySpace(request, citizen)}
      />,
      status,
    );
  }

  /** Each module's section of "my space", one page each (`?{section}=cursor` pages one of them). */
  async function mySpace(request: FastifyRequest, citizen: Citizen): Promise<MySpaceView> {
    const locale = request.locale;
    const query = request.query as Record<string, unknown>;
    const pageHref = (name: string, cursor: string | null) => accountPath(locale, cursor ? `?${name}=${encodeURIComponent(cursor)}#my-${name}` : `#my-${name}`);
    const sections = await Promise.all(
      mySpaceSections().map(async (section) => {
        const before = cursorOf(query[section.name]);
        const page = await section.list(app.db, citizen.id, locale, { before, limit: MY_SPACE_PAGE });
        return {
          name: section.name,
          items: page.items.map((i) => ({ ...i, date: formatDate(locale, i.date.slice(0, 10)) })),
          nextHref: page.next ? pageHref(section.name, page.next) : null,
          firstHref: before ? pageHref(section.name, null) : null,
        };
      }),
    );
    const ids = [...new Set((await Promise.all(mySpaceSections().map((s) => s.collectivityIds(app.db, citizen.id)))).flat())];
    const places = ids.length
      ? await app.db.selectFrom('collectivity').select(['slug', 'name_ar', 'name_fr', 'name_en']).where('id', 'in', ids).orderBy('slug').limit(100).execute()
      : [];
    return {
      sections,
      collectivities: places.map((c) => ({ name: pick({ ar: c.name_ar, fr: c.name_fr, en: c.name_en }, locale), href: `/${locale}/c/${c.slug}` })),
    };
  }

  app.get('/:locale/account', async (request, reply) => {
    const citizen = await signedIn(request, reply);
    if (!citizen) return reply;
    return accountPage(request, reply, citizen, null, {});
  });

  app.post('/:locale/account/profile', { preHandler: app.csrfProtection }, async (request, reply) => {
    const citizen = await signedIn(request, reply);
    if (!citizen) return reply;
    const body = bodyOf(request);
    const parsed = profileForm.safeParse(body);
    if (!parsed.success) {
      return accountPage(request, reply, citizen, keep(body, ['display_name', 'gender', 'age_band', 'neighbourhood', 'locale']), fieldErrors(parsed.error), 400);
    }
    await updateProfile(app.db, citizen.id, parsed.data);
    return reply.redirectWithFlash(accountPath(request.locale), 'accounts.flash.profileSaved');
  });

  // ---- sign up and verify ----

  const nextOf = (request: FastifyRequest) => localPath((request.query as { next?: unknown }).next);

  app.get('/:locale/account/signup', async (request, reply) => {
    if (await currentCitizen(request)) return reply.redirect(accountPath(request.locale), 303);
    return page(request, reply, <SignUpPage state={{ values: { kind: 'person', next: nextOf(request) ?? '' }, errors: {}, constraints: constraints.signUp }} privacyContact={app.config.privacyContact} />);
  });

  const signUpValues = (body: FormValues) => keep(body, ['kind', 'email', 'display_name', 'gender', 'age_band', 'neighbourhood', 'next']);

  app.post('/:locale/account/signup', { preHandler: app.csrfProtection }, async (request, reply) => {
    const body = bodyOf(request);
    const parsed = signUpForm.safeParse(body);
    if (!parsed.success) {
      return page(request, reply, <SignUpPage state={{ values: signUpValues(body), errors: fieldErrors(parsed.error), constraints: constraints.signUp }} privacyContact={app.config.privacyContact} />, 400);
    }
    const refused = await signUp(app.db, parsed.data, { locale: request.locale, baseUrl: app.config.baseUrl, ip: request.ip, maxPerHour: app.config.signupsPerHour, next: localPath(body.next) });
    if (refused) {
      const t = translator(request.locale);
      const message = t(refused.reason === 'address' ? 'accounts.errors.tooManySignups' : 'accounts.errors.signupsBusy', { minutes: refused.minutes });
      reply.header('retry-after', String(refused.minutes * 60));
      return page(request, reply, <SignUpPage state={{ values: signUpValues(body), errors: {}, constraints: constraints.signUp }} privacyContact={app.config.privacyContact} message={message} />, 429);
    }
    deliverSoon(app);
    return reply.redirect(accountPath(request.locale, '/check-email'), 303);
  });

  app.get('/:locale/account/check-email', async (request, reply) => page(request, reply, <CheckEmailPage />));

  app.get('/:locale/account/verify', async (request, reply) => {
    const verified = await verifyEmail(app.db, tokenOf(request));
    if (!verified) return page(request, reply, <InvalidLinkPage purpose="verify" signedIn={request.user !== null} />, 400);
    // the link proves the address: the person is signed in (in place of any other session of
    // this browser) and goes back to the page they were on, if it is one of ours
    if (request.user?.id !== verified.userId) {
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await destroySession(app.db, previous);
      const session = await createSession(app.db, verified.userId);
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expires });
    }
    return reply.redirectWithFlash(safeNext(verified.next, request.locale), 'accounts.flash.verified');
  });

  app.get('/:locale/account/verify-email', async (request, reply) => {
    const citizen = await signedIn(request, reply);
    if (!citizen) return reply;
    if (citizen.verified) {
      const next = nextOf(request);
      if (next) return reply.redirect(next, 303);
    }
    return page(request, reply, <VerifyEmailPage email={citizen.email} verified={citizen.verified} next={nextOf(request)} />);
  });

  app.post('/:locale/account/verify-email', { preHandler: app.csrfProtection }, async (request, reply) => {
    const citizen = await signedIn(request, reply);
    if (!citizen) return reply;
    const next = localPath(bodyOf(request).next);
    const result = await resendVerification(app.db, citizen.id, app.config.baseUrl, next);
    if (result === 'sent') deliverSoon(app);
    const message = { sent: 'accounts.flash.verificationSent', verified: 'accounts.verifyEmail.already', throttled: 'accounts.flash.tooManyMails' }[result];
    return reply.redirectWithFlash(accountPath(request.locale, `/verify-email${next ? `?next=${encodeURIComponent(next)}` : ''}`), message);
  });

  // ---- log in and out (the same session and cookie as staff, throttled the same way) ----

  const loginPage = (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldErrors, message?: string, status = 200) =>
    page(request, reply, <LoginPage state={{ values, errors, constraints: constraints.login }} message={message} />, status);

  app.get('/:locale/account/login', async (request, reply) => {
    const next = (request.query as { next?: string }).next;
    if (await currentCitizen(request)) return reply.redirect(safeNext(next, request.locale), 303);
    return loginPage(request, reply, { next: localPath(next) ?? '' }, {});
  });

  app.post('/:locale/account/login', { preHandler: app.csrfProtection }, async (request, reply) => {
    const t = translator(request.locale);
    const body = bodyOf(request);
    const values = keep(body, ['email', 'next']);
    const parsed = loginForm.safeParse(body);
    if (!parsed.success) return loginPage(request, reply, values, fieldErrors(parsed.error), undefined, 400);
    const { email, password } = parsed.data;
    const user = await accountForLogin(app.db, email);
    const attempt = await attemptPassword(app, { email, ip: request.ip }, user?.password_hash ?? null, password);
    if (attempt.outcome === 'throttled') return loginPage(request, reply, values, {}, t(...throttledMessage(attempt)), 429);
    if (attempt.outcome === 'wrong' || !user) {
      request.log.info({ event: 'login_failed', area: 'public' }, 'login failed');
      return loginPage(request, reply, values, {}, t('auth.loginFailed'), 401);
    }
    const session = await createSession(app.db, user.id);
    reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expires });
    return reply.redirect(safeNext(parsed.data.next, request.locale), 303);
  });

  app.post('/:locale/account/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await destroySession(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirectWithFlash(accountPath(request.locale, '/login'), 'accounts.flash.loggedOut');
  });

  // ---- forgotten password ----

  const forgotPage = (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldErrors, status = 200) =>
    page(request, reply, <ForgotPasswordPage state={{ values, errors, constraints: constraints.forgot }} />, status);

  app.get('/:locale/account/forgot-password', async (request, reply) => forgotPage(request, reply, {}, {}));

  app.post('/:locale/account/forgot-password', { preHandler: app.csrfProtection }, async (request, reply) => {
    const body = bodyOf(request);
    const parsed = forgotPasswordForm.safeParse(body);
    if (!parsed.success) return forgotPage(request, reply, keep(body, ['email']), fieldErrors(parsed.error), 400);
    await requestPasswordReset(app.db, parsed.data.email, app.config.baseUrl);
    deliverSoon(app);
    // the same answer whether or not the address has an account
    return reply.redirectWithFlash(accountPath(request.locale, '/login'), 'accounts.flash.resetSent');
  });

  const resetPage = (request: FastifyRequest, reply: FastifyReply, token: string, errors: FieldErrors, status = 200) =>
    page(request, reply, <ResetPasswordPage token={token} state={{ values: {}, errors, constraints: constraints.reset }} />, status);

  app.get('/:locale/account/reset-password', async (request, reply) => {
    const token = tokenOf(request);
    if (!(await liveToken(app.db, token, 'reset'))) return page(request, reply, <InvalidLinkPage purpose="reset" signedIn={request.user !== null} />, 400);
    return resetPage(request, reply, token, {});
  });

  app.post('/:locale/account/reset-password', { preHandler: app.csrfProtection }, async (request, reply) => {
    const body = bodyOf(request);
    const token = typeof body.token === 'string' ? body.token : '';
    const parsed = resetPasswordForm.safeParse(body);
    if (!parsed.success) return resetPage(request, reply, token, fieldErrors(parsed.error), 400);
    const done = await resetPassword(app.db, token, parsed.data.password);
    if (!done.ok && 'errors' in done) return resetPage(request, reply, token, done.errors, 400);
    if (!done.ok) return page(request, reply, <InvalidLinkPage purpose="reset" signedIn={request.user !== null} />, 400);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirectWithFlash(accountPath(request.locale, '/login'), 'accounts.flash.passwordChanged');
  });

  // ---- my data: download, delete ----

  app.get('/:locale/account/export', async (request, reply) => {
    const citizen = await signedIn(request, reply);
    if (!citizen) return reply;
    const at = now();
    const { account, ...others } = await collectPersonalData(app.db, { id: citizen.id, email: citizen.email });
    const data = { exportedAt: at, account, ...others };
    return reply
      .header('content-disposition', `attachment; filename="infitah-my-data-${at.slice(0, 10)}.json"`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  const deletePage = (request: FastifyRequest, reply: FastifyReply, errors: FieldErrors, message?: string, status = 200) =>
    page(request, reply, <DeleteAccountPage state={{ values: {}, errors, constraints: constraints.delete }} message={message} />, status);

  app.get('/:locale/account/delete', async (request, reply) => {
    const citizen = await signedIn(request, reply);
    if (!citizen) return reply;
    return deletePage(request, reply, {});
  });

  app.post('/:locale/account/delete', { preHandler: app.csrfProtection }, async (request, reply) => {
    const citizen = await signedIn(request, reply);
    if (!citizen) return reply;
    const t = translator(request.locale);
    const parsed = deleteAccountForm.safeParse(bodyOf(request));
    if (!parsed.success) return deletePage(request, reply, fieldErrors(parsed.error), undefined, 400);
    // the password is asked again, and guessing it here is throttled like a login
    const attempt = await attemptPassword(app, { email: citizen.email, ip: request.ip }, await passwordHashOf(app.db, citizen.id), parsed.data.password);
    if (attempt.outcome === 'throttled') return deletePage(request, reply, {}, t(...throttledMessage(attempt)), 429);
    if (attempt.outcome === 'wrong') {
      return deletePage(request, reply, { password: { key: 'accounts.errors.wrongPassword' } }, undefined, 400);
    }
    const result = await deleteAccount(app.db, citizen.id);
    if (!result.ok) return deletePage(request, reply, result.errors, undefined, 409);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirectWithFlash(accountPath(request.locale, '/login'), 'accounts.flash.deleted');
  });

  app.get('/:locale/account/privacy', async (request, reply) =>
    page(request, reply, <PrivacyPage contact={app.config.privacyContact} signedIn={request.user !== null} />),
  );
}
