// Back-office pages of the outbox: the list of mails, and one mail as plain text. Mail bodies
// are shown as text, never as HTML.
import { Pager } from '../ui/parts.tsx';
import type { ComponentChildren } from 'preact';
import type { Locale } from '../i18n/i18n.ts';
import { Breadcrumbs, Layout, usePage } from '../ui/page.tsx';

export interface MailListItem {
  id: number;
  href: string;
  createdAt: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  collectivity: { text: string; lang: Locale } | null;
}

export interface MailView {
  to: string;
  subject: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  collectivity: { text: string; lang: Locale } | null;
  text: string;
  hasHtml: boolean;
}

function OutboxLayout(props: { title: string; crumbs: [string, string?][]; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <Layout title={props.title}>
      <Breadcrumbs items={[[t('mail.admin.backOffice'), '/admin'], ...props.crumbs]} />
      {props.children}
    </Layout>
  );
}

function Status(props: { status: string }) {
  const { t } = usePage();
  return <span class={props.status === 'sent' ? 'status done' : 'status'}>{t(`mail.status.${props.status}`)}</span>;
}

export function OutboxPage(props: {
  items: MailListItem[];
  smtpConfigured: boolean;
  filters: { label: string; href: string; current: boolean }[];
  nextHref: string | null;
}) {
  const { t } = usePage();
  return (
    <OutboxLayout title={t('mail.admin.title')} crumbs={[[t('mail.admin.title')]]}>
      <h1>{t('mail.admin.title')}</h1>
      <p class="notice">{props.smtpConfigured ? t('mail.admin.smtpOn') : t('mail.admin.smtpOff')}</p>
      <nav aria-label={t('mail.admin.filter')}>
        <p>
          {props.filters.map((f, i) => (
            <>
              {i > 0 && ' · '}
              {f.current ? <strong aria-current="true">{f.label}</strong> : <a href={f.href}>{f.label}</a>}
            </>
          ))}
        </p>
      </nav>
      {props.items.length === 0 ? (
        <p class="muted">{t('mail.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('mail.fields.createdAt')}</th>
                <th>{t('mail.fields.to')}</th>
                <th>{t('mail.fields.subject')}</th>
                <th>{t('mail.fields.collectivity')}</th>
                <th>{t('mail.fields.status')}</th>
                <th>{t('mail.fields.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((m) => (
                <tr>
                  <td>{m.createdAt}</td>
                  <td dir="ltr">{m.to}</td>
                  <td><a href={m.href}>{m.subject}</a></td>
                  <td>{m.collectivity ? <span lang={m.collectivity.lang}>{m.collectivity.text}</span> : '—'}</td>
                  <td><Status status={m.status} /></td>
                  <td>{m.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager firstHref={null} nextHref={props.nextHref} />
    </OutboxLayout>
  );
}

export function MailPage(props: { mail: MailView }) {
  const { t } = usePage();
  const m = props.mail;
  return (
    <OutboxLayout title={m.subject} crumbs={[[t('mail.admin.title'), '/admin/outbox'], [m.subject]]}>
      <h1>{m.subject}</h1>
      <dl class="facts">
        <dt>{t('mail.fields.to')}</dt>
        <dd dir="ltr">{m.to}</dd>
        <dt>{t('mail.fields.collectivity')}</dt>
        <dd>{m.collectivity ? <span lang={m.collectivity.lang}>{m.collectivity.text}</span> : '—'}</dd>
        <dt>{t('mail.fields.status')}</dt>
        <dd><Status status={m.status} /></dd>
        <dt>{t('mail.fields.createdAt')}</dt>
        <dd>{m.createdAt}</dd>
        {m.sentAt && (
          <>
            <dt>{t('mail.fields.sentAt')}</dt>
            <dd>{m.sentAt}</dd>
          </>
        )}
        <dt>{t('mail.fields.attempts')}</dt>
        <dd>{m.attempts}</dd>
        {m.nextAttemptAt && (
          <>
            <dt>{t('mail.fields.nextAttemptAt')}</dt>
            <dd>{m.nextAttemptAt}</dd>
          </>
        )}
        {m.lastError && (
          <>
            <dt>{t('mail.fields.lastError')}</dt>
            <dd dir="ltr">{m.lastError}</dd>
          </>
        )}
      </dl>
      <h2>{t('mail.fields.body')}</h2>
      <pre class="mail-body" dir="auto">{m.text}</pre>
      {m.hasHtml && <p class="muted">{t('mail.admin.hasHtml')}</p>}
      {m.status === 'sent' && <p class="muted">{t('mail.admin.linksRedacted')}</p>}
    </OutboxLayout>
  );
}
