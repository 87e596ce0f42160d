// Back office of the commission's e-space (/admin/c/{slug}/ieecag…): the commission's form and
// its founding act's PDF, the members (add, edit, reorder, remove), the trainings and documents.
import type { ComponentChildren } from 'preact';
import { Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import { documentKinds, memberCategories, memberRoles } from '../tables.ts';
import type { DocumentView, ListSection, Text, TrainingView } from './space.tsx';

export interface AdminPlace {
  slug: string;
  name: Text;
}

const adminBase = (slug: string) => `/admin/c/${slug}/ieecag`;

/** A file input with its error, in a multipart form. */
function FileField(props: { name: string; label: string; hint?: string; accept: string; state: FormState; required?: boolean }) {
  const { t } = usePage();
  const error = props.state.errors[props.name];
  const id = `f-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && <small class="muted">{props.hint}</small>}
      <input id={id} type="file" name={props.name} accept={props.accept} required={props.required} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && <p class="error" id={`${id}-error`}>{t(error.key, error.values)}</p>}
    </div>
  );
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function SpaceAdminPage(props: {
  place: AdminPlace;
  publicHref: string;
  exists: boolean;
  commission: FormState;
  foundingFile: { state: FormState; current: { name: string; kb: number; href: string } | null; accept: string; maxMb: number };
  members: { id: number; name: string; namePublic: boolean; role: string; category: string }[];
  counts: { trainings: number; documents: number };
}) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  return (
    <StaffLayout place={props.place} title={t('ieecag.admin.title')}>
      <nav aria-label={t('ieecag.admin.sections')}>
        <ul class="actions">
          <li><a href={props.publicHref}>{t('ieecag.admin.publicPage')}</a></li>
          <li><a href={`${base}/opinions`}>{t('ieecag.admin.opinions')}</a></li>
          <li><a href={`${base}/referrals`}>{t('ieecag.admin.referrals')}</a></li>
          <li><a href={`${base}/trainings`}>{t('ieecag.admin.trainings', { count: props.counts.trainings })}</a></li>
          <li><a href={`${base}/documents`}>{t('ieecag.admin.documents', { count: props.counts.documents })}</a></li>
        </ul>
      </nav>
      {!props.exists && <p class="notice">{t('ieecag.admin.noCommission')}</p>}

      <Section id="a-commission" title={t('ieecag.admin.commission')}>
        <Form action={`${base}/commission`} state={props.commission} submit={t('ieecag.admin.save')}>
          <L10nField name="founding_act" label={t('ieecag.admin.fields.foundingAct')} multiline />
          <TextField name="founded_on" type="date" label={t('ieecag.admin.fields.foundedOn')} />
          <L10nField name="mission" label={t('ieecag.admin.fields.mission')} multiline />
          <TextField name="contact_email" type="email" label={t('ieecag.admin.fields.email')} />
          <TextField name="contact_phone" label={t('ieecag.admin.fields.phone')} />
          <L10nField name="office_address" label={t('ieecag.admin.fields.officeAddress')} />
          <L10nField name="office_hours" label={t('ieecag.admin.fields.officeHours')} />
          <TextField name="response_delay_days" type="number" label={t('ieecag.admin.fields.delay')} hint={t('ieecag.admin.delayHint')} />
        </Form>
      </Section>

      <Section id="a-founding-file" title={t('ieecag.admin.foundingFile')}>
        {props.foundingFile.current && (
          <p>{t('ieecag.admin.currentFile')} <a href={props.foundingFile.current.href}><bdi>{props.foundingFile.current.name}</bdi></a> <bdi>({t('ieecag.admin.kb', { kb: props.foundingFile.current.kb })})</bdi></p>
        )}
        <Form action={`${base}/founding-file`} state={props.foundingFile.state} submit={t('ieecag.admin.upload')} enctype="multipart/form-data">
          <FileField name="founding_file" label={t('ieecag.admin.fields.pdf')} hint={t('ieecag.admin.pdfHint', { max: props.foundingFile.maxMb })} accept={props.foundingFile.accept} state={props.foundingFile.state} required />
        </Form>
      </Section>

      <Section id="a-members" title={t('ieecag.members.title')}>
        <p><a class="button" href={`${base}/members/new`}>{t('ieecag.admin.addMember')}</a></p>
        {props.members.length === 0 ? (
          <p class="muted">{t('ieecag.members.none')}</p>
        ) : (
          <ol class="plain">
            {props.members.map((m, i) => (
              <li id={`member-${m.id}`}>
                <a href={`${base}/members/${m.id}`}>{m.name}</a> · {t(`ieecag.roles.role.${m.role}`)} · {t(`ieecag.roles.category.${m.category}`)}
                {!m.namePublic && <> · <span class="muted">{t('ieecag.admin.nameHidden')}</span></>}
                <div class="actions">
                  {i > 0 && <PostButton action={`${base}/members/${m.id}/move?direction=up`} label={t('ieecag.admin.up')} />}
                  {i < props.members.length - 1 && <PostButton action={`${base}/members/${m.id}/move?direction=down`} label={t('ieecag.admin.down')} />}
                  <PostButton action={`${base}/members/${m.id}/delete`} label={t('ieecag.admin.delete')} danger />
                </div>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </StaffLayout>
  );
}

export function MemberFormPage(props: { place: AdminPlace; action: string; title: string; state: FormState }) {
  const { t } = usePage();
  return (
    <StaffLayout place={props.place} title={props.title} trail={[[t('ieecag.admin.title'), adminBase(props.place.slug)]]}>
      <Form action={props.action} state={props.state} submit={t('ieecag.admin.save')}>
        <TextField name="name" label={t('ieecag.members.name')} />
        <label class="check">
          <input type="checkbox" name="name_public" value="1" checked={props.state.values.name_public === '1'} /> {t('ieecag.admin.fields.namePublic')}
        </label>
        <SelectField name="role" label={t('ieecag.members.role')} blank="—" options={memberRoles.map((r) => [r, t(`ieecag.roles.role.${r}`)])} />
        <SelectField name="category" label={t('ieecag.members.category')} blank="—" options={memberCategories.map((c) => [c, t(`ieecag.roles.category.${c}`)])} />
        <SelectField name="gender" label={t('ieecag.admin.fields.gender')} blank={t('ieecag.admin.genderUnsaid')} options={[['f', t('ieecag.admin.female')], ['m', t('ieecag.admin.male')]]} />
        <L10nField name="organisation" label={t('ieecag.members.organisation')} />
        <TextField name="mandate_start" type="date" label={t('ieecag.admin.fields.mandateStart')} />
        <TextField name="mandate_end" type="date" label={t('ieecag.admin.fields.mandateEnd')} />
        <label class="check">
          <input type="checkbox" name="on_monitoring_committee" value="1" checked={props.state.values.on_monitoring_committee === '1'} /> {t('ieecag.admin.fields.committee')}
        </label>
      </Form>
    </StaffLayout>
  );
}

export function TrainingsAdminPage(props: { place: AdminPlace; list: ListSection<TrainingView> }) {
  const { t } = usePage();
  const base = `${adminBase(props.place.slug)}/trainings`;
  return (
    <StaffLayout place={props.place} title={t('ieecag.trainings.title')} trail={[[t('ieecag.admin.title'), adminBase(props.place.slug)]]}>
      <p><a class="button" href={`${base}/new`}>{t('ieecag.admin.addTraining')}</a></p>
      {props.list.items.length === 0 ? <p class="muted">{t('ieecag.trainings.none')}</p> : (
        <ul class="plain">
          {props.list.items.map((x) => (
            <li>
              <a href={`${base}/${x.id}`}><T value={x.theme} /></a> — <bdi>{x.heldOn}</bdi>
              {x.total !== null && <> · {t('ieecag.trainings.participants', { count: x.total })}</>}
              <div class="actions"><PostButton action={`${base}/${x.id}/delete`} label={t('ieecag.admin.delete')} danger /></div>
            </li>
          ))}
        </ul>
      )}
      <Pager firstHref={props.list.firstHref} nextHref={props.list.nextHref} />
    </StaffLayout>
  );
}

export function TrainingFormPage(props: { place: AdminPlace; action: string; title: string; state: FormState }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  return (
    <StaffLayout place={props.place} title={props.title} trail={[[t('ieecag.admin.title'), base], [t('ieecag.trainings.title'), `${base}/trainings`]]}>
      <Form action={props.action} state={props.state} submit={t('ieecag.admin.save')}>
        <TextField name="held_on" type="date" label={t('ieecag.trainings.date')} />
        <L10nField name="theme" label={t('ieecag.trainings.theme')} />
        <L10nField name="trainer" label={t('ieecag.trainings.trainerHeader')} />
        <L10nField name="summary" label={t('ieecag.admin.fields.summary')} multiline />
        <fieldset>
          <legend>{t('ieecag.admin.participants')}</legend>
          <p class="muted">{t('ieecag.admin.participantsHint')}</p>
          <TextField name="participants_total" type="number" label={t('ieecag.lens.total')} />
          <TextField name="participants_women" type="number" label={t('ieecag.lens.women')} />
          <TextField name="participants_men" type="number" label={t('ieecag.lens.men')} />
        </fieldset>
      </Form>
    </StaffLayout>
  );
}

export function DocumentsAdminPage(props: { place: AdminPlace; list: ListSection<DocumentView> }) {
  const { t } = usePage();
  const base = `${adminBase(props.place.slug)}/documents`;
  return (
    <StaffLayout place={props.place} title={t('ieecag.documents.title')} trail={[[t('ieecag.admin.title'), adminBase(props.place.slug)]]}>
      <p><a class="button" href={`${base}/new`}>{t('ieecag.admin.addDocument')}</a></p>
      {props.list.items.length === 0 ? <p class="muted">{t('ieecag.documents.none')}</p> : (
        <ul class="plain">
          {props.list.items.map((d) => (
            <li>
              <a href={`${base}/${d.id}`}><T value={d.title} /></a> — {t(`ieecag.documents.kind.${d.kind}`)} · <bdi>{d.publishedOn}</bdi>
              <div class="actions"><PostButton action={`${base}/${d.id}/delete`} label={t('ieecag.admin.delete')} danger /></div>
            </li>
          ))}
        </ul>
      )}
      <Pager firstHref={props.list.firstHref} nextHref={props.list.nextHref} />
    </StaffLayout>
  );
}

export function DocumentFormPage(props: { place: AdminPlace; action: string; title: string; state: FormState; file: { current: string | null; accept: string; maxMb: number } }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  return (
    <StaffLayout place={props.place} title={props.title} trail={[[t('ieecag.admin.title'), base], [t('ieecag.documents.title'), `${base}/documents`]]}>
      <Form action={props.action} state={props.state} submit={t('ieecag.admin.save')} enctype="multipart/form-data">
        <SelectField name="kind" label={t('ieecag.documents.kindLabel')} blank="—" options={documentKinds.map((k) => [k, t(`ieecag.documents.kind.${k}`)])} />
        <TextField name="published_on" type="date" label={t('ieecag.admin.fields.publishedOn')} />
        <L10nField name="title" label={t('ieecag.admin.fields.title')} />
        <L10nField name="summary" label={t('ieecag.admin.fields.summary')} multiline />
        {props.file.current && <p>{t('ieecag.admin.currentFile')} <bdi>{props.file.current}</bdi></p>}
        <FileField
          name="file"
          label={t('ieecag.admin.fields.file')}
          hint={t(props.file.current ? 'ieecag.admin.replaceHint' : 'ieecag.admin.fileHint', { max: props.file.maxMb })}
          accept={props.file.accept}
          state={props.state}
          required={!props.file.current}
        />
      </Form>
    </StaffLayout>
  );
}
