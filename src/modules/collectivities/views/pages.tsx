// The network home (every collectivity with its programme's progress) and a collectivity's home.
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { ProgressBar, T, Pager } from '../../../platform/ui/parts.tsx';
import type { VNode } from 'preact';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { type PublishedReport, ReportLinks } from '../../evaluation/manifest.ts';

type Text = { text: string; lang: Locale };

export interface ProgrammeCard {
  title: Text;
  period: string;
  statusLabel: string;
  progress: number | null;
  /** the progress is the demo's invented example */
  exampleProgress: boolean;
  activities: number;
}

export interface NetworkItem {
  href: string;
  name: Text;
  kind: string;
  parent: Text | null;
  /** the parent's parent (a commune's region) */
  region: Text | null;
  /** invented example data */
  demo: boolean;
  programme: ProgrammeCard | null;
}

function Programme(props: { p: ProgrammeCard | null; href?: string }) {
  const { t } = usePage();
  if (!props.p) return <p class="muted">{t('collectivities.noProgramme')}</p>;
  return (
    <>
      <p>
        {props.href ? <a href={props.href}><T value={props.p.title} /></a> : <T value={props.p.title} />}
        <br />
        <small class="muted"><bdi>{props.p.period}</bdi> · {props.p.statusLabel} · {t('collectivities.activities', { count: props.p.activities })}</small>
      </p>
      <ProgressBar value={props.p.progress} label={t('collectivities.progress')} />
      {props.p.exampleProgress && <p class="muted"><small>{t('collectivities.exampleProgress')}</small></p>}
    </>
  );
}

export function NetworkPage(props: { items: NetworkItem[]; nextHref: string | null; firstHref: string | null }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('collectivities.networkTitle')}>
      <h1>{t('collectivities.networkTitle')}</h1>
      <p>{t('collectivities.networkIntro')}</p>
      <p><a href={`/${locale}/network`}>{t('network.dashboard.title')}</a></p>
      <ul class="cards">
        {props.items.map((c) => (
          <li>
            <h2><a href={c.href}><T value={c.name} /></a></h2>
            <p class="muted">
              {t(`kinds.${c.kind}`)}
              {c.parent && <> · <T value={c.parent} /></>}
              {c.region && <> · <T value={c.region} /></>}
              {c.demo && <> · <span class="status">{t('collectivities.demo')}</span></>}
            </p>
            <Programme p={c.programme} />
          </li>
        ))}
      </ul>
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </Layout>
  );
}

export interface HappeningView {
  kind: string;
  title: Text | null;
  href: string;
  from: string;
  until: string | null;
}

function Happenings(props: { items: HappeningView[]; upcoming?: boolean }) {
  const { t } = usePage();
  return (
    <ul class="happenings">
      {props.items.map((h) => (
        <li>
          <span class={props.upcoming ? 'status' : 'status done'}>{t(`collectivities.kind.${h.kind}`)}</span>{' '}
          <a href={h.href}>{h.title ? <T value={h.title} /> : t(`collectivities.kind.${h.kind}`)}</a>
          <br />
          <small class="muted">
            {props.upcoming
              ? <>{t('collectivities.from')} <bdi>{h.from}</bdi></>
              : h.until
                ? <>{t('collectivities.until')} <bdi>{h.until}</bdi></>
                : <bdi>{h.from}</bdi>}
          </small>
        </li>
      ))}
    </ul>
  );
}

