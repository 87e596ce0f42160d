// Back office of the network's themes (/admin/network/themes, permission themes.manage): list,
// add, edit, reorder, retire and restore. Each write: permission → CSRF → zod → command →
// redirect with a message, or the same form again with its values and messages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { requireId } from '../../platform/params.ts';
import type { FormState } from '../../platform/ui/form.tsx';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { type ThemeRow, findTheme, listThemes, moveTheme, saveTheme, setThemeRetired, themeChanges, themeForm, themeName } from './themes.ts';
import { ThemeFormPage, ThemesAdminPage } from './views/themes.tsx';

const manage = { config: { permission: 'themes.manage' } } as const;
const constraints = htmlConstraints(themeForm);
const fields = ['key', 'position', 'name_ar', 'name_fr', 'name_en', 'description_ar', 'description_fr', 'description_en'] as const;
type Params = { id: string };

const actorOf = (request: FastifyRequest) => ({ userId: request.user!.id, role: 'network_admin' as const });

function valuesOf(row: ThemeRow): FormValues {
  const out: FormValues = {};
  for (const f of fields) out[f] = row[f] === null ? '' : String(row[f]);
  return out;
}

export async function themesRoutes(app: FastifyInstance): Promise<void> {
  const post = { ...manage, preHandler: app.csrfProtection };

  app.get('/admin/network/themes', manage, async (request, reply) => {
    const locale = request.locale;
    const [themes, changes] = await Promise.all([listThemes(app.db, { all: true }), themeChanges(app.db)]);
    return reply.page(
      <ThemesAdminPage
        themes={themes.map((t) => ({ id: t.id, key: t.key, name: themeName(t, locale), retired: t.retired === 1 }))}
        changes={changes.map((c) => ({ id: c.id, at: formatDateTime(locale, c.at), key: c.key, action: c.action, who: c.email ?? '—', fields: (JSON.parse(c.changes) as { field: string }[]).map((f) => f.field).join(', ') }))}
      />,
    );
  });

  const formPage = (request: FastifyRequest, reply: FastifyReply, theme: ThemeRow | null, values: FormValues, errors: FieldErrors, status = 200) => {
    const form: FormState = { values, errors, constraints };
    const t = translator(request.locale);
    return reply.page(<ThemeFormPage title={t(theme ? 'network.themes.edit' : 'network.themes.add')} action={theme ? `/admin/network/themes/${theme.id}` : '/admin/network/themes'} state={form} />, status);
  };

  app.get('/admin/network/themes/new', manage, async (request, reply) => {
    const last = (await listThemes(app.db, { all: true })).reduce((m, t) => Math.max(m, t.position), 0);
    return formPage(request, reply, null, { position: String(last + 1) }, {});
  });

  app.get<{ Params: Params }>('/admin/network/themes/:id', manage, async (request, reply) => {
    const theme = await findTheme(app.db, requireId(request.params.id, 'theme_not_found'));
    if (!theme) throw notFound('theme_not_found');
    return formPage(request, reply, theme, valuesOf(theme), {});
  });

  for (const path of ['/admin/network/themes', '/admin/network/themes/:id']) {
    app.post<{ Params: Params }>(path, post, async (request, reply) => {
      const id = request.params.id === undefined ? null : requireId(request.params.id, 'theme_not_found');
      const theme = id === null ? null : ((await findTheme(app.db, id)) ?? null);
      if (id !== null && !theme) throw notFound('theme_not_found');
      const values = (request.body ?? {}) as FormValues;
      const parsed = themeForm.safeParse(values);
      if (!parsed.success) return formPage(request, reply, theme, values, fieldErrors(parsed.error), 400);
      const result = await saveTheme(app.db, actorOf(request), id, parsed.data);
      if (!result.ok) return formPage(request, reply, theme, values, result.errors, 400);
      return reply.redirectWithFlash(`/admin/network/themes#theme-${result.value}`, 'network.themes.flash.saved');
    });
  }

  for (const [action, retired] of [['retire', true], ['restore', false]] as const) {
    app.post<{ Params: Params }>(`/admin/network/themes/:id/${action}`, post, async (request, reply) => {
      const id = requireId(request.params.id, 'theme_not_found');
      if (!(await setThemeRetired(app.db, actorOf(request), id, retired))) throw notFound('theme_not_found');
      return reply.redirectWithFlash(`/admin/network/themes#theme-${id}`, retired ? 'network.themes.flash.retired' : 'network.themes.flash.restored');
    });
  }

  for (const direction of ['up', 'down'] as const) {
    app.post<{ Params: Params }>(`/admin/network/themes/:id/${direction}`, post, async (request, reply) => {
      const id = requireId(request.params.id, 'theme_not_found');
      if (!(await moveTheme(app.db, actorOf(request), id, direction))) throw notFound('theme_not_found');
      return reply.redirectWithFlash(`/admin/network/themes#theme-${id}`, 'network.themes.flash.moved');
    });
  }
}
