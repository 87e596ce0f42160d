// Back office of the advisory opinions: the register with every status, the form to draft or edit
// one, and an opinion's page with the steps its state and the user's role allow (PDF, adoption,
// publication, transmission to the council, the council's response).
import { CheckboxesField, Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import type { FieldErrors } from '../../../platform/validation.ts';
import type { Text } from '../../programme/manifest.ts';
import { councilResponses } from '../opinion-schema.ts';
import { opinionOrigins } from '../tables.ts';
import { type OpinionDetails, type OpinionView, ResponseBadge, type RegisterSection, Trail, linkText } from './opinions.tsx';

export interface AdminPlace {
  slug: string;
  name: Text;
}

/** The current programme's items an opinion may be linked to, as checkbox options. */
export interface PlanOptions {
  axes: [string, string][];
  projects: [string, string][];
  activities: [string, string][];
}

export function OpinionsAdminPage(props: { place: AdminPlace; section: RegisterSection; canDraft: boolean }) {
  const { t, locale } = usePage();
  const base = `/admin/c/${props.place.slug}/ieecag/opinions`;
  const s = props.section;
  return (
    <StaffLayout place={props.place} title={t('ieecag.opinions.admin.title')}>
      <p>
        {props.canDraft && <><a class="button" href={`${base}/new`}>{t('ieecag.opinions.admin.new')}</a> · </>}
        <a href={`/${locale}/c/${props.place.slug}/ieecag/opinions`}>{t('ieecag.opinions.admin.publicRegister')}</a>
      </p>
      {s.opinions.length === 0 ? <p class="muted">{t('ieecag.opinions.none')}</p> : (
        <ul class="plain">
          {s.opinions.map((o) => (
            <li>
              <a href={`${base}/${o.id}`}><bdi dir="ltr">{o.number}</bdi> — <T value={o.subject} /></a> · {t(`ieecag.opinions.status.${o.status}`)} · <ResponseBadge o={o} />
            </li>
          ))}
        </ul>
      )}
      <Pager firstHref={s.firstHref} nextHref={s.nextHref} />
    </StaffLayout>
  );
}

export function OpinionFormPage(props: { place: AdminPlace; action: string; title: string; state: FormState; plan: PlanOptions; trail: [string, string][] }) {
  const { t } = usePage();
  const formError = props.state.errors.form;
  return (
    <StaffLayout place={props.place} title={props.title} trail={props.trail}>
      {formError && <p class="error" role="alert">{t(formError.key, formError.values)}</p>}
      <Form action={props.action} state={props.state} submit={t('ieecag.opinions.admin.save')}>
        <L10nField name="subject" label={t('ieecag.opinions.fields.subject')} />
        <SelectField name="origin" label={t('ieecag.opinions.fields.origin')} blank="—" options={opinionOrigins.map((o) => [o, t(`ieecag.opinions.origin.${o}`)])} />
        <TextField name="requested_on" type="date" label={t('ieecag.opinions.fields.requestedOn')} hint={t('ieecag.opinions.admin.requestedHint')} />
        <L10nField name="council_session" label={t('ieecag.opinions.fields.councilSession')} />
        <L10nField name="body" label={t('ieecag.opinions.fields.body')} multiline />
        <fieldset>
          <legend>{t('ieecag.opinions.admin.links')}</legend>
          {props.plan.axes.length > 0 && <CheckboxesField name="axis_ids" label={t('ieecag.opinions.admin.axes')} options={props.plan.axes} />}
          {props.plan.projects.length > 0 && <CheckboxesField name="project_ids" label={t('ieecag.opinions.admin.projects')} options={props.plan.projects} />}
          {props.plan.activities.length > 0 && <CheckboxesField name="activity_ids" label={t('ieecag.opinions.admin.activities')} options={props.plan.activities} />}
          <TextField name="proposal_ids" label={t('ieecag.opinions.fields.proposals')} hint={t('ieecag.opinions.admin.idsHint')} />
          <TextField name="budget_project_ids" label={t('ieecag.opinions.fields.budgetProjects')} hint={t('ieecag.opinions.admin.idsHint')} />
        </fieldset>
      </Form>
    </StaffLayout>
  );
}

export interface StepForms {
  file: FormState;
  adopt: FormState;
  transmit: FormState;
  respond: FormState;
  /** a refusal that belongs to no form (publish, delete) */
  refused: FieldErrors;
}

export function OpinionAdminPage(props: {
  place: AdminPlace;
  opinion: OpinionView;
  details: OpinionDetails;
  publicHref: string | null;
  can: { draft: boolean; adopt: boolean; respond: boolean };
  forms: StepForms;
  pdf: { accept: string; maxMb: number };
}) {
  const { t } = usePage();
  const o = props.opinion;
  const d = props.details;
  const base = `/admin/c/${props.place.slug}/ieecag/opinions/${o.id}`;
  const draft = o.status === 'draft';
  const shown = {
    file: draft && props.can.draft,
    adopt: draft && props.can.adopt,
    transmit: !draft && o.transmittedOn === null && props.can.respond,
    respond: o.transmittedOn !== null && props.can.respond,
  };
  // a step refused for the opinion's state may concern a form the page does not show: said at the top
  const refused = [
    ...Object.values(props.forms.refused),
    ...(['file', 'adopt', 'transmit', 'respond'] as const).flatMap((k) => Object.entries(props.forms[k].errors).filter(([field]) => !shown[k] || field === 'form').map(([, e]) => e)),
  ];
  return (
    <StaffLayout place={props.place} title={`${o.number} — ${o.subject.text}`} trail={[[t('ieecag.opinions.admin.title'), `/admin/c/${props.place.slug}/ieecag/opinions`]]}>
      <p>
        {t(`ieecag.opinions.status.${o.status}`)} · <ResponseBadge o={o} />
        {props.publicHref && <> · <a href={props.publicHref}>{t('ieecag.opinions.admin.publicPage')}</a></>}
        {draft && props.can.draft && <> · <a href={`${base}/edit`}>{t('ieecag.opinions.admin.edit')}</a></>}
      </p>
      {refused.map((e) => <p class="error" role="alert">{t(e.key, e.values)}</p>)}
      <dl class="facts">
        <dt>{t('ieecag.opinions.fields.origin')}</dt>
        <dd>{t(`ieecag.opinions.origin.${o.origin}`)}</dd>
        {d.councilSession && <><dt>{t('ieecag.opinions.fields.councilSession')}</dt><dd><T value={d.councilSession} /></dd></>}
        <dt>{t('ieecag.opinions.fields.file')}</dt>
        <dd>{d.file ? <bdi>{d.file.name}</bdi> : t('ieecag.opinions.admin.noFile')}</dd>
      </dl>
      <Trail o={o} delayDays={d.delayDays} />
      {d.body && <details><summary>{t('ieecag.opinions.textTitle')}</summary><p class="body"><T value={d.body} /></p></details>}
      {d.links.length > 0 && (
        <ul>{d.links.map((l) => <li>{l.label}{l.title !== null && <>: {linkText(l.title)}</>}</li>)}</ul>
      )}

      {shown.file && (
        <section aria-labelledby="a-file">
          <h2 id="a-file">{t('ieecag.opinions.admin.fileTitle')}</h2>
          <Form action={`${base}/file`} state={props.forms.file} submit={t('ieecag.opinions.admin.upload')} enctype="multipart/form-data">
            <div class="field">
              <label for="f-opinion_file">{t('ieecag.opinions.fields.file')}</label>
              <small class="muted">{t('ieecag.opinions.admin.fileHint', { max: props.pdf.maxMb })}</small>
              <input id="f-opinion_file" type="file" name="opinion_file" accept={props.pdf.accept} required aria-describedby={props.forms.file.errors.opinion_file ? 'f-opinion_file-error' : undefined} />
              {props.forms.file.errors.opinion_file && <p class="error" id="f-opinion_file-error">{t(props.forms.file.errors.opinion_file.key, props.forms.file.errors.opinion_file.values)}</p>}
            </div>
          </Form>
        </section>
      )}

      {shown.adopt && (
        <section aria-labelledby="a-adopt">
          <h2 id="a-adopt">{t('ieecag.opinions.admin.adoptTitle')}</h2>
          <p class="muted">{t('ieecag.opinions.admin.adoptHint')}</p>
          <Form action={`${base}/adopt`} state={props.forms.adopt} submit={t('ieecag.opinions.admin.adopt')}>
            <TextField name="adopted_on" type="date" label={t('ieecag.opinions.fields.adoptedOn')} />
          </Form>
        </section>
      )}

      {o.status === 'adopted' && props.can.adopt && (
        <section aria-labelledby="a-publish">
          <h2 id="a-publish">{t('ieecag.opinions.admin.publishTitle')}</h2>
          <p class="muted">{t('ieecag.opinions.admin.publishHint')}</p>
          <PostButton action={`${base}/publish`} label={t('ieecag.opinions.admin.publish')} />
        </section>
      )}

      {shown.transmit && (
        <section aria-labelledby="a-transmit">
          <h2 id="a-transmit">{t('ieecag.opinions.admin.transmitTitle')}</h2>
          <Form action={`${base}/transmit`} state={props.forms.transmit} submit={t('ieecag.opinions.admin.transmit')}>
            <TextField name="transmitted_on" type="date" label={t('ieecag.opinions.fields.transmittedOn')} />
          </Form>
        </section>
      )}

      {shown.respond && (
        <section aria-labelledby="a-respond">
          <h2 id="a-respond">{t('ieecag.opinions.admin.respondTitle')}</h2>
          <p class="muted">{t('ieecag.opinions.admin.respondHint')}</p>
          <Form action={`${base}/respond`} state={props.forms.respond} submit={t('ieecag.opinions.admin.respond')}>
            <SelectField name="response_status" label={t('ieecag.opinions.fields.response')} blank="—" options={councilResponses.map((r) => [r, t(`ieecag.opinions.response.${r}`)])} />
            <TextField name="response_on" type="date" label={t('ieecag.opinions.fields.responseOn')} />
            <L10nField name="response_reason" label={t('ieecag.opinions.fields.reason')} multiline />
            <L10nField name="response_decision" label={t('ieecag.opinions.fields.decision')} multiline />
          </Form>
        </section>
      )}

      {draft && props.can.draft && (
        <section aria-labelledby="a-delete">
          <h2 id="a-delete">{t('ieecag.opinions.admin.deleteTitle')}</h2>
          <p class="muted">{t('ieecag.opinions.admin.deleteHint')}</p>
          <PostButton action={`${base}/delete`} label={t('ieecag.opinions.admin.delete')} danger />
        </section>
      )}
    </StaffLayout>
  );
}
