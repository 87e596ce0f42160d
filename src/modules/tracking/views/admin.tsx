// Back office of the tracking module: the activities and indicators of the current programme,
// the progress-note form (with evidence files), and an indicator's targets, measurements and
// metric binding.
import type { ComponentChildren } from 'preact';
import { Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, ProgressBar, T } from '../../../platform/ui/parts.tsx';
import { activityStatuses } from '../../programme/progress.ts';
import type { Text } from '../../programme/presenters.ts';
import { MAX_FILE_BYTES, MAX_FILES, acceptAttribute } from '../evidence.ts';
import type { IndicatorView, NoteView } from '../presenters.ts';
import { IndicatorFigure, NotesSection } from './public.tsx';

export interface AdminPlace {
  slug: string;
  name: Text;
}

function TrackingLayout(props: { place: AdminPlace; title: string; top?: boolean; children: ComponentChildren }) {
  const { t } = usePage();
  const trail: [string, string][] = props.top ? [] : [[t('tracking.admin.title'), `/admin/c/${props.place.slug}/tracking`]];
  return <StaffLayout place={props.place} title={props.title} trail={trail}>{props.children}</StaffLayout>;
}

export function TrackingOverview(props: {
  place: AdminPlace;
  activities: { id: number; label: string; title: Text; progress: number; statusLabel: string; notes: number }[];
  indicators: { id: number; project: number; statement: Text; kindLabel: string; bound: boolean }[];
  publicHref: string;
}) {
  const { t } = usePage();
  const base = `/admin/c/${props.place.slug}/tracking`;
  return (
    <TrackingLayout place={props.place} title={t('tracking.admin.title')} top>
      <p><a href={props.publicHref}>{t('tracking.admin.publicIndicators')}</a></p>
      <h2>{t('tracking.admin.activities')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('programme.fields.activity')}</th>
              <th scope="col">{t('programme.fields.progress')}</th>
              <th scope="col">{t('programme.fields.status')}</th>
              <th scope="col">{t('tracking.notes.title')}</th>
            </tr>
          </thead>
          <tbody>
            {props.activities.map((a) => (
              <tr>
                <th scope="row"><a href={`${base}/activities/${a.id}`}>{a.label}: <T value={a.title} /></a></th>
                <td><ProgressBar value={a.progress} label={t('programme.fields.progress')} /></td>
                <td>{a.statusLabel}</td>
                <td class="num">{a.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('tracking.indicators.title')}</h2>
      <ul>
        {props.indicators.map((i) => (
          <li>
            <a href={`${base}/indicators/${i.id}`}>{t('programme.projectN', { n: i.project })} · {i.kindLabel}: <T value={i.statement} /></a>
            {i.bound && <> <small class="muted">({t('tracking.admin.bound')})</small></>}
          </li>
        ))}
      </ul>
    </TrackingLayout>
  );
}

export function ActivityNotesPage(props: {
  place: AdminPlace;
  activity: { label: string; title: Text; progress: number; statusLabel: string; publicHref: string };
  action: string;
  state: FormState;
  notes: NoteView[];
  pager: { firstHref: string | null; nextHref: string | null };
}) {
  const { t } = usePage();
  const a = props.activity;
  const fileError = props.state.errors.files;
  return (
    <TrackingLayout place={props.place} title={`${a.label}: ${a.title.text}`}>
      <p>
        {t('programme.fields.progress')}: <ProgressBar value={a.progress} label={t('programme.fields.progress')} /> · {a.statusLabel} ·{' '}
        <a href={a.publicHref}>{t('tracking.admin.publicPage')}</a>
      </p>
      <h2>{t('tracking.admin.newNote')}</h2>
      <Form action={props.action} state={props.state} submit={t('tracking.admin.addNote')} enctype="multipart/form-data">
        <TextField name="noted_on" label={t('tracking.fields.noted_on')} type="date" />
        <L10nField name="body" label={t('tracking.fields.body')} multiline />
        <TextField name="progress" label={t('tracking.fields.progress')} type="number" hint={t('tracking.fields.progressHint')} />
        <SelectField
          name="status"
          label={t('tracking.fields.status')}
          blank={t('tracking.fields.statusUnchanged')}
          options={activityStatuses.map((s) => [s, t(`programme.status.${s}`)])}
        />
        <div class="field">
          <label for="f-files">{t('tracking.fields.files')}</label>
          <small class="muted" id="f-files-hint">{t('tracking.fields.filesHint', { max: MAX_FILES, size: MAX_FILE_BYTES / 1024 / 1024 })}</small>
          <input
            id="f-files"
            type="file"
            name="files"
            multiple
            accept={acceptAttribute}
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={fileError ? 'f-files-hint f-files-error' : 'f-files-hint'}
          />
          {fileError && <p class="error" id="f-files-error">{t(fileError.key, fileError.values)}</p>}
          {fileError && <small class="muted">{t('tracking.fields.filesAgain')}</small>}
        </div>
      </Form>
      <NotesSection notes={props.notes} {...props.pager} />
    </TrackingLayout>
  );
}

export function IndicatorAdminPage(props: {
  place: AdminPlace;
  indicator: IndicatorView;
  base: string;
  targets: { id: number; date: string; shown: string }[];
  measurements: { id: number; date: string; shown: string; source: Text | null; demo: boolean }[];
  measurementsPager: { firstHref: string | null; nextHref: string | null };
  /** the indicator's public page (every value) */
  publicHref: string;
  metrics: [string, string][];
  forms: { target: FormState; measurement: FormState; metric: FormState };
}) {
  const { t } = usePage();
  const i = props.indicator;
  return (
    <TrackingLayout place={props.place} title={i.statement.text}>
      <IndicatorFigure i={i} headingLevel={3} valuesHref={props.publicHref} />

      <h2>{t('tracking.admin.metric')}</h2>
      <p class="muted">{t('tracking.admin.metricHint')}</p>
      <Form action={`${props.base}/metric`} state={props.forms.metric} submit={t('programme.admin.save')}>
        <SelectField name="metric" label={t('tracking.fields.metric')} blank={t('tracking.fields.noMetric')} options={props.metrics} />
      </Form>

      <h2>{t('tracking.indicators.targets')}</h2>
      {props.targets.length > 0 && (
        <ul>
          {props.targets.map((x) => (
            <li>
              {t('tracking.indicators.targetBy', { value: x.shown, date: x.date })}{' '}
              <PostButton action={`${props.base}/targets/${x.id}/delete`} label={t('programme.admin.delete')} danger />
            </li>
          ))}
        </ul>
      )}
      <Form action={`${props.base}/targets`} state={props.forms.target} submit={t('tracking.admin.setTarget')}>
        <TextField name="target_on" label={t('tracking.fields.target_on')} type="date" />
        <TextField name="target_value" label={t('tracking.fields.value')} hint={t('tracking.fields.valueHint')} />
      </Form>

      <h2>{t('tracking.admin.measurements')}</h2>
      {i.metricLabel ? (
        <p class="muted">{t('tracking.errors.boundIndicator')}</p>
      ) : (
        <>
          {props.measurements.length > 0 && (
            <ul>
              {props.measurements.map((m) => (
                <li>
                  {m.date}: {m.shown}
                  {m.source && <> — <T value={m.source} /></>}
                  {m.demo && <> <small class="muted">({t('tracking.admin.demo')})</small></>}{' '}
                  <PostButton action={`${props.base}/measurements/${m.id}/delete`} label={t('programme.admin.delete')} danger />
                </li>
              ))}
            </ul>
          )}
          <Pager {...props.measurementsPager} />
          <Form action={`${props.base}/measurements`} state={props.forms.measurement} submit={t('tracking.admin.addMeasurement')}>
            <TextField name="measured_on" label={t('tracking.fields.measured_on')} type="date" />
            <TextField name="value" label={t('tracking.fields.value')} hint={t('tracking.fields.valueHint')} />
            <L10nField name="source" label={t('tracking.fields.source')} />
            <L10nField name="note" label={t('tracking.fields.note')} />
          </Form>
        </>
      )}
    </TrackingLayout>
  );
}
