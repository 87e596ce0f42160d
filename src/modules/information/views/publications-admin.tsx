// Back office of proactive publication (/admin/c/{slug}/information/publications): the entries
// staff added, with edit and delete, and the form of one entry (a link or a document).
import { Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import type { Text } from './register.tsx';

export interface AdminPlace {
  slug: string;
  name: Text;
}

export interface PublicationAdminItem {
  id: number;
  category: string;
  date: string;
  title: Text;
  kind: 'file' | 'link';
  href: string;
}

export const publicationsBase = (slug: string) => `/admin/c/${slug}/information/publications`;

export function PublicationsAdminPage(props: { place: AdminPlace; publicHref: string; items: PublicationAdminItem[] }) {
  const { t } = usePage();
  const base = publicationsBase(props.place.slug);
  return (
    <StaffLayout place={props.place} title={t('information.publication.admin.title')}>
      <p>{t('information.publication.admin.intro')}</p>
      <p class="actions">
        <a href={`${base}/new`}>{t('information.publication.admin.add')}</a> · <a href={props.publicHref}>{t('information.publication.admin.publicPage')}</a>
      </p>
      {props.items.length === 0 ? (
        <p class="muted">{t('information.publication.admin.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('information.publication.admin.titleField')}</th>
                <th scope="col">{t('information.publication.admin.category')}</th>
                <th scope="col">{t('information.publication.admin.date')}</th>
                <th scope="col"><span class="sr-only">{t('information.publication.admin.editLink')}</span></th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((p) => (
                <tr id={`publication-${p.id}`}>
                  <td><a href={p.href}><T value={p.title} /></a></td>
                  <td>{t(`information.category.${p.category}`)}</td>
                  <td><bdi>{p.date}</bdi></td>
                  <td>
                    <a href={`${base}/${p.id}`}>{t('information.publication.admin.editLink')}</a>{' '}
                    <PostButton action={`${base}/${p.id}/delete`} label={t('information.publication.admin.delete')} danger />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}

export function PublicationFormPage(props: { place: AdminPlace; title: string; action: string; state: FormState; categories: readonly string[]; accept: string; currentFile: string | null }) {
  const { t } = usePage();
  const fileError = props.state.errors.file;
  return (
    <StaffLayout place={props.place} title={props.title} trail={[[t('information.publication.admin.title'), publicationsBase(props.place.slug)]]}>
      <Form action={props.action} state={props.state} submit={t('information.publication.admin.save')} enctype="multipart/form-data">
        <SelectField name="category" label={t('information.publication.admin.category')} options={props.categories.map((c) => [c, t(`information.category.${c}`)])} />
        <TextField name="published_on" type="date" label={t('information.publication.admin.date')} />
        <L10nField name="title" label={t('information.publication.admin.titleField')} />
        <L10nField name="description" label={t('information.publication.admin.description')} multiline />
        <TextField name="url" label={t('information.publication.admin.url')} />
        <div class="field">
          <label for="f-file">{t('information.publication.admin.file')}</label>
          {props.currentFile && <small class="muted">{t('information.publication.admin.keepFile', { name: props.currentFile })}</small>}
          <input id="f-file" type="file" name="file" accept={props.accept} aria-invalid={fileError ? 'true' : undefined} aria-describedby={fileError ? 'f-file-error' : undefined} />
          {fileError && <p class="error" id="f-file-error">{t(fileError.key, fileError.values)}</p>}
        </div>
      </Form>
    </StaffLayout>
  );
}
