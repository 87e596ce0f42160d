// /admin/c/{slug}/team: the collectivity's staff, the roles they hold there and the invitations
// waiting for an answer. Its focal point (or a network admin) manages it; each change
// is audited. /admin/invitation?token=…: the invited person accepts, signed in with the invited
// address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { deliverSoon } from '../mail/index.ts';
import { formatDate } from '../i18n/format.ts';
import type { Locale } from '../i18n/i18n.ts';
import { Form, PostButton, SelectField, TextField } from '../ui/form.tsx';
import { Layout, StaffLayout, usePage } from '../ui/page.tsx';
import { type Collectivity, pick } from '../tenancy.ts';
import { parseId } from '../params.ts';
import { type FieldErrors, type FormValues, choice, fieldErrors, htmlConstraints } from '../validation.ts';
import { type LiveInvitation, type PendingInvitation, acceptInvitation, acceptanceRefusal, inviteToTeam, liveInvitation, pendingInvitations, revokeInvitation } from './invitations.ts';
import { staffOf } from './permissions.ts';
import { collectivityRoles } from './roles.ts';
import { type TeamMember, listTeam, revokeTeamRole } from './team.ts';

const inviteForm = z.object({
  email: z.string().trim().toLowerCase().min(1, 'errors.required').max(254, 'errors.tooLong').email('errors.invalidEmail'),
  role: choice(collectivityRoles),
});
const inviteConstraints = htmlConstraints(inviteForm);

