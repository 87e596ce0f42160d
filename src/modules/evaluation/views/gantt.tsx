// A project's activities on a timeline (Gantt), drawn as SVG on the server: one bar per
// activity from its start to its end, filled to its progress, a vertical line for today. Mirrored
// for Arabic (time runs from right to left). Presentation attributes only (the CSP forbids
// style attributes); the same data is in the table that follows it.
import type { ActivityView, ProjectView } from '../../programme/manifest.ts';
import { usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import { direction } from '../../../platform/i18n/i18n.ts';
import { formatDate } from '../../../platform/i18n/format.ts';
import { TableWrap } from './parts.tsx';

const W = 400;
const PAD = 6;
const LABEL = 86;
const HEAD = 34;
const ROW = 30;
const BAR = 14;
const DAY = 86_400_000;

const colors = { grid: '#b8c2c7', faint: '#e3e8ea', track: '#e3e8ea', planned: '#8a979e', done: '#0b6e4f', late: '#b5462f', today: '#7a3400', ink: '#1d2428' };

const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Geometry of a timeline from `from` to `to` (inclusive days), mirrored when rtl. */
export function timeScale(from: string, to: string, rtl: boolean) {
  const t0 = ms(from);
  const span = ms(to) + DAY - t0;
  const left = rtl ? PAD : LABEL + PAD;
  const right = rtl ? W - LABEL - PAD : W - PAD;
  const width = right - left;
  return {
    left,
    right,
    /** x of the start of a day (or of the day after `iso` when end is true) */
    x(iso: string, end = false): number {
      const f = Math.min(1, Math.max(0, (ms(iso) + (end ? DAY : 0) - t0) / span));
      return Math.round((rtl ? right - f * width : left + f * width) * 10) / 10;
    },
  };
}

/** Years and quarters that start inside the span, for grid lines and labels. */
function ticks(from: string, to: string) {
  const out: { iso: string; year: boolean }[] = [];
  const [y0] = from.split('-').map(Number);
  const [y1] = to.split('-').map(Number);
  for (let y = y0; y <= y1 + 1; y++) {
    for (const m of ['01', '04', '07', '10']) {
      const iso = `${y}-${m}-01`;
      if (iso > from && iso <= to) out.push({ iso, year: m === '01' });
    }
  }
  return out;
}

/** `today` is the day the line marks: today, or (`periodEnd`) the end of a past programme's period. */
export function Gantt(props: { project: ProjectView; from: string; to: string; today: string; periodEnd?: boolean }) {
  const { t, locale } = usePage();
  const rtl = locale === 'ar';
  const { project: p, from, to, today } = props;
  const s = timeScale(from, to, rtl);
  const height = HEAD + p.activities.length * ROW + PAD;
  const id = `gantt-${p.number}`;
  const [y0] = from.split('-').map(Number);
  const [y1] = to.split('-').map(Number);
  const years: { year: number; x: number }[] = [];
  for (let y = y0; y <= y1; y++) {
    const a = s.x(`${y}-01-01` < from ? from : `${y}-01-01`);
    const b = s.x(`${y}-12-31` > to ? to : `${y}-12-31`, true);
    if (Math.abs(b - a) >= 28) years.push({ year: y, x: (a + b) / 2 });
  }
  const todayX = s.x(today);
  const labelX = rtl ? W - PAD : PAD;
  const bar = (a: ActivityView, row: number) => {
    const y = HEAD + row * ROW + (ROW - BAR) / 2;
    const x0 = s.x(a.startIso);
    const x1 = s.x(a.endIso, true);
    const start = Math.min(x0, x1);
    const width = Math.max(2, Math.abs(x1 - x0));
    const filled = (width * a.progress) / 100;
    const late = a.daysLate > 0;
    return (
      <g>
        <text x={labelX} y={y + BAR - 1} font-size="14" fill={colors.ink} text-anchor="start">
          {t('evaluation.gantt.activityN', { n: a.number })}
        </text>
        <rect x={s.left} y={y} width={s.right - s.left} height={BAR} fill={colors.track} />
        <rect x={start} y={y} width={width} height={BAR} fill="#fff" stroke={late ? colors.late : colors.planned} stroke-width={late ? 2 : 1} />
        {filled > 0 && <rect x={rtl ? start + width - filled : start} y={y} width={filled} height={BAR} fill={colors.done} />}
      </g>
    );
  };
  return (
    <svg
      class="gantt"
      role="img"
      aria-labelledby={`${id}-title`}
      viewBox={`0 0 ${W} ${height}`}
      width={W}
      height={height}
      direction={direction(locale)}
      font-family="'Noto Naskh Arabic','Noto Sans Arabic','Noto Sans',Tahoma,Arial,sans-serif"
    >
      <title id={`${id}-title`}>
        {t('evaluation.gantt.title', { project: p.number, count: p.activities.length, from: formatDate(locale, from), to: formatDate(locale, to) })}
      </title>
      {ticks(from, to).map((k) => (
        <line x1={s.x(k.iso)} x2={s.x(k.iso)} y1={k.year ? 18 : HEAD - 4} y2={height - PAD} stroke={k.year ? colors.grid : colors.faint} stroke-width="1" />
      ))}
      {years.map((y) => (
        <text x={y.x} y={14} font-size="13" fill={colors.ink} text-anchor="middle">{String(y.year)}</text>
      ))}
      {p.activities.map(bar)}
      <line x1={todayX} x2={todayX} y1={HEAD - 4} y2={height - 2} stroke={colors.today} stroke-width="2" stroke-dasharray="4 2" />
      <text x={todayX} y={HEAD - 6} font-size="11" fill={colors.today} text-anchor={todayX > W / 2 ? 'end' : 'start'} direction="ltr">
        {t(props.periodEnd ? 'evaluation.gantt.periodEnd' : 'evaluation.gantt.today')}
      </text>
    </svg>
  );
}

/** The Gantt's data as a table: what screen readers, small screens and paper rely on. */
export function GanttTable(props: { project: ProjectView }) {
  const { t } = usePage();
  return (
    <TableWrap label={t('evaluation.gantt.tableCaption', { n: props.project.number })}>
      <table class="gantt-table">
        <caption class="sr-only">{t('evaluation.gantt.tableCaption', { n: props.project.number })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('programme.fields.activity')}</th>
            <th scope="col">{t('programme.fields.start_date')}</th>
            <th scope="col">{t('programme.fields.end_date')}</th>
            <th scope="col">{t('programme.fields.status')}</th>
            <th scope="col">{t('programme.fields.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {props.project.activities.map((a) => (
            <tr>
              <th scope="row">
                <a href={a.href}>{t('evaluation.gantt.activityN', { n: a.number })}</a>: <T value={a.title} />
              </th>
              <td><time datetime={a.startIso}>{a.start}</time></td>
              <td><time datetime={a.endIso}>{a.end}</time></td>
              <td>
                <span class={`status ${a.status}`}>{a.statusLabel}</span>
                {a.daysLate > 0 && <> <span class="status late">{t('programme.late', { days: a.daysLate })}</span></>}
              </td>
              <td class="num">{a.progress}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
