// The audit log page: the filters (a GET form, so a filtered view is a link), the entries with
// their changes field by field, the pager and the CSV export of what is filtered.
import type { Locale } from './i18n/i18n.ts';
import { Breadcrumbs, Layout, StaffLayout, usePage } from './ui/page.tsx';
import { Pager } from './ui/parts.tsx';

export interface AuditEntryView {
  id: number;
  at: string;
  atIso: string;
  actor: string;
  role: string | null;
  action: string;
  kind: string;
  entityId: number;
  /** on the network's page: the collectivity the entry is about */
  collectivity: { text: string; lang: Locale } | null;
  changes: { field: string; before: string; after: string }[];
  public: boolean;
  reason: string | null;
}

/** Long texts (a description) are cut on the page; the export has them whole. */
const cut = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

function Filters(props: { action: string; filters: { actor?: number | 'system'; kind?: string; from?: string; to?: string }; choices: { actors: { id: number; label: string }[]; kinds: string[] } }) {
  const { t } = usePage();
  const f = props.filters;
  return (
    <form method="get" action={props.action} class="filters">
      <label>
        {t('audit.filters.actor')}{' '}
        <select name="actor">
          <option value="">{t('audit.filters.anyone')}</option>
          <option value="system" selected={f.actor === 'system'}>{t('audit.system')}</option>
          {props.choices.actors.map((a) => <option value={String(a.id)} selected={f.actor === a.id}>{a.label}</option>)}
        </select>
      </label>{' '}
      <label>
        {t('audit.filters.kind')}{' '}
        <select name="kind">
          <option value="">{t('audit.filters.anyKind')}</option>
          {props.choices.kinds.map((k) => <option value={k} selected={f.kind === k}>{k}</option>)}
        </select>
      </label>{' '}
      <label>{t('audit.filters.from')} <input type="date" name="from" value={f.from ?? ''} /></label>{' '}
      <label>{t('audit.filters.to')} <input type="date" name="to" value={f.to ?? ''} /></label>{' '}
      <button type="submit">{t('audit.filters.apply')}</button>
    </form>
  );
}

export function AuditPage(props: {
  /** null: the network's page, across collectivities */
  place: { slug: string; name: { text: string } } | null;
  action: string;
  filters: { actor?: number | 'system'; kind?: string; from?: string; to?: string };
  choices: { actors: { id: number; label: string }[]; kinds: string[] };
  entries: AuditEntryView[];
  exportHref: string;
  firstHref: string | null;
  nextHref: string | null;
  networkHref: string | null;
}) {
  const { t } = usePage();
  const title = props.place ? t('audit.title') : t('audit.networkTitle');
  const body = (
    <>
      <p class="muted">{t('audit.intro')}</p>
      <Filters action={props.action} filters={props.filters} choices={props.choices} />
      <p>
        <a href={props.exportHref}>{t('audit.export')}</a>
        {props.networkHref && <> · <a href={props.networkHref}>{t('audit.networkTitle')}</a></>}
      </p>
      {props.entries.length === 0 ? (
        <p class="muted">{t('audit.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="audit">
            <thead>
              <tr>
                <th>{t('audit.fields.when')}</th>
                <th>{t('audit.fields.who')}</th>
                {!props.place && <th>{t('audit.fields.collectivity')}</th>}
                <th>{t('audit.fields.what')}</th>
                <th>{t('audit.fields.changes')}</th>
                <th>{t('audit.fields.public')}</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr id={`entry-${e.id}`}>
                  <td><time datetime={e.atIso}>{e.at}</time></td>
                  <td><bdi>{e.actor}</bdi>{e.role && <><br /><small>{e.role}</small></>}</td>
                  {!props.place && <td>{e.collectivity ? <span lang={e.collectivity.lang}>{e.collectivity.text}</span> : '—'}</td>}
                  <td>{e.action} · <code>{e.kind}</code> <bdi>#{e.entityId}</bdi></td>
                  <td>
                    {e.changes.length > 0 && (
                      <ul class="changes">
                        {e.changes.map((c) => (
                          <li><code>{c.field}</code>: <del><bdi>{cut(c.before) || '∅'}</bdi></del> → <ins><bdi>{cut(c.after) || '∅'}</bdi></ins></li>
                        ))}
                      </ul>
                    )}
                    {e.reason && <p><small>{t('audit.fields.reason')}: <bdi>{e.reason}</bdi></small></p>}
                  </td>
                  <td>{e.public ? t('audit.yes') : t('audit.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </>
  );
  if (props.place) return <StaffLayout place={props.place} title={title}>{body}</StaffLayout>;
  return (
    <Layout title={title}>
      <Breadcrumbs items={[[t('layout.adminDashboard'), '/admin'], [title]]} />
      <h1>{title}</h1>
      {body}
    </Layout>
  );
}