export function CollectivityPage(props: {
  name: Text;
  kind: string;
  parent: { name: Text; href: string } | null;
  programme: ProgrammeCard | null;
  programmeHref: string;
  children: { name: Text; href: string }[];
  childrenPager: { firstHref: string | null; nextHref: string | null };
  /** published yearly evaluation reports (evaluation module), newest first */
  reports?: PublishedReport[];
  /** open now, and coming (computed from the records at the moment of the request) */
  open: HappeningView[];
  upcoming: HappeningView[];
  /** /{locale}/c/{slug} */
  base: string;
  /** a region's or province's communes' figures (network module) */
  networkBlock?: VNode | null;
}) {
  const { t, locale } = usePage();
  const base = props.base;
  const links: [string, string][] = [
    [`${base}/programme`, t('collectivities.links.programme')],
    [`${base}/process`, t('collectivities.links.process')],
    [`${base}/proposals`, t('collectivities.links.proposals')],
    [`${base}/participation`, t('collectivities.links.participation')],
    [`${base}/budgets`, t('budget.title')],
    [`${base}/meetings`, t('dialogue.title')],
    [`${base}/ieecag`, t('ieecag.space.title')],
    [`${base}/services`, t('services.title')],
    [`${base}/surveys`, t('surveys.title')],
    [`${base}/information`, t('information.title')],
    [`${base}/dashboard`, t('evaluation.links.dashboard')],
    [`${base}/announcements`, t('collectivities.announcements')],
  ];
  return (
    <Layout title={props.name.text} feed={{ href: `${base}/announcements.atom`, title: `${props.name.text} — ${t('collectivities.announcements')}` }}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.name.text]]} />
      <h1><T value={props.name} /></h1>
      <p class="muted">
        {t(`kinds.${props.kind}`)}
        {props.parent && <> · <a href={props.parent.href}><T value={props.parent.name} /></a></>}
      </p>
      <section aria-labelledby="open-now">
        <h2 id="open-now">{t('collectivities.openNow')}</h2>
        {props.open.length > 0 ? <Happenings items={props.open} /> : <p class="muted">{t('collectivities.nothingOpen')}</p>}
        {props.upcoming.length > 0 && (
          <>
            <h3>{t('collectivities.comingSoon')}</h3>
            <Happenings items={props.upcoming} upcoming />
          </>
        )}
      </section>
      <section aria-labelledby="programme">
        <h2 id="programme">{t('collectivities.currentProgramme')}</h2>
        <Programme p={props.programme} href={props.programme ? props.programmeHref : undefined} />
        {props.programme && (
          <p><a class="button" href={props.programmeHref}>{t('collectivities.seeMatrix')}</a></p>
        )}
      </section>
      <nav aria-labelledby="explore">
        <h2 id="explore">{t('collectivities.explore')}</h2>
        <ul class="links">
          {links.map(([href, label]) => <li><a href={href}>{label}</a></li>)}
          <li><a href={`${base}/announcements.atom`} type="application/atom+xml">{t('collectivities.feed')}</a></li>
        </ul>
      </nav>
      {props.reports && props.reports.length > 0 && (
        <section aria-labelledby="reports">
          <h2 id="reports">{t('evaluation.home.reports')}</h2>
          <ReportLinks reports={props.reports} base={base} />
        </section>
      )}
      {props.networkBlock}
      {(props.children.length > 0 || props.childrenPager.firstHref) && (
        <section aria-labelledby="members">
          <h2 id="members">{t('collectivities.members')}</h2>
          <ul>{props.children.map((c) => <li><a href={c.href}><T value={c.name} /></a></li>)}</ul>
          <Pager {...props.childrenPager} />
        </section>
      )}
    </Layout>
  );
}

export interface AnnouncementView {
  kind: string;
  title: Text;
  summary: Text | null;
  href: string;
  iso: string;
  date: string;
}

export function AnnouncementsPage(props: { place: { name: Text; href: string }; items: AnnouncementView[]; nextHref: string | null; firstHref: string | null; feedHref: string }) {
  const { t, locale } = usePage();
  return (
    <Layout title={`${t('collectivities.announcements')} · ${props.place.name.text}`} feed={{ href: props.feedHref, title: `${props.place.name.text} — ${t('collectivities.announcements')}` }}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.place.name.text, props.place.href], [t('collectivities.announcements')]]} />
      <h1>{t('collectivities.announcements')}</h1>
      <p><a href={props.feedHref} type="application/atom+xml">{t('collectivities.feed')}</a></p>
      {props.items.length === 0 ? (
        <p class="muted">{t('collectivities.noAnnouncements')}</p>
      ) : (
        <ol class="history">
          {props.items.map((a) => (
            <li>
              <p>
                <time datetime={a.iso}>{a.date}</time> · <strong>{t(`collectivities.kind.${a.kind}`)}</strong>
              </p>
              <p><a href={a.href}><T value={a.title} /></a></p>
              {a.summary && <p class="muted"><T value={a.summary} /></p>}
            </li>
          ))}
        </ol>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </Layout>
  );
}
