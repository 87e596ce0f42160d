// /admin/c/{slug}/team: the collectivity's staff and the roles they hold there. Only a
// collectivity admin (or a network admin) manages it; each grant is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { forbidden } from '../errors.ts';
import { Form, PostButton, SelectField, TextField } from '../ui/form.tsx';
import { StaffLayout, usePage } from '../ui/page.tsx';
import { type Collectivity, pick, requireCollectivity } from '../tenancy.ts';
import { parseId } from '../params.ts';
import { type FieldErrors, type FormValues, choice, fieldErrors, htmlConstraints } from '../validation.ts';
import { can, collectivityRoles, roleFor } from './roles.ts';
import { type TeamMember, grantTeamRole, listTeam, revokeTeamRole } from './team.ts';

const grantForm = z.object({
  email: z.string().trim().toLowerCase().min(1, 'errors.required').max(254, 'errors.tooLong').email('errors.invalidEmail'),
  role: choice(collectivityRoles),
});
const grantConstraints = htmlConstraints(grantForm);

function TeamPage(props: { c: Collectivity; members: TeamMember[]; me: number; values: FormValues; errors: FieldErrors }) {
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
      <h2>{t('team.grantTitle')}</h2>
      <ul class="muted">
        {collectivityRoles.map((r) => <li><strong>{t(`roles.${r}`)}</strong>: {t(`team.abilities.${r}`)}</li>)}
      </ul>
      <Form action={base} state={{ values: props.values, errors: props.errors, constraints: grantConstraints }} submit={t('team.grant')}>
        <TextField name="email" label={t('team.email')} type="email" hint={t('team.emailHint')} />
        <SelectField name="role" label={t('team.role')} options={collectivityRoles.map((r) => [r, t(`roles.${r}`)])} />
      </Form>
    </StaffLayout>
  );
}

export async function teamRoutes(app: FastifyInstance) {
  const scope = async (request: FastifyRequest<{ Params: { slug: string } }>) => {
    const c = await requireCollectivity(app.db, request.params.slug);
    if (!can(request.user, 'manage', c.id)) throw forbidden();
    return { c, actor: { userId: request.user!.id, role: roleFor(request.user!, 'manage', c.id)! } };
  };
  const page = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, values: FormValues, errors: FieldErrors, status = 200) =>
    reply.page(<TeamPage c={c} members={await listTeam(app.db, c.id)} me={request.user!.id} values={values} errors={errors} />, status);

  app.get<{ Params: { slug: string } }>('/admin/c/:slug/team', async (request, reply) => {
    const { c } = await scope(request);
    return page(request, reply, c, { role: 'editor' }, {});
  });

  app.post<{ Params: { slug: string } }>('/admin/c/:slug/team', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, actor } = await scope(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = grantForm.safeParse(body);
    if (!parsed.success) return page(request, reply, c, body, fieldErrors(parsed.error), 400);
    const result = await grantTeamRole(app.db, actor, c.id, parsed.data);
    if (!result.ok) return page(request, reply, c, body, result.errors, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/team`, 'team.flash.granted');
  });

  app.post<{ Params: { slug: string; id: string } }>('/admin/c/:slug/team/:id/revoke', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, actor } = await scope(request);
    const result = await revokeTeamRole(app.db, actor, c.id, parseId(request.params.id) ?? -1);
    if (!result.ok) return page(request, reply, c, { role: 'editor' }, result.errors, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/team`, 'team.flash.revoked');
  });
}
