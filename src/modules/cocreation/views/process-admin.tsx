// Back-office pages of the participatory process: the stages of the current programme, the
// monitoring committee with its ordered members, and the committee's meetings.
import type { ComponentChildren } from 'preact';
import { CheckboxesField, Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import { memberRoles, stageKinds, stageStatuses } from '../process-schema.ts';
import { StaffLayout } from '../../../platform/ui/page.tsx';
import type { AdminPlace } from './admin.tsx';
import type { Text } from './public.tsx';

const P = 'cocreation.processAdmin';

function ProcessLayout(props: { place: AdminPlace; title: string; children: ComponentChildren; top?: boolean }) {
  const { t } = usePage();
  const base = `/admin/c/${props.place.slug}`;
  const trail: [string, string][] = [[t('cocreation.admin.title'), `${base}/cocreation`]];
  if (!props.top) trail.push([t(`${P}.title`), `${base}/process`]);
  return <StaffLayout place={props.place} title={props.title} trail={trail}>{props.children}</StaffLayout>;
}

/** A small POST form (with the CSRF token) whose button names what it acts on for screen readers. */
function SmallPost(props: { action: string; label: string; srLabel: string; disabled?: boolean }) {
  const { csrfToken } = usePage();
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <button type="submit" aria-label={props.srLabel} title={props.srLabel} disabled={props.disabled}>{props.label}</button>
    </form>
  );
}

export interface StageRowView {
  id: number;
  date: string;
  kind: string;
  title: Text;
  status: string;
}
export interface MemberRowView {
  id: number;
  name: string;
  title: Text | null;
  role: string;
  ieecag: boolean;
}
export interface MeetingRowView {
  id: number;
  date: string;
  subject: Text;
}

