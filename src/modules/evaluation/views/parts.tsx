// Pieces shared by the dashboard and the report: texts kept in three languages, indicators
// against their targets, the report's body (a published snapshot or a draft's preview).
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { formatDate, formatNumber } from '../../../platform/i18n/format.ts';
import { pick } from '../../../platform/tenancy.ts';
import { usePage } from '../../../platform/ui/page.tsx';
import { ProgressBar, T } from '../../../platform/ui/parts.tsx';
import { FiguresFacts } from '../../information/manifest.ts';
import type { IndicatorReading, L10n, ReportContent } from '../model.ts';

/** A three-language text in the page's language (or its fallback, marked with its language). */
export function L(props: { value: L10n | null | undefined }) {
  const { locale } = usePage();
  if (!props.value) return null;
  return <T value={pick(props.value, locale)} />;
}

/** A table that may scroll sideways on a phone: a named region reachable with the keyboard. */
export function TableWrap(props: { label: string; children: ComponentChildren }) {
  return <div class="table-wrap" role="region" aria-label={props.label} tabindex={0}>{props.children}</div>;
}

const num = (locale: Locale, n: number | null | undefined) => (n === null || n === undefined ? '—' : formatNumber(locale, n));

/** A value with its unit when the unit is a symbol ("%"). A unit in words ("عدد", "budgets")
 *  cannot follow a number in Arabic without a plural form for it: the indicator's statement
 *  already says what is counted. */
function Valued(props: { value: number | null | undefined; unit: L10n | null }) {
  const { locale } = usePage();
  if (props.value === null || props.value === undefined) return <>—</>;
  const symbol = props.unit && [props.unit.ar, props.unit.fr, props.unit.en].every((u) => !u || u.trim().length <= 2) ? props.unit : null;
  return <bdi>{formatNumber(locale, props.value)}{symbol && <> <L value={symbol} /></>}</bdi>;
}

