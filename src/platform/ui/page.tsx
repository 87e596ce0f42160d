// The page context every view reads (locale, translator, who is signed in, CSRF token),
// the shared layout, and the function that renders a page to HTML.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Locale, type Translate, direction, locales } from '../i18n/i18n.ts';

export interface PageContext {
  locale: Locale;
  t: Translate;
  /** public pages: the path after the locale prefix (`/c/settat`); admin pages: the full path */
  path: string;
  area: 'public' | 'admin';
  user?: { displayName: string } | null;
  csrfToken?: string;
  flash?: string | null;
  /** the site's public address (BASE_URL, no trailing slash): links shared outside are absolute */
  origin?: string;
  /** the collectivity whose page this is, when known (cached pages): named in shared links */
  place?: { slug: string; name: string; /** invented example data: every page says so */ demo?: boolean };
  /** back-office pages: the running version and the database's last migration, in the footer */
  version?: { version: string; migration: string | null };
}

/** The page being rendered. renderToString is synchronous, so one page renders at a time and a
 *  variable is enough: cheaper than a preact context, whose hook state every component reading it
 *  would allocate on every render (hundreds per page). */
let current: PageContext | null = null;

export function usePage(): PageContext {
  if (!current) throw new Error('usePage() outside a page');
  return current;
}

const publicDir = join(import.meta.dirname, '..', '..', '..', 'public');
/** A file of public/ with its content's hash in the URL, so it can be cached for a year. */
const versioned = (file: string) => `/static/${file}?v=${createHash('sha256').update(readFileSync(join(publicDir, file))).digest('hex').slice(0, 10)}`;
export const cssHref = versioned('app.css');
export const iconHref = versioned('favicon.svg');
/** Open Graph pictures (`share.ts`): the size WhatsApp and Facebook show large. */
export const shareImageSize = { width: 1200, height: 630 };

export function localeHref(ctx: PageContext, l: Locale): string {
  if (ctx.area === 'public') return `/${l}${ctx.path}`;
  return `${ctx.path}${ctx.path.includes('?') ? '&' : '?'}lang=${l}`;
}

const localeNames: Record<Locale, string> = { ar: 'العربية', fr: 'Français', en: 'English' };
const ogLocales: Record<Locale, string> = { ar: 'ar_AR', fr: 'fr_FR', en: 'en_US' };

/** What a page says about itself to search engines and to the apps its link is shared in
 *  (WhatsApp, Facebook read Open Graph): a description, absolute language alternates, and a
 *  picture naming the collectivity (`share.ts`). */
function ShareHead(props: { title: string; description?: string }) {
  const ctx = usePage();
  const { t, locale, place } = ctx;
  const origin = ctx.origin ?? '';
  const siteName = t('layout.siteName');
  const described =
    props.description ??
    (!place
      ? t('share.siteDescription')
      : props.title === place.name
        ? t('share.placeDescription', { place: place.name })
        : t('share.pageDescription', { page: props.title, place: place.name }));
  // a shared link of the example commune says it is one, like its pages
  const description = place?.demo ? t('share.demoDescription', { description: described }) : described;
  const url = (l: Locale) => origin + localeHref(ctx, l);
  return (
    <>
      <meta name="description" content={description} />
      {locales.map((l) => <link rel="alternate" hreflang={l} href={url(l)} />)}
      <link rel="alternate" hreflang="x-default" href={url('ar')} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={place ? `${place.name} · ${siteName}` : siteName} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url(locale)} />
      <meta property="og:locale" content={ogLocales[locale]} />
      {locales.filter((l) => l !== locale).map((l) => <meta property="og:locale:alternate" content={ogLocales[l]} />)}
      <meta property="og:image" content={`${origin}${place ? `/c/${place.slug}` : ''}/share.png`} />
      <meta property="og:image:type" content="image/png" />
      <meta property="og:image:width" content={String(shareImageSize.width)} />
      <meta property="og:image:height" content={String(shareImageSize.height)} />
      <meta property="og:image:alt" content={place ? t('share.imageAlt', { place: place.name }) : t('share.siteImageAlt')} />
      <meta name="twitter:card" content="summary_large_image" />
    </>
  );
}

