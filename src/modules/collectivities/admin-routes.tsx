// The network administrator adds a collectivity to the network — a region, a province or
// prefecture, or a commune, under its parent — and invites its focal point, in one transaction:
// /admin/collectivities/new. The focal point then runs the collectivity's space and its team.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { inviteToTeam } from '../../platform/auth/invitations.ts';
import { invitationLinkOf } from '../../platform/auth/team-routes.tsx';
import { rollbackWith, tenantTransaction } from '../../platform/commands.ts';
import { now } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { deliverSoon } from '../../platform/mail/index.ts';
import { Form, L10nField, SelectField, TextField } from '../../platform/ui/form.tsx';
import { Layout, usePage } from '../../platform/ui/page.tsx';
import { pick } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, choice, fieldErrors, htmlConstraints, optionalText, requiredText } from '../../platform/validation.ts';

export const kinds = ['commune', 'province', 'prefecture', 'region'] as const;
/** The kinds a collectivity's parent may be: a commune sits in a province or prefecture, which sits in a region. */
const parentKinds: Record<(typeof kinds)[number], string[]> = {
  commune: ['province', 'prefecture'],
  province: ['region'],
  prefecture: ['region'],
  region: [],
};

const collectivityForm = z.object({
  kind: choice(kinds),
  parent: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'errors.invalidChoice' }).int().positive('errors.invalidChoice').optional()),
  slug: z.string({ error: 'errors.required' }).trim().toLowerCase().min(1, 'errors.required').max(60, 'errors.tooLong')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'collectivities.errors.slugFormat'),
  name_ar: requiredText(),
  name_fr: optionalText(),
  name_en: optionalText(),
  focal_email: z.string({ error: 'errors.required' }).trim().toLowerCase().min(1, 'errors.required').max(254, 'errors.tooLong').email('errors.invalidEmail'),
});
const constraints = htmlConstraints(collectivityForm);

function NewCollectivityPage(props: { parents: [string, string][]; values: FormValues; errors: FieldErrors }) {
  const { t } = usePage();
  return (
    <Layout title={t('collectivities.admin.new')}>
      <h1>{t('collectivities.admin.new')}</h1>
      <p>{t('collectivities.admin.intro')}</p>
      <Form action="/admin/collectivities" state={{ values: props.values, errors: props.errors, constraints }} submit={t('collectivities.admin.create')}>
        <SelectField name="kind" label={t('collectivities.admin.kind')} options={kinds.map((k) => [k, t(`kinds.${k}`)])} />
        <SelectField name="parent" label={t('collectivities.admin.parent')} blank={t('collectivities.admin.noParent')} options={props.parents} />
        <TextField name="slug" label={t('collectivities.admin.slug')} hint={t('collectivities.admin.slugHint')} />
        <L10nField name="name" label={t('collectivities.admin.name')} />
        <TextField name="focal_email" type="email" label={t('collectivities.admin.focalEmail')} hint={t('collectivities.admin.focalEmailHint')} />
      </Form>
    </Layout>
  );
}

export async function collectivityAdminRoutes(app: FastifyInstance) {
  const create = { config: { permission: 'collectivity.create' } } as const;

  /** Possible parents: the regions, provinces and prefectures, by name. */
  const page = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldErrors, status = 200) => {
    const rows = await app.db
      .selectFrom('collectivity')
      .select(['id', 'kind', 'name_ar', 'name_fr', 'name_en'])
      .where('kind', 'in', ['region', 'province', 'prefecture'])
      .orderBy('name_ar')
      .execute();
    const t = translator(request.locale);
    const parents = rows.map((r) => [String(r.id), `${pick({ ar: r.name_ar, fr: r.name_fr, en: r.name_en }, request.locale).text} (${t(`kinds.${r.kind}`)})`] as [string, string]);
    return reply.page(<NewCollectivityPage parents={parents} values={values} errors={errors} />, status);
  };

  app.get('/admin/collectivities/new', create, (request, reply) => page(request, reply, { kind: 'commune' }, {}));

  app.post('/admin/collectivities', { ...create, preHandler: app.csrfProtection }, async (request, reply) => {
    const body = (request.body ?? {}) as FormValues;
    const parsed = collectivityForm.safeParse(body);
    if (!parsed.success) return page(request, reply, body, fieldErrors(parsed.error), 400);
    const input = parsed.data;
    const parent = input.parent === undefined
      ? null
      : await app.db.selectFrom('collectivity').select(['id', 'kind']).where('id', '=', input.parent).executeTakeFirst();
    const wanted = parentKinds[input.kind];
    if (wanted.length === 0 && parent) return page(request, reply, body, { parent: { key: 'collectivities.errors.regionHasNoParent' } }, 400);
    if (wanted.length > 0 && (!parent || !wanted.includes(parent.kind))) return page(request, reply, body, { parent: { key: `collectivities.errors.parentOf.${input.kind}` } }, 400);

    // the parent's home lists its members, so its pages change too (a region has no parent: no row 0)
    const result = await tenantTransaction(app.db, parent?.id ?? 0, async (trx) => {
      const taken = await trx.selectFrom('collectivity').select('id').where('slug', '=', input.slug).executeTakeFirst();
      if (taken) rollbackWith({ slug: { key: 'collectivities.errors.slugTaken' } });
      const created = await trx
        .insertInto('collectivity')
        .values({ slug: input.slug, kind: input.kind, parent_id: parent?.id ?? null, name_ar: input.name_ar, name_fr: input.name_fr, name_en: input.name_en, created_at: now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const invited = await inviteToTeam(trx, { userId: request.user!.id, role: 'network_admin' }, { email: input.focal_email, role: 'focal_point' }, {
        collectivity: { id: created.id, name: { ar: input.name_ar, fr: input.name_fr, en: input.name_en } },
        inviterName: request.user!.displayName,
        locale: request.locale,
        link: invitationLinkOf(app),
      });
      if (!invited.ok) rollbackWith({ focal_email: invited.errors.role ?? invited.errors.email ?? Object.values(invited.errors)[0] });
      return input.slug;
    });
    if (!result.ok) return page(request, reply, body, result.errors, 400);
    deliverSoon(app);
    return reply.redirectWithFlash(`/admin/c/${result.value}/team`, 'collectivities.flash.created');
  });
}
