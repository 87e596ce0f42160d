// Small shared pieces: localized text that may fall back to another language, progress bars.
import type { Locale } from '../i18n/i18n.ts';
import { direction } from '../i18n/i18n.ts';
import { usePage } from './page.tsx';

/** Text shown in the page's language, or marked with its own language when it falls back. */
export function T(props: { value: { text: string; lang: Locale } | null | undefined }) {
  const { locale } = usePage();
  if (!props.value) return null;
  const { text, lang } = props.value;
  const body = lang === 'ar' ? isolateYearRanges(text) : text;
  return lang === locale ? <>{body}</> : <span lang={lang} dir={direction(lang)}>{body}</span>;
}

const yearRange = /(\d{4}\s?[-–/]\s?\d{4})/;

/** In Arabic text a period such as "2024-2025" takes the Arabic letters' direction and shows as
 *  "2025-2024", or breaks at the dash: each one is isolated left to right and kept on one line
 *  (bdi.period in app.css), like the periods the pages write themselves (<bdi>2024–2025</bdi>).
 *  Stored text keeps what staff typed. */
function isolateYearRanges(text: string) {
  if (!yearRange.test(text)) return text;
  return text.split(yearRange).map((part, i) => (i % 2 === 1 ? <bdi dir="ltr" class="period">{part}</bdi> : part));
}

export function ProgressBar(props: { value: number | null; label: string }) {
  const { t } = usePage();
  if (props.value === null) return <span class="muted">{t('common.noProgress')}</span>;
  return (
    <span class="bar">
      <progress max={100} value={props.value} aria-label={props.label}>{props.value}%</progress>
      <span>{props.value}%</span>
    </span>
  );
}

/** Keyset pagination links: back to the first page, and on to the next one. */
export function Pager(props: { firstHref: string | null; nextHref: string | null }) {
  const { t } = usePage();
  if (!props.firstHref && !props.nextHref) return null;
  return (
    <nav class="pager" aria-label={t('layout.pages')}>
      {props.firstHref ? <a href={props.firstHref}>{t('layout.first')}</a> : <span />}
      {props.nextHref && <a href={props.nextHref} rel="next">{t('layout.next')}</a>}
    </nav>
  );
}
