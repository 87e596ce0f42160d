// Back office of the yearly evaluation report: choose a year, review the computed draft, give
// the committee's notes and the reasons for late activities, publish.
import { formatDate, formatDateTime, todayInCasablanca } from '../../../platform/i18n/format.ts';
import { Form, type FormState, L10nField, PostButton, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import type { Text } from '../../programme/manifest.ts';
import type { ReportContent } from '../model.ts';
import type { PublishedVersion } from '../repository.ts';
import { L, ReportBody, TableWrap } from './parts.tsx';

export interface AdminPlace {
  slug: string;
  name: Text;
  /** the collectivity's public home in the page's language */
  publicHref: string;
}


export function ReportsAdminPage(props: {
  place: AdminPlace;
  period: { start: number; end: number };
  drafts: { year: number; updatedAt: string; latest: number | null; publishedAt: string | null }[];
  state: FormState;
}) {
  const { t, locale } = usePage();
  const base = `/admin/c/${props.place.slug}/reports`;
  return (
    <StaffLayout place={props.place} title={t('evaluation.admin.title')}>
      <p>{t('evaluation.admin.intro', { start: String(props.period.start), end: String(props.period.end) })}</p>
      <Form action={base} state={props.state} submit={t('evaluation.admin.start')}>
        <TextField name="year" type="number" label={t('evaluation.admin.year')} hint={t('evaluation.admin.yearHint', { start: String(props.period.start), end: String(props.period.end) })} />
      </Form>
      <h2>{t('evaluation.admin.drafts')}</h2>
      {props.drafts.length === 0 ? <p class="muted">{t('evaluation.admin.noDrafts')}</p> : (
        <TableWrap label={t('evaluation.admin.drafts')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('evaluation.admin.year')}</th>
                <th scope="col">{t('evaluation.admin.updated')}</th>
                <th scope="col">{t('evaluation.admin.published')}</th>
              </tr>
            </thead>
            <tbody>
              {props.drafts.map((d) => (
                <tr>
                  <th scope="row"><a href={`${base}/${d.year}`}>{t('evaluation.report.title', { year: String(d.year) })}</a></th>
                  <td>{formatDateTime(locale, d.updatedAt)}</td>
                  <td>
                    {d.latest === null || d.publishedAt === null ? <span class="muted">{t('evaluation.admin.notPublished')}</span> : (
                      <a href={`${props.place.publicHref}/reports/${d.year}`}>{t('evaluation.report.version', { n: d.latest, date: formatDate(locale, todayInCasablanca(new Date(d.publishedAt))) })}</a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffLayout>
  );
}

export function DraftPage(props: {
  place: AdminPlace;
  year: number;
  content: ReportContent;
  state: FormState;
  versions: PublishedVersion[];
}) {
  const { t, locale } = usePage();
  const base = `/admin/c/${props.place.slug}/reports`;
  const publicYear = `${props.place.publicHref}/reports/${props.year}`;
  return (
    <StaffLayout place={props.place} title={t('evaluation.admin.draftTitle', { year: String(props.year) })} trail={[[t('evaluation.admin.title'), base]]}>
      <p class="notice">{t('evaluation.admin.draftNotice')}</p>
      <section aria-labelledby="publish">
        <h2 id="publish">{t('evaluation.admin.publishTitle')}</h2>
        {props.versions.length === 0 ? <p>{t('evaluation.admin.neverPublished')}</p> : (
          <ul>
            {props.versions.map((v) => (
              <li>
                <a href={v.version === props.versions[0].version ? publicYear : `${publicYear}/versions/${v.version}`}>
                  {t('evaluation.report.version', { n: v.version, date: formatDate(locale, todayInCasablanca(new Date(v.publishedAt))) })}
                </a>
              </li>
            ))}
          </ul>
        )}
        <PostButton action={`${base}/${props.year}/publish`} label={props.versions.length === 0 ? t('evaluation.admin.publish') : t('evaluation.admin.republish')} />
      </section>

      <h2>{t('evaluation.admin.editTitle')}</h2>
      <Form action={`${base}/${props.year}`} state={props.state} submit={t('evaluation.admin.save')}>
        {props.state.errors.form && <p class="error" role="alert">{t(props.state.errors.form.key, props.state.errors.form.values)}</p>}
        <L10nField name="notes" label={t('evaluation.report.notes')} multiline />
        {props.content.late.length > 0 && (
          <fieldset>
            <legend>{t('evaluation.admin.reasons')}</legend>
            <p class="muted">{t('evaluation.admin.reasonsHint')}</p>
            {props.content.late.map((a) => (
              <div class="reason-field">
                <p>
                  <strong>{t('programme.projectN', { n: a.project })} · {t('programme.activityN', { n: a.number })}: <L value={a.title} /></strong>{' '}
                  <span class="status late">{t('programme.late', { days: a.daysLate })}</span>
                </p>
                <L10nField name={`reason_${a.activityId}`} label={t('evaluation.report.reason')} multiline />
              </div>
            ))}
          </fieldset>
        )}
      </Form>

      <h2>{t('evaluation.admin.preview')}</h2>
      <div class="preview">
        <ReportBody content={props.content} />
      </div>
    </StaffLayout>
  );
}