function TeamPage(props: { c: Collectivity; members: TeamMember[]; invitations: PendingInvitation[]; me: number; values: FormValues; errors: FieldErrors }) {
  const { t, locale } = usePage();
  const name = pick(props.c.name, locale).text;
  const base = `/admin/c/${props.c.slug}/team`;
  return (
    <StaffLayout place={{ slug: props.c.slug, name: { text: name } }} title={t('team.title')}>
      <p>{t('team.intro')}</p>
      {props.errors.grant && <p class="errors-summary" role="alert">{t(props.errors.grant.key)}</p>}
      <div class="table-wrap"><table>
        <thead><tr><th>{t('team.person')}</th><th>{t('team.role')}</th><th><span class="sr-only">{t('team.actions')}</span></th></tr></thead>
        <tbody>
          {props.members.map((m) => (
            <tr>
              <td>{m.displayName} <small class="muted" dir="ltr">{m.email}</small></td>
              <td>{t(`roles.${m.role}`)}</td>
              <td>{m.userId !== props.me && <PostButton action={`${base}/${m.grantId}/revoke`} label={t('team.revoke')} danger />}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {props.invitations.length > 0 && (
        <>
          <h2>{t('team.pendingTitle')}</h2>
          <div class="table-wrap"><table>
            <thead><tr><th>{t('team.email')}</th><th>{t('team.role')}</th><th>{t('team.expires')}</th><th><span class="sr-only">{t('team.actions')}</span></th></tr></thead>
            <tbody>
              {props.invitations.map((i) => (
                <tr>
                  <td dir="ltr">{i.email}</td>
                  <td>{t(`roles.${i.role}`)}</td>
                  <td>{formatDate(locale, i.expiresAt.slice(0, 10))}</td>
                  <td><PostButton action={`${base}/invitations/${i.id}/revoke`} label={t('team.cancelInvitation')} danger /></td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </>
      )}
      <h2>{t('team.inviteTitle')}</h2>
      <ul class="muted">
        {collectivityRoles.map((r) => <li><strong>{t(`roles.${r}`)}</strong>: {t(`team.abilities.${r}`)}</li>)}
      </ul>
      <Form action={base} state={{ values: props.values, errors: props.errors, constraints: inviteConstraints }} submit={t('team.invite')}>
        <TextField name="email" label={t('team.email')} type="email" hint={t('team.emailHint')} />
        <SelectField name="role" label={t('team.role')} options={collectivityRoles.map((r) => [r, t(`roles.${r}`)])} />
      </Form>
    </StaffLayout>
  );
}

/** The invitation as its holder sees it: what it offers, then how to accept or why not yet. */
function InvitationPage(props: { invitation: LiveInvitation | null; token: string; refusal?: string; loginHref?: string }) {
  const { t, locale } = usePage();
  const i = props.invitation;
  if (!i) {
    return (
      <Layout title={t('team.invitation.title')}>
        <h1>{t('team.invitation.title')}</h1>
        <p class="errors-summary" role="alert">{t('team.invitation.invalid')}</p>
      </Layout>
    );
  }
  const collectivity = pick(i.collectivity.name, locale);
  return (
    <Layout title={t('team.invitation.title')}>
      <h1>{t('team.invitation.title')}</h1>
      <p>{t('team.invitation.offer', { collectivity: collectivity.text, role: t(`roles.${i.role}`) })}</p>
      <p class="muted">{t(`team.abilities.${i.role}`)}</p>
      {props.refusal && <p class="errors-summary" role="alert">{t(props.refusal)}</p>}
      {props.loginHref && (
        <>
          <p>{t('team.invitation.signIn')}</p>
          <p><a href={props.loginHref}>{t('team.invitation.signInAction')}</a> · <a href={`/${locale}/account/signup`}>{t('team.invitation.signUpAction')}</a></p>
        </>
      )}
      {!props.refusal && !props.loginHref && (
        <Form action="/admin/invitation" state={{ values: {}, errors: {}, constraints: {} }} submit={t('team.invitation.accept')}>
          <input type="hidden" name="token" value={props.token} />
        </Form>
      )}
    </Layout>
  );
}

/** The accept link of an invitation's mail (absolute, from BASE_URL). */
export const invitationLinkOf = (app: FastifyInstance) => (token: string, locale: Locale) =>
  `${app.config.baseUrl}/admin/invitation?token=${token}&lang=${locale}`;

export async function teamRoutes(app: FastifyInstance) {
  const manage = { permission: 'team.manage' } as const;
  const scope = async (request: FastifyRequest) => {
    const { collectivity, actor } = staffOf(request);
    return { c: collectivity, actor };
  };
  const page = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, values: FormValues, errors: FieldErrors, status = 200) => {
    const [members, invitations] = await Promise.all([listTeam(app.db, c.id), pendingInvitations(app.db, c.id)]);
    return reply.page(<TeamPage c={c} members={members} invitations={invitations} me={request.user!.id} values={values} errors={errors} />, status);
  };
  const invitationLink = invitationLinkOf(app);

  app.get<{ Params: { slug: string } }>('/admin/c/:slug/team', { config: manage }, async (request, reply) => {
    const { c } = await scope(request);
    return page(request, reply, c, { role: 'editor' }, {});
  });

  // The answer is the same whether the address has an account or not: the role exists only
  // once the person accepts.
  app.post<{ Params: { slug: string } }>('/admin/c/:slug/team', { config: manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, actor } = await scope(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = inviteForm.safeParse(body);
    if (!parsed.success) return page(request, reply, c, body, fieldErrors(parsed.error), 400);
    const result = await inviteToTeam(app.db, actor, { email: parsed.data.email, role: parsed.data.role }, {
      collectivity: c,
      inviterName: request.user!.displayName,
      locale: request.locale,
      link: invitationLink,
    });
    if (!result.ok) return page(request, reply, c, body, result.errors, 400);
    deliverSoon(app);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/team`, 'team.flash.invited');
  });

  app.post<{ Params: { slug: string; id: string } }>('/admin/c/:slug/team/:id/revoke', { config: manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, actor } = await scope(request);
    const result = await revokeTeamRole(app.db, actor, c.id, parseId(request.params.id) ?? -1);
    if (!result.ok) return page(request, reply, c, { role: 'editor' }, result.errors, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/team`, 'team.flash.revoked');
  });

  app.post<{ Params: { slug: string; id: string } }>('/admin/c/:slug/team/invitations/:id/revoke', { config: manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, actor } = await scope(request);
    const result = await revokeInvitation(app.db, actor, c.id, parseId(request.params.id) ?? -1);
    if (!result.ok) return page(request, reply, c, { role: 'editor' }, result.errors, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/team`, 'team.flash.invitationCancelled');
  });

  app.get('/admin/invitation', { config: { permission: 'public' } }, async (request, reply) => {
    const token = String((request.query as { token?: unknown }).token ?? '');
    const invitation = await liveInvitation(app.db, token);
    if (!invitation) return reply.page(<InvitationPage invitation={null} token="" />, 404);
    if (!request.user) {
      const next = `/admin/invitation?token=${encodeURIComponent(token)}`;
      return reply.page(<InvitationPage invitation={invitation} token={token} loginHref={`/admin/login?next=${encodeURIComponent(next)}`} />);
    }
    const refusal = await acceptanceRefusal(app.db, request.user.id, invitation);
    return reply.page(<InvitationPage invitation={invitation} token={token} refusal={refusal ?? undefined} />, refusal ? 403 : 200);
  });

  app.post('/admin/invitation', { config: { permission: 'public' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const token = String(((request.body ?? {}) as FormValues).token ?? '');
    if (!request.user) return reply.redirect(`/admin/invitation?token=${encodeURIComponent(token)}`, 303);
    const result = await acceptInvitation(app.db, request.user.id, token);
    if (!result.ok) {
      const key = result.errors.token?.key ?? 'team.invitation.invalid';
      const invitation = key === 'team.invitation.invalid' ? null : await liveInvitation(app.db, token);
      return reply.page(<InvitationPage invitation={invitation} token={token} refusal={key} />, invitation ? 403 : 404);
    }
    return reply.redirectWithFlash(`/admin/c/${result.value}`, 'team.flash.accepted');
  });
}
