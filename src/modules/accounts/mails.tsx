// The account mails, in the account's language: plain text, and the same words as simple HTML.
// They hold no text typed by anyone (not even the name on the account): whoever signs up chooses
// the address a mail goes to, and must not be able to make us send their words to it.
// Links are absolute, from BASE_URL.
import { type Locale, translator } from '../../platform/i18n/i18n.ts';
import type { OutgoingMail } from '../../platform/mail/index.ts';
import { mailHtml } from '../../platform/mail/html.tsx';

export type AccountMailKind = 'verify' | 'reset' | 'alreadyRegistered' | 'unlock';

export interface AccountMailInput {
  kind: AccountMailKind;
  to: string;
  locale: Locale;
  /** the main link: verify, reset (also to unlock), or (already registered) log in */
  link: string;
  /** already registered: the "forgot password" page */
  secondLink?: string;
}

export function accountMail(input: AccountMailInput): OutgoingMail {
  const t = translator(input.locale);
  const k = (key: string, values?: Record<string, string | number>) => t(`accounts.mail.${input.kind}.${key}`, values);
  const greeting = t('accounts.mail.greetingAnonymous');
  const signature = t('accounts.mail.signature');
  const paragraphs = [k('intro')];
  const second = input.secondLink ? { text: k('second'), action: k('secondAction'), link: input.secondLink } : null;

  const text = [
    greeting,
    ...paragraphs,
    `${k('action')}:\n${input.link}`,
    ...(second ? [second.text, `${second.action}:\n${second.link}`] : []),
    k('ignore'),
    `— ${signature}`,
  ].join('\n\n');

  const html = mailHtml(
    input.locale,
    k('subject'),
    <>
      <p>{greeting}</p>
      {paragraphs.map((p) => <p>{p}</p>)}
      <p><a href={input.link}>{k('action')}</a></p>
      <p dir="ltr">{input.link}</p>
      {second && (
        <>
          <p>{second.text}</p>
          <p><a href={second.link}>{second.action}</a></p>
        </>
      )}
      <p>{k('ignore')}</p>
      <p>— {signature}</p>
    </>,
  );

  return { to: input.to, subject: k('subject'), text, html };
}
