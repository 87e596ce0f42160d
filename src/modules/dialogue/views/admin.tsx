// Back office of the meetings: the list (upcoming, then past), the form to create or edit one,
// and a meeting's page with its postpone and cancel forms.
import { CheckboxesField, Form, type FormState, L10nField, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import type { Text } from '../../programme/manifest.ts';
import { meetingLanguages } from '../schema.ts';
import { meetingKinds } from '../tables.ts';
import { type CalendarSection, type MeetingView, StatusLine, languageName } from './public.tsx';

export interface AdminPlace {
  slug: string;
  name: Text;
}

/** The current programme's items a meeting may be linked to, as checkbox options. */
export interface PlanOptions {
  axes: [string, string][];
  projects: [string, string][];
  activities: [string, string][];
}

export function MeetingsAdminPage(props: { place: AdminPlace; upcoming: CalendarSection; past: CalendarSection }) {
  const { t, locale } = usePage();
  const base = `/admin/c/${props.place.slug}/meetings`;
  const list = (id: string, title: string, s: CalendarSection) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {s.meetings.length === 0 ? <p class="muted">{t('dialogue.admin.none')}</p> : (
        <ul class="plain">
          {s.meetings.map((m) => (
            <li>
              <a href={`${base}/${m.id}`}><T value={m.title} /></a> — <bdi>{m.when}</bdi> · {t(`dialogue.kind.${m.kind}`)} · {t(`dialogue.status.${m.status}`)}
            </li>
          ))}
        </ul>
      )}
      <Pager firstHref={s.firstHref} nextHref={s.nextHref} />
    </section>
  );
  return (
    <StaffLayout place={props.place} title={t('dialogue.admin.title')}>
      <p><a class="button" href={`${base}/new`}>{t('dialogue.admin.new')}</a> · <a href={`/${locale}/c/${props.place.slug}/meetings`}>{t('dialogue.admin.publicCalendar')}</a></p>
      {list('a-upcoming', t('dialogue.upcoming'), props.upcoming)}
      {list('a-past', t('dialogue.past'), props.past)}
    </StaffLayout>
  );
}

export function MeetingFormPage(props: { place: AdminPlace; action: string; title: string; state: FormState; plan: PlanOptions; trail: [string, string][] }) {
  const { t, locale } = usePage();
  return (
    <StaffLayout place={props.place} title={props.title} trail={props.trail}>
      <Form action={props.action} state={props.state} submit={t('dialogue.admin.save')}>
        <SelectField name="kind" label={t('dialogue.fields.kind')} blank="—" options={meetingKinds.map((k) => [k, t(`dialogue.kind.${k}`)])} />
        <L10nField name="title" label={t('dialogue.fields.title')} />
        <L10nField name="description" label={t('dialogue.fields.description')} multiline />
        <fieldset>
          <legend>{t('dialogue.fields.when')}</legend>
          <p class="muted">{t('dialogue.admin.timesHint')}</p>
          <WhenFields />
        </fieldset>
        <L10nField name="place" label={t('dialogue.fields.place')} />
        <TextField name="map_url" label={t('dialogue.fields.mapUrl')} hint={t('dialogue.admin.httpsHint')} />
        <TextField name="online_url" label={t('dialogue.fields.online')} hint={t('dialogue.admin.httpsHint')} />
        <CheckboxesField name="languages" label={t('dialogue.fields.languages')} options={meetingLanguages.map((l) => [l, languageName(l, locale)])} />
        <L10nField name="organizer" label={t('dialogue.fields.organizer')} />
        <L10nField name="accessibility" label={t('dialogue.fields.accessibility')} multiline />
        <fieldset>
          <legend>{t('dialogue.agenda')}</legend>
          <p class="muted">{t('dialogue.admin.agendaHint')}</p>
          <L10nField name="agenda" label={t('dialogue.fields.agenda')} multiline />
        </fieldset>
        <fieldset>
          <legend>{t('dialogue.admin.links')}</legend>
          {props.plan.axes.length > 0 && <CheckboxesField name="axis_ids" label={t('dialogue.admin.axes')} options={props.plan.axes} />}
          {props.plan.projects.length > 0 && <CheckboxesField name="project_ids" label={t('dialogue.admin.projects')} options={props.plan.projects} />}
          {props.plan.activities.length > 0 && <CheckboxesField name="activity_ids" label={t('dialogue.admin.activities')} options={props.plan.activities} />}
          <TextField name="proposal_ids" label={t('dialogue.fields.proposals')} hint={t('dialogue.admin.proposalsHint')} />
        </fieldset>
        <fieldset>
          <legend>{t('dialogue.registrationTitle')}</legend>
          <label class="check">
            <input type="checkbox" name="registration_enabled" value="1" checked={props.state.values.registration_enabled === '1'} /> {t('dialogue.fields.registrationEnabled')}
          </label>
          <TextField name="capacity" type="number" label={t('dialogue.fields.capacity')} hint={t('dialogue.admin.capacityHint')} />
          <TextField name="registration_opens_at" type="datetime-local" label={t('dialogue.fields.opensAt')} />
          <TextField name="registration_closes_at" type="datetime-local" label={t('dialogue.fields.closesAt')} />
        </fieldset>
      </Form>
    </StaffLayout>
  );
}

