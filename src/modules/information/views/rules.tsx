// The network's rules and calendar for access to information (network administrator). Numbers
// and dates are isolated (<bdi>) so that they read the same in Arabic.
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { CheckboxesField, Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import { type DayCount, dayCounts, lawDefaults } from '../rules.ts';

export const rulesHref = '/admin/information/rules';
export const holidaysHref = '/admin/information/holidays';

export interface ChangeView {
  at: string;
  who: string;
  what: string;
  fields: { field: string; before: string; after: string }[];
}

function Crumbs(props: { here: string; middle?: [string, string] }) {
  const { t } = usePage();
  return <Breadcrumbs items={[[t('layout.adminDashboard'), '/admin'], ...(props.middle ? [props.middle] : []), [props.here]]} />;
}

/** "Enter next year's Islamic holidays": the years that have none yet. */
function MissingDated(props: { years: number[] }) {
  const { t } = usePage();
  if (props.years.length === 0) return null;
  return (
    <div class="notice" role="status">
      {props.years.map((year) => (
        <p>
          {t('information.rules.holidays.missing', { year: String(year) })}{' '}
          <a href={`${holidaysHref}/new?kind=dated&year=${year}`}>{t('information.rules.holidays.addDated')}</a>
        </p>
      ))}
    </div>
  );
}

export function RulesPage(props: { state: FormState; weekdays: [string, string][]; missing: number[]; changes: ChangeView[] }) {
  const { t } = usePage();
  const title = t('information.rules.title');
  const hint = (f: DayCount) => t(f === 'cdai_window_days' ? 'information.rules.defaultCalendar' : 'information.rules.default', { value: lawDefaults[f].value, article: lawDefaults[f].article });
  return (
    <Layout title={title}>
      <Crumbs here={title} />
      <h1>{title}</h1>
      <p>{t('information.rules.intro')}</p>
      <p class="notice">{t('information.rules.newOnly')}</p>
      <MissingDated years={props.missing} />
      <p><a href={holidaysHref}>{t('information.rules.holidays.title')}</a></p>
      <Form action={rulesHref} state={props.state} submit={t('information.rules.save')}>
        <fieldset>
          <legend>{t('information.rules.deadlines')}</legend>
          {dayCounts.map((f) => (
            <TextField name={f} type="number" label={t(`information.rules.fields.${f}`)} hint={hint(f)} />
          ))}
        </fieldset>
        <CheckboxesField name="weekend" label={t('information.rules.fields.weekend')} options={props.weekdays} />
        <TextField name="reminder_days" label={t('information.rules.fields.reminder_days')} hint={t('information.rules.reminderHint')} />
        <TextField name="daily_limit" type="number" label={t('information.rules.fields.daily_limit')} hint={t('information.rules.dailyLimitHint')} />
      </Form>
      <section aria-labelledby="changes">
        <h2 id="changes">{t('information.rules.changes')}</h2>
        {props.changes.length === 0 ? (
          <p class="muted">{t('information.rules.noChange')}</p>
        ) : (
          <ol class="plain">
            {props.changes.map((c) => (
              <li>
                <bdi>{c.at}</bdi> — {c.who} — {c.what}
                <ul>
                  {c.fields.map((f) => (
                    <li>{f.field}: <bdi>{f.before}</bdi> → <bdi>{f.after}</bdi></li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </Layout>
  );
}

export interface HolidayView {
  id: number;
  date: string;
  kind: 'fixed' | 'dated';
  name: { text: string; lang: Locale };
  /** "every year" or "every year from 2024" */
  recurs: string | null;
}

export function HolidaysPage(props: { year: number; holidays: HolidayView[]; missing: number[] }) {
  const { t } = usePage();
  const title = t('information.rules.holidays.title');
  return (
    <Layout title={title}>
      <Crumbs here={title} middle={[t('information.rules.title'), rulesHref]} />
      <h1>{title}</h1>
      <p>{t('information.rules.holidays.intro')}</p>
      <MissingDated years={props.missing} />
      <nav aria-label={t('information.rules.holidays.years')}>
        <p>
          <a href={`${holidaysHref}?year=${props.year - 1}`}><bdi>{props.year - 1}</bdi></a> · <strong><bdi>{props.year}</bdi></strong> ·{' '}
          <a href={`${holidaysHref}?year=${props.year + 1}`}><bdi>{props.year + 1}</bdi></a>
        </p>
      </nav>
      <p>
        <a class="button" href={`${holidaysHref}/new?kind=dated&year=${props.year}`}>{t('information.rules.holidays.addDated')}</a>{' '}
        <a class="button" href={`${holidaysHref}/new?kind=fixed`}>{t('information.rules.holidays.addFixed')}</a>
      </p>
      <h2>{t('information.rules.holidays.ofYear', { year: String(props.year) })}</h2>
      {props.holidays.length === 0 ? (
        <p class="muted">{t('information.rules.holidays.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('information.rules.holidays.date')}</th>
                <th scope="col">{t('information.rules.holidays.name')}</th>
                <th scope="col">{t('information.rules.holidays.kind')}</th>
                <th scope="col"><span class="sr-only">{t('information.rules.holidays.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {props.holidays.map((h) => (
                <tr id={`holiday-${h.id}`}>
                  <td><bdi>{h.date}</bdi></td>
                  <td><a href={`${holidaysHref}/${h.id}`}><T value={h.name} /></a></td>
                  <td>{t(`information.rules.holidays.kinds.${h.kind}`)}{h.recurs && <> · {h.recurs}</>}</td>
                  <td><PostButton action={`${holidaysHref}/${h.id}/delete`} label={t('information.rules.holidays.delete')} danger /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function HolidayFormPage(props: { title: string; action: string; state: FormState }) {
  const { t } = usePage();
  return (
    <Layout title={props.title}>
      <Crumbs here={props.title} middle={[t('information.rules.holidays.title'), holidaysHref]} />
      <h1>{props.title}</h1>
      <Form action={props.action} state={props.state} submit={t('information.rules.save')}>
        <SelectField name="kind" label={t('information.rules.holidays.kind')} blank="—" options={[['dated', t('information.rules.holidays.kinds.dated')], ['fixed', t('information.rules.holidays.kinds.fixed')]]} />
        {/* both kinds' fields: the form works without a script that would hide the other kind's */}
        <TextField name="on_date" type="date" label={t('information.rules.holidays.onDate')} hint={t('information.rules.holidays.onDateHint')} />
        <TextField name="month_day" label={t('information.rules.holidays.monthDay')} hint={t('information.rules.holidays.monthDayHint')} />
        <TextField name="from_year" type="number" label={t('information.rules.holidays.fromYear')} hint={t('information.rules.holidays.fromYearHint')} />
        <L10nField name="name" label={t('information.rules.holidays.name')} />
      </Form>
    </Layout>
  );
}
