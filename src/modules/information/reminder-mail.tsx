// The deadline reminder to a collectivity's person in charge of access to information (or its
// focal points when none is named), in the recipient's language. One mail per sweep and
// collectivity lists every request it reminds of: for each, its number and subject, which deadline
// runs (the answer's or the complaint decision's), its date, the working days left and the
// request's page in the back office. Plain text and the same words as simple HTML.
import { formatDate } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import type { OutgoingMail } from '../../platform/mail/index.ts';
import { pick } from '../../platform/tenancy.ts';
import { mailHtml } from '../../platform/mail/html.tsx';

export interface ReminderMailSettings {
  /** links are absolute */
  baseUrl: string;
}

export interface RemindedRequest {
  id: number;
  subject: string;
  /** the answer's deadline, or the head's decision on a complaint */
  deadline: 'answer' | 'complaint';
  dueOn: string;
  workingDaysLeft: number;
}

export interface Reminder {
  collectivity: { id: number; slug: string; name: { ar: string; fr: string | null; en: string | null } };
  requests: RemindedRequest[];
  /** no person in charge is named: the mail goes to the focal points, and says so */
  toFocalPoints: boolean;
}

export function reminderMail(settings: ReminderMailSettings, r: Reminder, to: { email: string; locale: string }): OutgoingMail {
  const locale: Locale = isLocale(to.locale) ? to.locale : 'ar';
  const t = translator(locale);
  const k = (key: string, values?: Record<string, string | number>) => t(`information.reminder.${key}`, values);
  const items = r.requests.map((q) => {
    const values = { subject: q.subject, number: String(q.id), date: formatDate(locale, q.dueOn), days: q.workingDaysLeft };
    return {
      values,
      deadline: q.deadline,
      lines: [k(`${q.deadline}.intro`, values), k('daysLeft', values)],
      page: `${settings.baseUrl}/admin/c/${r.collectivity.slug}/information/${q.id}?lang=${locale}`,
    };
  });
  const first = items[0]!;
  const subject = items.length === 1 ? k(`${first.deadline}.subject`, first.values) : k('several', { count: items.length });
  const notes = r.toFocalPoints ? [k('noOfficer')] : [];
  const signature = pick(r.collectivity.name, locale).text;
  const text = [...items.map((i) => [...i.lines, `${k('open')}:\n${i.page}`].join('\n')), ...notes, `— ${signature}`].join('\n\n');
  const html = mailHtml(
    locale,
    subject,
    <>
      {items.map((i) => (
        <p>
          {i.lines.map((line) => <>{line}<br /></>)}
          <a href={i.page}>{k('open')}</a>
        </p>
      ))}
      {notes.map((n) => <p>{n}</p>)}
      <p>— {signature}</p>
    </>,
  );
  return { to: to.email, subject, text, html, collectivityId: r.collectivity.id };
}
