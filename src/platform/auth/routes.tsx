// Staff login and logout, and the hook that knows who is signed in on /admin pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { translator } from '../i18n/i18n.ts';
import { Form, TextField } from '../ui/form.tsx';
import { Layout, usePage } from '../ui/page.tsx';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../validation.ts';
import { attemptPassword, throttledMessage } from './login-throttle.ts';
import { SESSION_COOKIE, createSession, destroySession, userFromSession } from './sessions.ts';

const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'errors.required').max(254, 'errors.tooLong').email('errors.invalidEmail'),
  password: z.string().min(1, 'errors.required').max(1024, 'errors.tooLong'),
  next: z.string().optional(),
});
const loginConstraints = htmlConstraints(loginSchema);

/** Only local admin paths are followed after login (no open redirect). */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/admin(\/[\w\-/?=&%.]*)?$/.test(next) ? next : '/admin');

function LoginPage(props: { values: FormValues; errors: FieldErrors; message?: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('auth.loginTitle')}>
      <h1>{t('auth.loginTitle')}</h1>
      {props.message && <p class="errors-summary" role="alert">{props.message}</p>}
      <Form action="/admin/login" state={{ values: props.values, errors: props.errors, constraints: loginConstraints }} submit={t('auth.login')}>
        <input type="hidden" name="next" value={String(props.values.next ?? '')} />
        <TextField name="email" label={t('auth.email')} type="email" autocomplete="username" />
        <TextField name="password" label={t('auth.password')} type="password" autocomplete="current-password" />
      </Form>
    </Layout>
  );
}

export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (!request.user) return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303);
}

/** Knows who is signed in, for any request that carries a session cookie: anonymous visitors
 *  (most of the public) cost no lookup. Cached public pages never depend on the user.
 *  Registered on the root instance so that every module's routes see it. */
export function registerSessionLookup(app: FastifyInstance) {
  // callback-style: most requests have no session, and pay no promise for it
  app.addHook('onRequest', (request, _reply, done) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || request.url.startsWith('/static/')) return done();
    userFromSession(app.db, token).then((user) => {
      request.user = user;
      done();
    }, done);
  });
}

export async function authRoutes(app: FastifyInstance) {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.secureCookies,
  };

  app.get('/admin/login', { config: { permission: 'public' } }, async (request, reply) => {
    const next = (request.query as { next?: string }).next;
    return reply.page(<LoginPage values={{ next }} errors={{}} />);
  });

  app.post('/admin/login', { config: { permission: 'public' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const t = translator(request.locale);
    const body = (request.body ?? {}) as FormValues;
    const values = { email: body.email, next: body.next };
    const parsed = loginSchema.safeParse(body);
    if (!parsed.success) return reply.page(<LoginPage values={values} errors={fieldErrors(parsed.error)} />, 400);
    const { email, password } = parsed.data;
    const user = await app.db.selectFrom('app_user').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst();
    const attempt = await attemptPassword(app, { email, ip: request.ip }, user?.password_hash ?? null, password);
    if (attempt.outcome === 'throttled') {
      return reply.page(<LoginPage values={values} errors={{}} message={t(...throttledMessage(attempt))} />, 429);
    }
    if (attempt.outcome === 'wrong' || !user) {
      request.log.info({ event: 'login_failed' }, 'login failed');
      return reply.page(<LoginPage values={values} errors={{}} message={t('auth.loginFailed')} />, 401);
    }
    const session = await createSession(app.db, user.id);
    reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expires });
    return reply.redirect(safeNext(parsed.data.next), 303);
  });

  app.post('/admin/logout', { config: { permission: 'signedIn' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await destroySession(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirectWithFlash('/admin/login', 'auth.loggedOut');
  });
}
