// The back office of requests: the worklist (by the deadline that runs, overdue rows marked), and
// a request in full — what the requester wrote and who they are (staff only), the trail, and one
// form per step its status allows.
import { CheckboxesField, Form, type FormState, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager } from '../../../platform/ui/parts.tsx';
import { complaintOutcomes, exceptions, outcomes, statuses } from '../model.ts';
import type { FieldError } from '../../../platform/validation.ts';
import type { StaffStep } from '../schema.ts';
import { Answer, RequestFacts, type RequestView, StatusBadge, Trail } from './request-parts.tsx';

type Place = { slug: string; name: { text: string } };
export const adminBase = (slug: string) => `/admin/c/${slug}/information`;

export interface WorklistRow {
  id: number;
  subject: string;
  status: string;
  statusLabel: string;
  overdue: boolean;
  urgent: boolean;
  channel: string;
  received: string;
  due: string | null;
  example: boolean;
}

export function WorklistPage(props: { place: Place; rows: WorklistRow[]; filter: string | undefined; firstHref: string | null; nextHref: string | null; canOffice: boolean }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  const filters: [string | undefined, string][] = [[undefined, t('information.admin.all')], ['overdue', t('information.overdue')], ...statuses.map((s) => [s, t(`information.status.${s}`)] as [string, string])];
  return (
    <StaffLayout place={props.place} title={t('information.admin.title')}>
      <p class="actions">
        <a class="button" href={`${base}/new`}>{t('information.desk.title')}</a>
        {props.canOffice && <> <a href={`${base}/office`}>{t('information.office.title')}</a></>}
      </p>
      <nav aria-label={t('information.admin.filters')}>
        <p>
          {filters.map(([value, label], i) => (
            <>
              {i > 0 && ' · '}
              {value === props.filter ? <strong aria-current="true">{label}</strong> : <a href={value ? `${base}?status=${value}` : base}>{label}</a>}
            </>
          ))}
        </p>
      </nav>
      {props.rows.length === 0 ? (
        <p class="muted">{t('information.admin.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('information.request.fields.subject')}</th>
                <th scope="col">{t('information.request.fields.status')}</th>
                <th scope="col">{t('information.request.fields.received')}</th>
                <th scope="col">{t('information.request.fields.due')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr id={`request-${r.id}`} class={r.overdue ? 'late' : undefined}>
                  <td>
                    <a href={`${base}/${r.id}`}>{r.subject}</a>
                    <br />
                    <small class="muted">{r.channel}{r.urgent && <> · {t('information.request.fields.urgent')}</>}{r.example && <> · {t('information.exampleTag')}</>}</small>
                  </td>
                  <td><StatusBadge r={r} /></td>
                  <td><bdi>{r.received}</bdi></td>
                  <td>{r.due ? <bdi>{r.due}</bdi> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}

export interface StepFormView {
  kind: StaffStep;
  state: FormState;
}

function StepFields(props: { kind: StaffStep; fileAccept: string; maxFiles: number }) {
  const { t } = usePage();
  const f = (key: string) => t(`information.admin.fields.${key}`);
  switch (props.kind) {
    case 'clarification_asked':
      return <TextField name="note" label={f('question')} multiline />;
    case 'extended':
      return <TextField name="note" label={f('extensionReason')} hint={t('information.admin.publicHint')} multiline />;
    case 'answered':
      return (
        <>
          <SelectField name="outcome" label={f('outcome')} blank={t('information.request.choose')} options={outcomes.map((o) => [o, t(`information.outcome.${o}`)])} />
          <CheckboxesField name="exceptions" label={f('exceptions')} options={exceptions.map((e) => [e, t(`information.exception.${e}`)])} />
          <TextField name="transferred_to" label={f('transferredTo')} />
          <TextField name="answer" label={f('answer')} multiline />
          <FileInput accept={props.fileAccept} max={props.maxFiles} />
          <CheckboxesField name="publish" label={f('publish')} options={[['1', t('information.admin.publishBox')]]} />
          <TextField name="private_reason" label={f('privateReason')} hint={t('information.admin.privateReasonHint')} />
        </>
      );
    case 'complaint_decided':
      return (
        <>
          <SelectField name="complaint_outcome" label={f('complaintOutcome')} blank={t('information.request.choose')} options={complaintOutcomes.map((o) => [o, t(`information.complaintOutcome.${o}`)])} />
          <TextField name="note" label={f('note')} hint={t('information.admin.publicHint')} multiline />
        </>
      );
    default:
      return <TextField name="note" label={f('note')} hint={t('information.admin.publicHint')} multiline />;
  }
}

function FileInput(props: { accept: string; max: number }) {
  const { t } = usePage();
  return (
    <div class="field">
      <label for="f-files">{t('information.admin.fields.files')}</label>
      <small class="muted">{t('information.admin.filesHint', { max: props.max })}</small>
      <input id="f-files" type="file" name="files" multiple accept={props.accept} />
    </div>
  );
}

/** An error of the file field, which the shared fields do not know. */
function FileError(props: { state: FormState }) {
  const { t } = usePage();
  const e = props.state.errors.files;
  return e ? <p class="error" role="alert">{t(e.key, e.values)}</p> : null;
}

export function AdminRequestPage(props: { place: Place; r: RequestView; forms: StepFormView[]; refused: FieldError | null; fileAccept: string; maxFiles: number }) {
  const { t } = usePage();
  const r = props.r;
  const base = `${adminBase(props.place.slug)}/${r.id}`;
  return (
    <StaffLayout place={props.place} title={r.subject} trail={[[t('information.admin.title'), adminBase(props.place.slug)]]}>
      {props.refused && <p class="error" role="alert">{t(props.refused.key, props.refused.values)}</p>}
      <RequestFacts r={r} />
      <section aria-labelledby="requester">
        <h2 id="requester">{t('information.admin.requesterTitle')}</h2>
        <p class="muted">{t('information.admin.requesterPrivate')}</p>
        {r.requester?.name ? (
          <dl class="facts">
            <dt>{t('information.desk.fields.name')}</dt>
            <dd>{r.requester.name}</dd>
            {r.requester.contact && <><dt>{t('information.desk.fields.contact')}</dt><dd>{r.requester.contact}</dd></>}
            {r.requester.email && <><dt>{t('information.desk.fields.email')}</dt><dd><bdi>{r.requester.email}</bdi></dd></>}
          </dl>
        ) : null}
        {r.requester?.account && <p>{t('information.admin.onlineRequester')}</p>}
      </section>
      <section aria-labelledby="details">
        <h2 id="details">{t('information.request.fields.details')}</h2>
        <p class="body">{r.details}</p>
      </section>
      <Answer r={r} />
      <Trail steps={r.trail} />
      {props.forms.length > 0 && (
        <section aria-labelledby="steps">
          <h2 id="steps">{t('information.admin.nextSteps')}</h2>
          {props.forms.map((s) => (
            <details open={Object.keys(s.state.errors).length > 0} id={`step-${s.kind}`}>
              <summary>{t(`information.step.${s.kind}`)}</summary>
              <Form action={`${base}/${s.kind}`} idPrefix={`${s.kind}-`} state={s.state} submit={t(`information.step.${s.kind}`)} enctype={s.kind === 'answered' ? 'multipart/form-data' : undefined}>
                <TextField name="on_date" type="date" label={t('information.admin.fields.onDate')} />
                <StepFields kind={s.kind} fileAccept={props.fileAccept} maxFiles={props.maxFiles} />
                <FileError state={s.state} />
              </Form>
            </details>
          ))}
        </section>
      )}
    </StaffLayout>
  );
}