export function IndicatorTable(props: { readings: IndicatorReading[]; caption: string }) {
  const { t, locale } = usePage();
  if (props.readings.length === 0) return <p class="muted">{t('evaluation.indicators.none')}</p>;
  return (
    <TableWrap label={props.caption}>
      <table class="indicators">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluation.indicators.indicator')}</th>
            <th scope="col">{t('programme.fields.baseline')}</th>
            <th scope="col">{t('evaluation.indicators.latest')}</th>
            <th scope="col">{t('programme.fields.target')}</th>
            <th scope="col">{t('evaluation.indicators.state')}</th>
          </tr>
        </thead>
        <tbody>
          {props.readings.map((i) => (
            <tr>
              <th scope="row">
                <small class="muted">{t('programme.projectN', { n: i.project })} · {t(`evaluation.indicators.kind.${i.kind}`)}</small>
                <br />
                <L value={i.statement} />
              </th>
              <td class="num"><Valued value={i.baseline} unit={i.unit} /></td>
              <td class="num">
                <Valued value={i.latest?.value} unit={i.unit} />
                {i.latest && <><br /><small class="muted"><time datetime={i.latest.date}>{formatDate(locale, i.latest.date)}</time></small></>}
              </td>
              <td class="num">
                <Valued value={i.target?.value} unit={i.unit} />
                {i.target?.date && <><br /><small class="muted"><time datetime={i.target.date}>{formatDate(locale, i.target.date)}</time></small></>}
              </td>
              <td><span class={`status ${i.state === 'reached' ? 'done' : i.state === 'behind' ? 'late' : ''}`}>{t(`evaluation.indicators.states.${i.state}`)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The report's content in the page's language. The same for a published version and a draft. */
export function ReportBody(props: { content: ReportContent; activityHref?: (id: number) => string }) {
  const { t, locale } = usePage();
  const c = props.content;
  const d = (iso: string) => <time datetime={iso}>{formatDate(locale, iso)}</time>;
  return (
    <div class="report">
      <p class="muted">
        {t('evaluation.report.situationOn')} {d(c.asOf)}
      </p>
      <section aria-labelledby="r-summary">
        <h2 id="r-summary">{t('evaluation.report.summary')}</h2>
        <p>{t('programme.overallProgress')}: <ProgressBar value={c.progress} label={t('programme.overallProgress')} /></p>
        <ul class="figures">
          <li>{t('evaluation.report.activities', { count: c.counts.activities })}</li>
          <li>{t('evaluation.report.due', { count: c.counts.dueByAsOf })}</li>
          <li>{t('evaluation.report.done', { count: c.counts.done })}</li>
          <li>{t('evaluation.report.late', { count: c.counts.late })}</li>
        </ul>
      </section>

      <section aria-labelledby="r-progress">
        <h2 id="r-progress">{t('evaluation.report.progress')}</h2>
        <TableWrap label={t('evaluation.report.progress')}>
          <table>
            <caption class="sr-only">{t('evaluation.report.progress')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('evaluation.report.axisProject')}</th>
                <th scope="col">{t('programme.progress')}</th>
                <th scope="col">{t('evaluation.report.doneOf')}</th>
                <th scope="col">{t('evaluation.report.lateShort')}</th>
              </tr>
            </thead>
            <tbody>
              {c.axes.map((axis) => (
                <>
                  <tr class="axis-row">
                    <th scope="row">{t('programme.axisN', { n: axis.number })}: <L value={axis.title} /></th>
                    <td class="num">{axis.progress === null ? '—' : `${axis.progress}%`}</td>
                    <td class="num">{formatNumber(locale, axis.projects.reduce((n, p) => n + p.done, 0))} / {formatNumber(locale, axis.projects.reduce((n, p) => n + p.activities, 0))}</td>
                    <td class="num">{formatNumber(locale, axis.projects.reduce((n, p) => n + p.late, 0))}</td>
                  </tr>
                  {axis.projects.map((p) => (
                    <tr>
                      <th scope="row" class="sub">{t('programme.projectN', { n: p.number })}: <L value={p.title} /></th>
                      <td class="num">{p.progress === null ? '—' : `${p.progress}%`}</td>
                      <td class="num">{formatNumber(locale, p.done)} / {formatNumber(locale, p.activities)}</td>
                      <td class="num">{formatNumber(locale, p.late)}</td>
                    </tr>
                  ))}
                </>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="r-late">
        <h2 id="r-late">{t('evaluation.report.lateItems', { count: c.late.length })}</h2>
        {c.late.length === 0 ? <p>{t('evaluation.report.noLate')}</p> : (
          <ol class="late-items">
            {c.late.map((a) => (
              <li>
                <p>
                  <strong>
                    {t('programme.projectN', { n: a.project })} · {t('programme.activityN', { n: a.number })}:{' '}
                    {props.activityHref ? <a href={props.activityHref(a.activityId)}><L value={a.title} /></a> : <L value={a.title} />}
                  </strong>
                  <br />
                  <span class="status late">{t('programme.late', { days: a.daysLate })}</span>{' '}
                  <small class="muted">{t('programme.fields.end_date')}: {d(a.end)} · {t(`programme.status.${a.status}`)} · {a.progress}%</small>
                </p>
                <p class="reason">
                  <strong>{t('evaluation.report.reason')}:</strong>{' '}
                  {a.reason ? <span class="body"><L value={a.reason} /></span> : <span class="muted">{t('evaluation.report.noReason')}</span>}
                  {a.reasonSource === 'note' && <small class="muted"> ({t('evaluation.report.fromNote')})</small>}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="r-indicators">
        <h2 id="r-indicators">{t('evaluation.indicators.title')}</h2>
        <IndicatorTable readings={c.indicators} caption={t('evaluation.indicators.title')} />
      </section>

      <section aria-labelledby="r-participation">
        <h2 id="r-participation">{t('evaluation.report.participation', { year: String(c.year) })}</h2>
        {c.participation.events.length === 0 ? <p>{t('evaluation.report.noEvents', { year: String(c.year) })}</p> : (
          <TableWrap label={t('evaluation.report.participation', { year: String(c.year) })}>
            <table>
              <caption class="sr-only">{t('evaluation.report.participation', { year: String(c.year) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.report.event')}</th>
                  <th scope="col">{t('evaluation.report.attendance')}</th>
                  <th scope="col">{t('evaluation.report.women')}</th>
                  <th scope="col">{t('evaluation.report.proposals')}</th>
                </tr>
              </thead>
              <tbody>
                {c.participation.events.map((e) => (
                  <tr>
                    <th scope="row"><L value={e.title} /><br /><small class="muted">{d(e.date)}</small></th>
                    <td class="num">{num(locale, e.attendance)}</td>
                    <td class="num">{num(locale, e.women)}</td>
                    <td class="num">{num(locale, e.proposals)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('evaluation.report.total', { count: c.participation.totals.events })}</th>
                  <td class="num">{num(locale, c.participation.totals.attendance)}</td>
                  <td class="num">{num(locale, c.participation.totals.women)}</td>
                  <td class="num">{num(locale, c.participation.totals.proposals)}</td>
                </tr>
              </tfoot>
            </table>
          </TableWrap>
        )}
        <p>
          {t('evaluation.report.programmeProposals', {
            total: c.participation.programmeProposals.total,
            online: c.participation.programmeProposals.online,
            workshop: c.participation.programmeProposals.workshop,
            other: c.participation.programmeProposals.other,
          })}
        </p>
      </section>

      {c.information && (
        <section aria-labelledby="r-information">
          <h2 id="r-information">{t('information.figures.reportTitle')}</h2>
          <FiguresFacts figures={c.information} />
          <p class="muted">{t('information.figures.onTimeRule')}</p>
        </section>
      )}

      <section aria-labelledby="r-notes">
        <h2 id="r-notes">{t('evaluation.report.notes')}</h2>
        {c.notes ? <p class="body"><L value={c.notes} /></p> : <p class="muted">{t('evaluation.report.noNotes')}</p>}
      </section>
    </div>
  );
}
