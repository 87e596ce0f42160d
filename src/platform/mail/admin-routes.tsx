// GET /admin/outbox and /admin/outbox/{id}: reading the mails, which matters most when no SMTP
// server is configured (mails are then 'held'). A network administrator reads every mail; a
// focal point the mails about their collectivities; nobody else.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { collectivitiesAllowed } from '../auth/permissions.ts';
import type { CurrentUser } from '../auth/roles.ts';
import { notFound } from '../errors.ts';
import { formatDateTime } from '../i18n/format.ts';
import { translator } from '../i18n/i18n.ts';
import { pick } from '../tenancy.ts';
import { mailConfigOf } from './config.ts';
import { mailStatuses } from './outbox.ts';
import { MailPage, OutboxPage } from './views.tsx';

const PAGE = 50;

/** 'all' for a network administrator, for a focal point the collectivities they run. */
export const outboxScope = (user: CurrentUser): 'all' | number[] => collectivitiesAllowed(user, 'outbox.read');
const read = { config: { permission: 'outbox.read' } } as const;

const listQuery = z.object({
  status: z.enum(mailStatuses).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

export async function outboxRoutes(app: FastifyInstance) {
  const base = (scope: 'all' | number[]) =>
    app.db
      .selectFrom('mail_outbox as m')
      .leftJoin('collectivity as c', 'c.id', 'm.collectivity_id')
      .$if(scope !== 'all', (q) => q.where('m.collectivity_id', 'in', scope as number[]));

  const collectivityName = (r: { name_ar: string | null; name_fr: string | null; name_en: string | null }, request: FastifyRequest) =>
    r.name_ar ? pick({ ar: r.name_ar, fr: r.name_fr, en: r.name_en }, request.locale) : null;

  app.get('/admin/outbox', read, async (request, reply) => {
    const scope = outboxScope(request.user!);
    const { status, before } = listQuery.parse(request.query ?? {});
    const t = translator(request.locale);
    const rows = await base(scope)
      .select(['m.id', 'm.created_at', 'm.to_address', 'm.subject', 'm.status', 'm.attempts', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .$if(status !== undefined, (q) => q.where('m.status', '=', status!))
      .$if(before !== undefined, (q) => q.where('m.id', '<', before!))
      .orderBy('m.id', 'desc')
      .limit(PAGE + 1)
      .execute();
    const page = rows.slice(0, PAGE);
    const withStatus = (s: string | undefined) => (s ? `/admin/outbox?status=${s}` : '/admin/outbox');
    const next = rows.length > PAGE ? `${withStatus(status)}${status ? '&' : '?'}before=${page[page.length - 1].id}` : null;
    return reply.page(
      <OutboxPage
        smtpConfigured={mailConfigOf(app).smtpUrl !== null}
        filters={[
          { label: t('mail.admin.all'), href: withStatus(undefined), current: status === undefined },
          ...mailStatuses.map((s) => ({ label: t(`mail.status.${s}`), href: withStatus(s), current: status === s })),
        ]}
        items={page.map((r) => ({
          id: r.id,
          href: `/admin/outbox/${r.id}`,
          createdAt: formatDateTime(request.locale, r.created_at),
          to: r.to_address,
          subject: r.subject,
          status: r.status,
          attempts: r.attempts,
          collectivity: collectivityName(r, request),
        }))}
        nextHref={next}
      />,
    );
  });

  app.get<{ Params: { id: string } }>('/admin/outbox/:id', read, async (request, reply) => {
    const scope = outboxScope(request.user!);
    if (!/^\d{1,9}$/.test(request.params.id)) throw notFound();
    const r = await base(scope)
      .select([
        'm.to_address', 'm.subject', 'm.status', 'm.created_at', 'm.sent_at', 'm.attempts', 'm.next_attempt_at',
        'm.last_error', 'm.text_body', 'm.html_body', 'c.name_ar', 'c.name_fr', 'c.name_en',
      ])
      .where('m.id', '=', Number(request.params.id))
      .executeTakeFirst();
    if (!r) throw notFound();
    const when = (v: string | null) => (v ? formatDateTime(request.locale, v) : null);
    return reply.page(
      <MailPage
        mail={{
          to: r.to_address,
          subject: r.subject,
          status: r.status,
          createdAt: when(r.created_at)!,
          sentAt: when(r.sent_at),
          attempts: r.attempts,
          nextAttemptAt: r.status === 'pending' ? when(r.next_attempt_at) : null,
          lastError: r.last_error,
          collectivity: collectivityName(r, request),
          text: r.text_body,
          hasHtml: r.html_body !== null,
        }}
      />,
    );
  });
}
