// The public history of a project or an activity: when, under which role, field by field.
import type { Change, HistoryEntry, LoggedValue } from '../../../platform/audit.ts';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.ts';
import { direction } from '../../../platform/i18n/i18n.ts';
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

function Value(props: { entity: string; field: string; value: LoggedValue }) {
  const { t, locale } = usePage();
  const v = props.value;
  if (v === null || v === undefined || v === '') return <>—</>;
  if (typeof v === 'object') {
    const shown = pick({ ar: v.ar ?? null, fr: v.fr, en: v.en }, locale);
    return <>{shown.text || '—'}</>;
  }
  const codes = codeFields[`${props.entity}.${props.field}`] ?? codeFields[props.field];
  if (codes) return <>{t(`${codes}.${v}`)}</>;
  if (props.field === 'funding' && v === 'own') return <>{t('programme.funding.own')}</>;
  if (dateFields.has(props.field) && typeof v === 'string') return <>{formatDate(locale, v)}</>;
  if (props.field === 'progress') return <>{v}%</>;
  return <>{String(v)}</>;
}

function ChangeLine(props: { change: Change; entity: string; action: HistoryEntry['action'] }) {
  const { t, locale } = usePage();
  // "before → after" in the reading direction: in Arabic the arrow points left, towards "after"
  const arrow = direction(locale) === 'rtl' ? '←' : '→';
  const { field, before, after } = props.change;
  const entity = props.entity;
  return (
    <li>
      <strong>{t(`programme.fields.${field}`)}</strong>{' '}
      {props.action === 'update' ? (
        <>
          <del><bdi><Value entity={entity} field={field} value={before} /></bdi></del> {arrow} <ins><bdi><Value entity={entity} field={field} value={after} /></bdi></ins>
        </>
      ) : (
        <Value entity={entity} field={field} value={props.action === 'delete' ? before : after} />
      )}
    </li>
  );
}

/** What an added or removed item was called. */
function Named(props: { entry: HistoryEntry }) {
  const change = props.entry.changes.find((c) => ['title', 'name', 'statement'].includes(c.field));
  if (!change) return null;
  const value = props.entry.action === 'delete' ? change.before : change.after;
  return <>: «<Value entity={props.entry.entityType} field={change.field} value={value} />»</>;
}

/** `labelOf` names the changed item where the list mixes several (the matrix's history). */
function Label(props: { entry: HistoryEntry; labelOf?: (e: HistoryEntry) => { text: string; href?: string } | null }) {
  const label = props.labelOf?.(props.entry);
  if (!label) return null;
  return <>{label.href ? <a href={label.href}>{label.text}</a> : <strong>{label.text}</strong>} · </>;
}

export function History(props: { history: HistoryView; labelOf?: (e: HistoryEntry) => { text: string; href?: string } | null }) {
  const { t, locale } = usePage();
  const { entries } = props.history;
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t('programme.history.title')}</h2>
      {entries.length === 0 ? (
        <p class="muted">{t('programme.history.empty')}</p>
      ) : (
        <ol class="history">
          {entries.map((e) => (
            <li>
              <p>
                <time datetime={e.at}>{formatDateTime(locale, e.at)}</time> ·{' '}
                <Label entry={e} labelOf={props.labelOf} />
                {t(`programme.history.${e.action}`, {
                  role: e.role ?? 'system',
                  roleLabel: e.role ? t(`roles.${e.role}`) : t('programme.history.system'),
                })}
                {e.action !== 'update' && <Named entry={e} />}
              </p>
              {e.action === 'update' && (
                <ul>
                  {e.changes.map((c) => (
                    <ChangeLine change={c} entity={e.entityType} action={e.action} />
                  ))}
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
      <Pager firstHref={props.history.firstHref} nextHref={props.history.nextHref} />
    </section>
  );
}