export function ProcessOverview(props: {
  place: AdminPlace;
  stages: StageRowView[];
  committee: { name: Text; decision: string | null } | null;
  members: MemberRowView[];
  meetings: MeetingRowView[];
}) {
  const { t, locale } = usePage();
  const base = `/admin/c/${props.place.slug}/process`;
  const actions = t('programme.admin.actions');
  return (
    <ProcessLayout place={props.place} title={t(`${P}.title`)} top>
      <p><a href={`/${locale}/c/${props.place.slug}/process`}>{t('programme.admin.viewPublic')}</a></p>

      <h2 id="stages">{t(`${P}.stages`)}</h2>
      <p><a class="button" href={`${base}/stages/new`}>{t(`${P}.newStage`)}</a></p>
      {props.stages.length === 0 ? <p class="muted">{t(`${P}.noStages`)}</p> : (
        <div class="table-wrap"><table aria-labelledby="stages">
          <thead><tr><th>{t('cocreation.admin.date')}</th><th>{t('programme.fields.title')}</th><th>{t('programme.fields.kind')}</th><th>{t('programme.fields.status')}</th><th><span class="sr-only">{actions}</span></th></tr></thead>
          <tbody>
            {props.stages.map((s) => (
              <tr>
                <td>{s.date}</td>
                <td><T value={s.title} /></td>
                <td>{t(`${P}.stageKind.${s.kind}`)}</td>
                <td><span class={`status ${s.status}`}>{t(`${P}.stageStatus.${s.status}`)}</span></td>
                <td class="actions"><a href={`${base}/stages/${s.id}`}>{t('programme.admin.edit')}</a></td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}

      <h2 id="committee">{t(`${P}.committee`)}</h2>
      {props.committee ? (
        <>
          <p><strong><T value={props.committee.name} /></strong>{props.committee.decision && <><br /><span class="muted">{props.committee.decision}</span></>}</p>
          <p><a class="button" href={`${base}/committee`}>{t(`${P}.editCommittee`)}</a></p>
          <h3 id="members">{t(`${P}.members`)}</h3>
          <p><a class="button" href={`${base}/members/new`}>{t(`${P}.newMember`)}</a></p>
          {props.members.length === 0 ? <p class="muted">{t(`${P}.noMembers`)}</p> : (
            <div class="table-wrap"><table aria-labelledby="members">
              <thead><tr><th>#</th><th>{t('cocreation.memberName')}</th><th>{t('cocreation.memberTitle')}</th><th>{t('cocreation.memberRole')}</th><th><span class="sr-only">{actions}</span></th></tr></thead>
              <tbody>
                {props.members.map((m, i) => (
                  <tr>
                    <td>{i + 1}</td>
                    <td lang="ar">{m.name}</td>
                    <td><T value={m.title} /></td>
                    <td>{t(`cocreation.role.${m.role}`)}{m.ieecag && <> · {t('cocreation.representsIeecag')}</>}</td>
                    <td class="actions">
                      <a href={`${base}/members/${m.id}`}>{t('programme.admin.edit')}</a>
                      <SmallPost action={`${base}/members/${m.id}/up`} label="↑" srLabel={t(`${P}.moveUp`, { name: m.name })} disabled={i === 0} />
                      <SmallPost action={`${base}/members/${m.id}/down`} label="↓" srLabel={t(`${P}.moveDown`, { name: m.name })} disabled={i === props.members.length - 1} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}

          <h3 id="meetings">{t(`${P}.meetings`)}</h3>
          <p><a class="button" href={`${base}/meetings/new`}>{t(`${P}.newMeeting`)}</a></p>
          {props.meetings.length === 0 ? <p class="muted">{t(`${P}.noMeetings`)}</p> : (
            <div class="table-wrap"><table aria-labelledby="meetings">
              <thead><tr><th>{t('cocreation.admin.date')}</th><th>{t(`${P}.subject`)}</th><th><span class="sr-only">{actions}</span></th></tr></thead>
              <tbody>
                {props.meetings.map((m) => (
                  <tr>
                    <td>{m.date}</td>
                    <td><T value={m.subject} /></td>
                    <td class="actions"><a href={`${base}/meetings/${m.id}`}>{t('programme.admin.edit')}</a></td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </>
      ) : (
        <>
          <p class="muted">{t(`${P}.noCommittee`)}</p>
          <p><a class="button" href={`${base}/committee`}>{t(`${P}.createCommittee`)}</a></p>
        </>
      )}
    </ProcessLayout>
  );
}

function FormPage(props: { place: AdminPlace; title: string; action: string; state: FormState; deleteAction?: string; deleteLabel?: string; children: ComponentChildren; formError?: string }) {
  const { t } = usePage();
  return (
    <ProcessLayout place={props.place} title={props.title}>
      {props.formError && <p class="error" role="alert">{props.formError}</p>}
      <Form action={props.action} state={props.state} submit={t('programme.admin.save')}>
        {props.children}
      </Form>
      {props.deleteAction && (
        <p class="actions">
          <PostButton action={props.deleteAction} label={props.deleteLabel ?? t('programme.admin.delete')} danger />
        </p>
      )}
    </ProcessLayout>
  );
}

/** The message of an error that belongs to no field (e.g. "the committee does not exist yet"). */
function formError(state: FormState, t: (key: string) => string) {
  const e = state.errors._;
  return e ? t(e.key) : undefined;
}

export function StageFormPage(props: { place: AdminPlace; title: string; action: string; state: FormState; deleteAction?: string }) {
  const { t } = usePage();
  return (
    <FormPage {...props} formError={formError(props.state, t)}>
      <SelectField name="kind" label={t('programme.fields.kind')} options={stageKinds.map((k) => [k, t(`${P}.stageKind.${k}`)])} />
      <L10nField name="title" label={t('programme.fields.title')} />
      <L10nField name="description" label={t(`${P}.description`)} multiline />
      <TextField name="starts_on" label={t(`${P}.startsOn`)} type="date" />
      <CheckboxesField name="month_only" label={t(`${P}.precision`)} options={[['1', t(`${P}.monthOnly`)]]} />
      <TextField name="ends_on" label={t(`${P}.endsOn`)} type="date" hint={t(`${P}.endsOnHint`)} />
      <SelectField name="status" label={t('programme.fields.status')} options={stageStatuses.map((s) => [s, t(`${P}.stageStatus.${s}`)])} />
      <TextField name="document_url" label={t(`${P}.documentUrl`)} hint={t(`${P}.documentUrlHint`)} />
    </FormPage>
  );
}

export function CommitteeFormPage(props: { place: AdminPlace; title: string; action: string; state: FormState }) {
  const { t } = usePage();
  return (
    <FormPage {...props} formError={formError(props.state, t)}>
      <L10nField name="name" label={t('programme.fields.name')} />
      <TextField name="decision_number" label={t(`${P}.decisionNumber`)} />
      <TextField name="decision_date" label={t(`${P}.decisionDate`)} type="date" />
      <L10nField name="decision_text" label={t(`${P}.decisionText`)} multiline />
    </FormPage>
  );
}

export function MemberFormPage(props: { place: AdminPlace; title: string; action: string; state: FormState; deleteAction?: string }) {
  const { t } = usePage();
  return (
    <FormPage {...props} deleteLabel={t(`${P}.removeMember`)} formError={formError(props.state, t)}>
      <TextField name="name" label={t('cocreation.memberName')} />
      <L10nField name="title" label={t('cocreation.memberTitle')} />
      <SelectField name="role" label={t('cocreation.memberRole')} options={memberRoles.map((r) => [r, t(`cocreation.role.${r}`)])} />
      <CheckboxesField name="represents_ieecag" label={t(`${P}.ieecag`)} options={[['1', t('cocreation.representsIeecag')]]} />
    </FormPage>
  );
}

export function MeetingFormPage(props: { place: AdminPlace; title: string; action: string; state: FormState; deleteAction?: string }) {
  const { t } = usePage();
  return (
    <FormPage {...props} formError={formError(props.state, t)}>
      <TextField name="held_on" label={t('cocreation.admin.date')} type="date" />
      <L10nField name="subject" label={t(`${P}.subject`)} />
      <L10nField name="minutes" label={t(`${P}.minutes`)} multiline />
    </FormPage>
  );
}
