// Back-office pages of the co-creation: events with attendance, proposals collected at a
// workshop, and the answer to a proposal.
import type { ComponentChildren } from 'preact';
import { CheckboxesField, Form, type FormState, L10nField, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import { WORKSHOP_ROWS, answerStatuses, eventKinds } from '../schema.ts';
import type { Text } from './public.tsx';

export interface AdminPlace {
  slug: string;
  name: Text;
}


function CoLayout(props: { place: AdminPlace; title: string; children: ComponentChildren; top?: boolean }) {
  const { t } = usePage();
  const trail: [string, string][] = props.top ? [] : [[t('cocreation.admin.title'), `/admin/c/${props.place.slug}/cocreation`]];
  return <StaffLayout place={props.place} title={props.title} trail={trail}>{props.children}</StaffLayout>;
}

export function CocreationOverview(props: {
  place: AdminPlace;
  calls: { id: number; title: Text; window: string }[];
  events: { id: number; date: string; title: Text; kind: string; proposals: number }[];
  proposals: { id: number; title: string; lang: string; status: string; channel: string; axis: number }[];
  pager: { firstHref: string | null; nextHref: string | null };
  status: string;
  canEdit: boolean;
  canModerate: boolean;
}) {
  const { t } = usePage();
  const base = `/admin/c/${props.place.slug}`;
  return (
    <CoLayout place={props.place} title={t('cocreation.admin.title')} top>
      <p class="actions">
        {props.canModerate && <a href={`${base}/moderation`}>{t('cocreation.comments.moderation')}</a>}
        {props.canEdit && <a href={`${base}/consultation`}>{t('cocreation.consultation.admin.manage')}</a>}
        {props.canEdit && <a href={`${base}/process`}>{t('cocreation.processAdmin.manage')}</a>}
      </p>
      {props.canEdit && <EditorSections base={base} calls={props.calls} events={props.events} />}
      <h2>{t('cocreation.proposalsTitle')}</h2>
      <form method="get" class="filters">
        <div class="field">
          <label for="status">{t('programme.fields.status')}</label>
          <select id="status" name="status">
            <option value="">{t('cocreation.all')}</option>
            {['submitted', 'under_review', 'retained', 'merged', 'not_retained', 'withdrawn'].map((s) => <option value={s} selected={s === props.status}>{t(`cocreation.status.${s}`)}</option>)}
          </select>
        </div>
        <p class="actions"><button type="submit">{t('cocreation.filter')}</button></p>
      </form>
      <div class="table-wrap"><table>
        <thead><tr><th>#</th><th>{t('programme.fields.title')}</th><th>{t('programme.fields.axis')}</th><th>{t('cocreation.channelsLabel')}</th><th>{t('programme.fields.status')}</th><th><span class="sr-only">{t('programme.admin.actions')}</span></th></tr></thead>
        <tbody>
          {props.proposals.map((p) => (
            <tr>
              <td>{p.id}</td>
              <td lang={p.lang}>{p.title}</td>
              <td>{p.axis}</td>
              <td>{t(`cocreation.channel.${p.channel}`)}</td>
              <td>{t(`cocreation.status.${p.status}`)}</td>
              <td><a href={`${base}/proposals/${p.id}`}>{t('cocreation.admin.answer')}</a></td>
            </tr>
          ))}
        </tbody>
      </table></div>
      <Pager {...props.pager} />
    </CoLayout>
  );
}

/** Calls for proposals and workshops: run by the focal point and the administrators. */
function EditorSections(props: { base: string; calls: { id: number; title: Text; window: string }[]; events: { id: number; date: string; title: Text; kind: string; proposals: number }[] }) {
  const { t } = usePage();
  const base = props.base;
  return (
    <>
      <h2>{t('cocreation.calls')}</h2>
      <p><a class="button" href={`${base}/calls/new`}>{t('cocreation.admin.newCall')}</a></p>
      <ul>
        {props.calls.map((c) => (
          <li><a href={`${base}/calls/${c.id}`}><T value={c.title} /></a> <small class="muted">{c.window}</small></li>
        ))}
      </ul>
      <h2>{t('cocreation.events')}</h2>
      <p><a class="button" href={`${base}/events/new`}>{t('cocreation.admin.newEvent')}</a></p>
      <div class="table-wrap"><table>
        <thead><tr><th>{t('cocreation.admin.date')}</th><th>{t('cocreation.event')}</th><th>{t('cocreation.proposalsHeader')}</th><th><span class="sr-only">{t('programme.admin.actions')}</span></th></tr></thead>
        <tbody>
          {props.events.map((e) => (
            <tr>
              <td>{e.date}</td>
              <td><T value={e.title} /> <small class="muted">({t(`cocreation.eventKind.${e.kind}`)})</small></td>
              <td>{e.proposals}</td>
              <td class="actions">
                <a href={`${base}/events/${e.id}`}>{t('programme.admin.edit')}</a>
                <a href={`${base}/events/${e.id}/proposals`}>{t('cocreation.admin.addProposals')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </>
  );
}

export function EventFormPage(props: { place: AdminPlace; title: string; action: string; state: FormState }) {
  const { t } = usePage();
  return (
    <CoLayout place={props.place} title={props.title}>
      <Form action={props.action} state={props.state} submit={t('programme.admin.save')}>
        <SelectField name="kind" label={t('programme.fields.kind')} options={eventKinds.map((k) => [k, t(`cocreation.eventKind.${k}`)])} />
        <TextField name="held_on" label={t('cocreation.admin.date')} type="date" />
        <L10nField name="title" label={t('programme.fields.title')} />
        <L10nField name="place" label={t('cocreation.admin.place')} />
        <fieldset>
          <legend>{t('cocreation.admin.attendance')}</legend>
          <TextField name="attendance_total" label={t('cocreation.total')} type="number" />
          <TextField name="attendance_women" label={t('cocreation.womenHeader')} type="number" />
          <TextField name="attendance_ieecag" label={t('cocreation.ieecagHeader')} type="number" />
          <TextField name="associations_represented" label={t('cocreation.admin.associations')} type="number" />
        </fieldset>
      </Form>
    </CoLayout>
  );
}

export function WorkshopProposalsPage(props: { place: AdminPlace; event: Text; action: string; state: FormState; axes: [string, string][] }) {
  const { t } = usePage();
  return (
    <CoLayout place={props.place} title={t('cocreation.admin.addProposals')}>
      <p><T value={props.event} /></p>
      <p class="muted">{t('cocreation.admin.bulkHint')}</p>
      <Form action={props.action} state={props.state} submit={t('programme.admin.save')}>
        {Array.from({ length: WORKSHOP_ROWS }, (_, i) => (
          <fieldset>
            <legend>{t('cocreation.admin.proposalN', { n: i + 1 })}</legend>
            <TextField name={`title_${i}`} label={t('programme.fields.title')} />
            <TextField name={`body_${i}`} label={t('cocreation.admin.text')} multiline />
            <SelectField name={`axis_${i}`} label={t('programme.fields.axis')} options={props.axes} blank="—" />
          </fieldset>
        ))}
      </Form>
    </CoLayout>
  );
}

export function AnswerPage(props: {
  place: AdminPlace;
  proposal: { id: number; title: string; body: string; lang: string; status: string };
  action: string;
  state: FormState;
  projects: [string, string][];
  activities: [string, string][];
}) {
  const { t } = usePage();
  const p = props.proposal;
  return (
    <CoLayout place={props.place} title={t('cocreation.admin.answer')}>
      <article class="card">
        <div><div class="label">{t('programme.fields.title')}</div><div class="value" lang={p.lang}>{p.title}</div></div>
        <div><div class="label">{t('cocreation.admin.text')}</div><div class="value" lang={p.lang}>{p.body}</div></div>
        <div><div class="label">{t('programme.fields.status')}</div><div class="value">{t(`cocreation.status.${p.status}`)}</div></div>
      </article>
      <Form action={props.action} state={props.state} submit={t('cocreation.admin.publishAnswer')}>
        <SelectField name="status" label={t('programme.fields.status')} options={answerStatuses.map((s) => [s, t(`cocreation.status.${s}`)])} />
        <L10nField name="answer" label={t('cocreation.admin.publicAnswer')} multiline />
        <SelectField name="project_id" label={t('cocreation.admin.fedProject')} options={props.projects} blank="—" />
        <SelectField name="activity_id" label={t('cocreation.admin.fedActivity')} options={props.activities} blank="—" />
        <TextField name="merged_into_id" label={t('cocreation.admin.mergedInto')} type="number" />
      </Form>
    </CoLayout>
  );
}

export function CallFormPage(props: { place: AdminPlace; title: string; action: string; state: FormState }) {
  const { t } = usePage();
  return (
    <CoLayout place={props.place} title={props.title}>
      <Form action={props.action} state={props.state} submit={t('programme.admin.save')}>
        <L10nField name="title" label={t('programme.fields.title')} />
        <L10nField name="body" label={t('cocreation.admin.noticeText')} multiline />
        <TextField name="opens_local" label={t('cocreation.admin.opens')} type="datetime-local" hint={t('cocreation.admin.casablancaTime')} />
        <TextField name="closes_local" label={t('cocreation.admin.closes')} type="datetime-local" hint={t('cocreation.admin.casablancaTime')} />
        <CheckboxesField name="channels" label={t('cocreation.channelsLabel')} options={['online', 'workshop', 'other'].map((c) => [c, t(`cocreation.channel.${c}`)])} />
      </Form>
    </CoLayout>
  );
}
