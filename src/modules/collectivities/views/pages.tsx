// The network home (every collectivity with its programme's progress) and a collectivity's home.
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { ProgressBar, T, Pager } from '../../../platform/ui/parts.tsx';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { type PublishedReport, ReportLinks } from '../../evaluation/manifest.ts';

type Text = { text: string; lang: Locale };

export interface ProgrammeCard {
  title: Text;
  period: string;
  statusLabel: string;
  progress: number | null;
  activities: number;
}

export interface NetworkItem {
  href: string;
  name: Text;
  kind: string;
  parent: Text | null;
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
        <small class="muted">{props.p.period} · {props.p.statusLabel} · {t('collectivities.activities', { count: props.p.activities })}</small>
      </p>
      <ProgressBar value={props.p.progress} label={t('collectivities.progress')} />
    </>
  );
}

export function NetworkPage(props: { items: NetworkItem[]; nextHref: string | null; firstHref: string | null }) {
  const { t } = usePage();
  return (
    <Layout title={t('collectivities.networkTitle')}>
      <h1>{t('collectivities.networkTitle')}</h1>
      <p>{t('collectivities.networkIntro')}</p>
      <ul class="cards">
        {props.items.map((c) => (
          <li>
            <h2><a href={c.href}><T value={c.name} /></a></h2>
            <p class="muted">
              {t(`kinds.${c.kind}`)}
              {c.parent && <> · <T value={c.parent} /></>}
            </p>
            <Programme p={c.programme} />
          </li>
        ))}
      </ul>
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </Layout>
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
}) {
  const { t, locale } = usePage();
  return (
    <Layout title={props.name.text}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.name.text]]} />
      <h1><T value={props.name} /></h1>
      <p class="muted">
        {t(`kinds.${props.kind}`)}
        {props.parent && <> · <a href={props.parent.href}><T value={props.parent.name} /></a></>}
      </p>
      <section aria-labelledby="programme">
        <h2 id="programme">{t('collectivities.currentProgramme')}</h2>
        <Programme p={props.programme} href={props.programme ? props.programmeHref : undefined} />
        {props.programme && (
          <p><a class="button" href={props.programmeHref}>{t('collectivities.seeMatrix')}</a></p>
        )}
        {props.programme && <p><a href={`${props.programmeHref.replace(/\/programme$/, '')}/dashboard`}>{t('evaluation.links.dashboard')}</a></p>}
        <p><a href={`${props.programmeHref.replace(/\/programme$/, '')}/budgets`}>{t('budget.title')}</a></p>
      </section>
      {props.reports && props.reports.length > 0 && (
        <section aria-labelledby="reports">
          <h2 id="reports">{t('evaluation.home.reports')}</h2>
          <ReportLinks reports={props.reports} base={props.programmeHref.replace(/\/programme$/, '')} />
        </section>
      )}
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
