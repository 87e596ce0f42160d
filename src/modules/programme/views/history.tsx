// The public history of a project or an activity: when, under which role, field by field.
import type { Change, HistoryEntry, LoggedValue } from '../../../platform/audit.ts';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.ts';
import { direction, type Locale, type Translate } from '../../../platform/i18n/i18n.ts';
import { pick } from '../../../platform/tenancy.ts';
import { usePage } from '../../../platform/ui/page.tsx';
import { Pager } from '../../../platform/ui/parts.tsx';

/** A page of a public history, newest first, with its pager's links. */
export interface HistoryView {
  entries: HistoryEntry[];
  firstHref: string | null;
  nextHref: string | null;
}

/** Fields whose values are codes, translated with these key prefixes (by entity where they differ). */
const codeFields: Record<string, string> = {
  status: 'programme.status',
  'programme.status': 'programme.programmeStatus',
  cost_kind: 'programme.costKind',
  funding_kind: 'programme.fundingKind',
  kind: 'programme.indicatorKind',
  'partner.kind': 'programme.partnerKind',
};
const dateFields = new Set(['start_date', 'end_date', 'adoption_date']);

/** A logged value as text in the page's language. Plain functions rather than components: a
 *  history line holds a dozen of them, and a component costs preact an instance each. */
function valueText(t: Translate, locale: Locale, entity: string, field: string, v: LoggedValue): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return pick({ ar: v.ar ?? null, fr: v.fr, en: v.en }, locale).text || '—';
  const codes = codeFields[`${entity}.${field}`] ?? codeFields[field];
  if (codes) return t(`${codes}.${v}`);
  if (field === 'funding' && v === 'own') return t('programme.funding.own');
  if (dateFields.has(field) && typeof v === 'string') return formatDate(locale, v);
  if (field === 'progress') return `${v}%`;
  return String(v);
}

function changeLine(t: Translate, locale: Locale, entry: HistoryEntry, change: Change) {
  const { field, before, after } = change;
  const value = (v: LoggedValue) => valueText(t, locale, entry.entityType, field, v);
  // "before → after" in the reading direction: in Arabic the arrow points left, towards "after"
  const arrow = direction(locale) === 'rtl' ? ' ← ' : ' → ';
  return (
    <li>
      <strong>{t(`programme.fields.${field}`)}</strong>{' '}
      {entry.action === 'update' ? (
        [<del><bdi>{value(before)}</bdi></del>, arrow, <ins><bdi>{value(after)}</bdi></ins>]
      ) : (
        value(entry.action === 'delete' ? before : after)
      )}
    </li>
  );
}

/** What an added or removed item was called: ': «…»'. */
function named(t: Translate, locale: Locale, entry: HistoryEntry): string {
  const change = entry.changes.find((c) => ['title', 'name', 'statement'].includes(c.field));
  if (!change) return '';
  return `: «${valueText(t, locale, entry.entityType, change.field, entry.action === 'delete' ? change.before : change.after)}»`;
}

/** `labelOf` names the changed item where the list mixes several (the matrix's history). */
function label(entry: HistoryEntry, labelOf?: (e: HistoryEntry) => { text: string; href?: string } | null) {
  const l = labelOf?.(entry);
  if (!l) return null;
  return [l.href ? <a href={l.href}>{l.text}</a> : <strong>{l.text}</strong>, ' · '];
}

/** A page of a history. `more`: this is a glimpse of a longer history (the matrix's latest
 *  changes), whose page is there; shown instead of the pager when there are more entries. */
export function History(props: {
  history: HistoryView;
  labelOf?: (e: HistoryEntry) => { text: string; href?: string } | null;
  title?: string;
  more?: string;
}) {
  const { t, locale } = usePage();
  const { entries } = props.history;
  return (
    <section aria-labelledby="history">
      <h2 id="history">{props.title ?? t('programme.history.title')}</h2>
      {entries.length === 0 ? (
        <p class="muted">{t('programme.history.empty')}</p>
      ) : (
        <ol class="history">
          {entries.map((e) => (
            <li>
              <p>
                <time datetime={e.at}>{formatDateTime(locale, e.at)}</time> ·{' '}
                {label(e, props.labelOf)}
                {t(`programme.history.${e.action}`, {
                  role: e.role ?? 'system',
                  roleLabel: e.role ? t(`roles.${e.role}`) : t('programme.history.system'),
                })}
                {e.action !== 'update' && named(t, locale, e)}
              </p>
              {e.action === 'update' && (
                <ul>
                  {e.changes.map((c) => changeLine(t, locale, e, c))}
                </ul>
              )}
              {e.reason && (
                <p class="reason">
                  {t('programme.history.reason')}: <bdi dir="auto">{e.reason}</bdi>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {props.more === undefined ? (
        <Pager firstHref={props.history.firstHref} nextHref={props.history.nextHref} />
      ) : (
        props.history.nextHref && <p><a href={props.more}>{t('programme.history.all')}</a></p>
      )}
    </section>
  );
}