export function Layout(props: { title: string; description?: string; children: ComponentChildren; nav?: ComponentChildren; /** an Atom feed that follows this page */ feed?: { href: string; title: string } }) {
  const ctx = usePage();
  const { t, locale } = ctx;
  const home = ctx.area === 'admin' ? '/admin' : `/${locale}/`;
  return (
    <html lang={locale} dir={direction(locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('layout.siteName')}`}</title>
        <link rel="stylesheet" href={cssHref} />
        <link rel="icon" href={iconHref} type="image/svg+xml" />
        {ctx.area === 'public' ? <ShareHead title={props.title} description={props.description} /> : <meta name="robots" content="noindex" />}
        {props.feed && <link rel="alternate" type="application/atom+xml" href={props.feed.href} title={props.feed.title} />}
      </head>
      <body class={ctx.area}>
        <a class="skip" href="#main">{t('layout.skipToContent')}</a>
        <header class="site">
          <a class="brand" href={home}>
            {t('layout.siteName')}
            {ctx.area === 'admin' && <small> · {t('layout.backOffice')}</small>}
          </a>
          <nav class="langs" aria-label={t('layout.language')}>
            {locales.map((l) =>
              l === locale ? (
                <span aria-current="true" lang={l}>{localeNames[l]}</span>
              ) : (
                <a href={localeHref(ctx, l)} hreflang={l} lang={l}>{localeNames[l]}</a>
              ),
            )}
          </nav>
          {ctx.area === 'public' && <a class="account" href={`/${locale}/account`}>{t('layout.account')}</a>}
          {ctx.area === 'admin' && ctx.user && (
            <form method="post" action="/admin/logout" class="logout">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <span>{ctx.user.displayName}</span> <button type="submit">{t('auth.logout')}</button>
            </form>
          )}
        </header>
        {props.nav}
        <main id="main">
          {ctx.flash && <p class="flash" role="status">{ctx.flash}</p>}
          {ctx.area === 'public' && ctx.place?.demo && <p class="notice demo-place">{t('layout.demoPlace', { place: ctx.place.name })}</p>}
          {props.children}
        </main>
        <footer class="site">
          <p>{t('layout.footer')}</p>
          {ctx.area === 'admin' && ctx.user && ctx.version && (
            <p class="muted version">
              {t('layout.version', { version: ctx.version.version, migration: ctx.version.migration ?? '—' })}
            </p>
          )}
          {ctx.area === 'public' && (
            <p><a href="/api/v1/openapi.json">{t('layout.openData')}</a> · <a href="/admin">{t('layout.staffLogin')}</a></p>
          )}
        </footer>
      </body>
    </html>
  );
}

/** Breadcrumbs: a list of [label, href?] from the top down. */
export function Breadcrumbs(props: { items: [string, string?][] }) {
  const { t } = usePage();
  return (
    <nav class="crumbs" aria-label={t('layout.breadcrumbs')}>
      <ol>
        {props.items.map(([label, href]) => (
          <li>{href ? <a href={href}>{label}</a> : <span aria-current="page">{label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** The crumbs of a public page of a collectivity: the network, the collectivity, `trail`, then `here`. */
export function PlaceCrumbs(props: { place: { name: { text: string }; href: string }; trail?: [string, string][]; here: string }) {
  const { t, locale } = usePage();
  return <Breadcrumbs items={[[t('layout.network'), `/${locale}/`], [props.place.name.text, props.place.href], ...(props.trail ?? []), [props.here]]} />;
}

/** A public page of a collectivity: its crumbs (PlaceCrumbs), the title as heading, the content. */
export function PlacePage(props: { place: { name: { text: string }; href: string }; title: string; trail?: [string, string][]; children: ComponentChildren }) {
  return (
    <Layout title={props.title}>
      <PlaceCrumbs place={props.place} trail={props.trail} here={props.title} />
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

/** A back-office page of a collectivity: crumbs from the dashboard, through the collectivity's
 *  back office and `trail`, to the page, then its title. */
export function StaffLayout(props: { place: { slug: string; name: { text: string } }; title: string; trail?: [string, string][]; children: ComponentChildren }) {
  const { t } = usePage();
  const items: [string, string?][] = [[t('layout.adminDashboard'), '/admin'], [props.place.name.text, `/admin/c/${props.place.slug}`], ...(props.trail ?? []), [props.title]];
  return (
    <Layout title={props.title}>
      <Breadcrumbs items={items} />
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

export function renderPage(ctx: PageContext, page: VNode): string {
  const outer = current; // a page rendered while another renders (none today) gets its own context
  current = ctx;
  try {
    return '<!doctype html>' + renderToString(page);
  } finally {
    current = outer;
  }
}
