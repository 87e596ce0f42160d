// Rows and computed values → view models for one locale.
import type { Locale, Translate } from '../../platform/i18n/i18n.ts';
import { formatDate, formatNumber } from '../../platform/i18n/format.ts';
import { pick, pickField } from '../../platform/tenancy.ts';
import type { Text } from '../programme/presenters.ts';
import type { MetricChoice } from './metrics.ts';
import type { IndicatorValues, notesOf } from './repository.ts';

export interface NoteView {
  id: number;
  dateIso: string;
  date: string;
  body: Text | null;
  progress: number | null;
  statusLabel: string | null;
  /** invented example data of the built-in demo */
  demo: boolean;
  files: { href: string; name: string; kind: string; size: string }[];
}

/** The public URL of an evidence file: content-addressed, so it can be cached for a year. */
export const evidenceHref = (slug: string, sha256: string) => `/c/${slug}/evidence/${sha256}`;

function fileSize(locale: Locale, t: Translate, bytes: number): string {
  return bytes >= 1024 * 1024
    ? t('tracking.notes.sizeMb', { size: formatNumber(locale, Math.round((bytes / 1024 / 1024) * 10) / 10) })
    : t('tracking.notes.sizeKb', { size: formatNumber(locale, Math.max(1, Math.round(bytes / 1024))) });
}

const kinds: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };

export function presentNotes(notes: NonNullable<Awaited<ReturnType<typeof notesOf>>>['items'], slug: string, locale: Locale, t: Translate): NoteView[] {
  return notes.map((n) => ({
    id: n.id,
    dateIso: n.noted_on,
    date: formatDate(locale, n.noted_on),
    body: pickField(n, 'body', locale),
    progress: n.progress,
    statusLabel: n.status ? t(`programme.status.${n.status}`) : null,
    demo: n.is_demo === 1,
    files: n.files.map((f) => ({ href: evidenceHref(slug, f.sha256), name: f.original_name, kind: kinds[f.mime] ?? f.mime, size: fileSize(locale, t, f.size) })),
  }));
}

export interface IndicatorView {
  id: number;
  kind: 'monitoring' | 'impact';
  kindLabel: string;
  statement: Text;
  unit: Text | null;
  /** a short unit the chart can put after numbers ('%') */
  chartUnit: string | undefined;
  baseline: number | null;
  targets: { dateIso: string; date: string; value: number; shown: string }[];
  series: { dateIso: string; date: string; value: number; shown: string; source: string | null; demo: boolean }[];
  latest: { date: string; shown: string } | null;
  /** what the values are computed from, when the indicator follows a metric */
  metricLabel: string | null;
}

export function presentIndicator(i: IndicatorValues, locale: Locale, t: Translate, choices: MetricChoice[]): IndicatorView {
  const unit = i.unit ? pick({ ar: i.unit.ar, fr: i.unit.fr ?? null, en: i.unit.en ?? null }, locale) : null;
  const chartUnit = unit && unit.text.trim().length <= 2 ? unit.text.trim() : undefined;
  const shown = (v: number) => (chartUnit === '%' ? `${formatNumber(locale, v)}%` : formatNumber(locale, v));
  const choice = i.metric ? choices.find((c) => c.key === i.metric) : undefined;
  const last = i.latest;
  return {
    id: i.id,
    kind: i.kind,
    kindLabel: t(`programme.indicatorKind.${i.kind}`),
    statement: pick({ ar: i.statement.ar, fr: i.statement.fr ?? null, en: i.statement.en ?? null }, locale),
    unit,
    chartUnit,
    baseline: i.baseline,
    targets: i.targets.map((p) => ({ dateIso: p.date, date: formatDate(locale, p.date), value: p.value, shown: shown(p.value) })),
    series: i.series.map((p) => ({ dateIso: p.date, date: formatDate(locale, p.date), value: p.value, shown: shown(p.value), source: p.source ?? null, demo: p.demo === true })),
    latest: last ? { date: formatDate(locale, last.date), shown: shown(last.value) } : null,
    metricLabel: choice ? t(choice.label, choice.values) : i.metric ? i.metric : null,
  };
}
