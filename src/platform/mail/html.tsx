// A mail's HTML part: a bare document in the reader's language and direction, no styles (mail
// clients strip them), the same shell for every module's mails.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Locale, direction } from '../i18n/i18n.ts';

export function mailHtml(locale: Locale, subject: string, body: ComponentChildren): string {
  return (
    '<!doctype html>' +
    renderToString(
      <html lang={locale} dir={direction(locale)}>
        <head>
          <meta charset="utf-8" />
          <title>{subject}</title>
        </head>
        <body>{body}</body>
      </html>,
    )
  );
}