function WhenFields() {
  const { t } = usePage();
  return (
    <>
      <TextField name="date" type="date" label={t('dialogue.fields.date')} />
      <TextField name="start_time" label={t('dialogue.fields.startTime')} hint="HH:MM" />
      <TextField name="duration_minutes" type="number" label={t('dialogue.fields.duration')} />
      <TextField name="end_time" label={t('dialogue.fields.endTime')} hint={t('dialogue.admin.endHint')} />
    </>
  );
}

export function MeetingAdminPage(props: {
  place: AdminPlace;
  meeting: MeetingView;
  publicHref: string;
  registrations: { confirmed: number; seats: number; waitlisted: number };
  postpone: FormState;
  cancel: FormState;
}) {
  const { t } = usePage();
  const m = props.meeting;
  const base = `/admin/c/${props.place.slug}/meetings/${m.id}`;
  const open = m.status !== 'cancelled' && m.status !== 'held';
  // a postponement or cancellation refused for the meeting's state: its form is not shown, its message is
  const refused = open ? [] : [...Object.values(props.postpone.errors), ...Object.values(props.cancel.errors)];
  return (
    <StaffLayout place={props.place} title={m.title.text} trail={[[t('dialogue.admin.title'), `/admin/c/${props.place.slug}/meetings`]]}>
      <p>
        <a href={props.publicHref}>{t('dialogue.admin.publicPage')}</a> · <a href={`${base}/edit`}>{t('dialogue.admin.edit')}</a> ·{' '}
        <a href={`${base}/registrations`}>{t('dialogue.registration.doorList.title')}</a>
        {m.status !== 'cancelled' && <> · <a href={`${base}/record`}>{t('dialogue.outcome.recordTitle')}</a></>}
      </p>
      <StatusLine m={m} />
      <p><bdi>{m.when}</bdi> · {t(`dialogue.kind.${m.kind}`)}</p>
      {m.cancelReason && <p>{t('dialogue.cancelReason')} <T value={m.cancelReason} /></p>}
      {refused.map((e) => <p class="error" role="alert">{t(e.key, e.values)}</p>)}
      <p>{t('dialogue.admin.registrations', { count: props.registrations.confirmed, seats: props.registrations.seats, waitlisted: props.registrations.waitlisted })}</p>
      {open && (
        <>
          <section aria-labelledby="a-postpone">
            <h2 id="a-postpone">{t('dialogue.admin.postpone')}</h2>
            <Form action={`${base}/postpone`} state={props.postpone} submit={t('dialogue.admin.postpone')}>
              <WhenFields />
            </Form>
          </section>
          <section aria-labelledby="a-cancel">
            <h2 id="a-cancel">{t('dialogue.admin.cancel')}</h2>
            <p class="muted">{t('dialogue.admin.cancelHint')}</p>
            <Form action={`${base}/cancel`} state={props.cancel} submit={t('dialogue.admin.cancel')}>
              <L10nField name="cancel_reason" label={t('dialogue.fields.cancelReason')} multiline />
            </Form>
          </section>
        </>
      )}
    </StaffLayout>
  );
}
