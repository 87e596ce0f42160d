// The network administrator's list of themes and a theme's form.
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { Form, type FormState, L10nField, PostButton, TextField } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';

type Text = { text: string; lang: Locale };

export function ThemesAdminPage(props: {
  themes: { id: number; key: string; name: Text; retired: boolean }[];
  changes: { id: number; at: string; key: string; action: string; who: string; fields: string }[];
}) {
  const { t } = usePage();
  return (
    <Layout title={t('network.themes.title')}>
      <Breadcrumbs items={[[t('layout.adminDashboard'), '/admin'], [t('network.themes.title')]]} />
      <h1>{t('network.themes.title')}</h1>
      <p>{t('network.themes.intro')}</p>
      <p><a class="button" href="/admin/network/themes/new">{t('network.themes.add')}</a></p>
      <ol class="plain">
        {props.themes.map((th, i) => (
          <li id={`theme-${th.id}`}>
            <a href={`/admin/network/themes/${th.id}`}><T value={th.name} /></a> · <bdi>{th.key}</bdi>
            {th.retired && <> · <span class="status">{t('network.themes.retired')}</span></>}
            <div class="actions">
              {i > 0 && <PostButton action={`/admin/network/themes/${th.id}/up`} label={t('network.themes.up')} />}
              {i < props.themes.length - 1 && <PostButton action={`/admin/network/themes/${th.id}/down`} label={t('network.themes.down')} />}
              {th.retired
                ? <PostButton action={`/admin/network/themes/${th.id}/restore`} label={t('network.themes.restore')} />
                : <PostButton action={`/admin/network/themes/${th.id}/retire`} label={t('network.themes.retire')} danger />}
            </div>
          </li>
        ))}
      </ol>
      <h2>{t('network.themes.changes')}</h2>
      {props.changes.length === 0 ? <p class="muted">{t('network.themes.noChanges')}</p> : (
        <ul>
          {props.changes.map((c) => (
            <li><bdi>{c.at}</bdi> · <bdi>{c.key}</bdi> · {t(`network.themes.action.${c.action}`)} · <bdi>{c.who}</bdi>{c.fields && <> · <bdi>{c.fields}</bdi></>}</li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ThemeFormPage(props: { title: string; action: string; state: FormState }) {
  const { t } = usePage();
  return (
    <Layout title={props.title}>
      <Breadcrumbs items={[[t('layout.adminDashboard'), '/admin'], [t('network.themes.title'), '/admin/network/themes'], [props.title]]} />
      <h1>{props.title}</h1>
      <Form action={props.action} state={props.state} submit={t('network.themes.save')}>
        <TextField name="key" label={t('network.themes.fields.key')} hint={t('network.themes.keyHint')} />
        <L10nField name="name" label={t('network.themes.fields.name')} />
        <L10nField name="description" label={t('network.themes.fields.description')} multiline />
        <TextField name="position" type="number" label={t('network.themes.fields.position')} />
      </Form>
    </Layout>
  );
}
