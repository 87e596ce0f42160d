// The library of practices (public, cached: links only, no one's name), the form that reuses a
// practice in one's draft programme, and the section the project page shows (reused by N).
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { Form, type FormState, SelectField, FilterSelect } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';

type Text = { text: string; lang: Locale };

export interface PracticeView {
  id: number;
  href: string;
  title: Text;
  objectives: Text | null;
  collectivity: Text;
  collectivityHref: string;
  kind: string;
  period: string;
  theme: Text | null;
  activities: number;
  done: number;
  late: number;
  reusedBy: number;
  reuseHref: string;
}

export interface PracticeFiltersView {
  q: string;
  theme: string;
  kind: string;
  outcome: string;
}


export function PracticesPage(props: {
  items: PracticeView[];
  filters: PracticeFiltersView;
  themes: [string, string][];
  kinds: [string, string][];
  outcomes: [string, string][];
  nextHref: string | null;
  firstHref: string | null;
}) {
  const { t, locale } = usePage();
  const f = props.filters;
  return (
    <Layout title={t('network.library.title')} description={t('network.library.intro')}>
      <Breadcrumbs items={[[t('network.title'), `/${locale}/`], [t('network.library.title')]]} />
      <h1>{t('network.library.title')}</h1>
      <p>{t('network.library.intro')}</p>
      <form method="get" class="filters" role="search">
        <div class="field">
          <label for="filter-q">{t('network.library.search')}</label>
          <input id="filter-q" type="search" name="q" value={f.q} maxLength={200} />
        </div>
        <FilterSelect all={t('network.library.all')} name="theme" label={t('network.library.theme')} value={f.theme} options={props.themes} />
        <FilterSelect all={t('network.library.all')} name="kind" label={t('network.library.kind')} value={f.kind} options={props.kinds} />
        <FilterSelect all={t('network.library.all')} name="outcome" label={t('network.library.outcome')} value={f.outcome} options={props.outcomes} />
        <p class="actions"><button type="submit">{t('network.library.filter')}</button></p>
      </form>
      <p class="muted">{t('network.library.outcomeRule')}</p>
      {props.items.length === 0 ? (
        <p>{t('network.library.none')}</p>
      ) : (
        <ol class="proposals">
          {props.items.map((p) => (
            <li id={`practice-${p.id}`}>
              <h2><a href={p.href}><T value={p.title} /></a></h2>
              <p class="muted">
                <a href={p.collectivityHref}><T value={p.collectivity} /></a> · {t(`network.library.kinds.${p.kind}`)} · <bdi dir="ltr" class="period">{p.period}</bdi>
                {p.theme && <> · <T value={p.theme} /></>}
              </p>
              {p.objectives && <p><T value={p.objectives} /></p>}
              <p>
                {t('network.library.activitiesDone', { done: p.done, count: p.activities })}
                {p.late > 0 && <> · <span class="status delayed">{t('network.library.late', { count: p.late })}</span></>}
                {' · '}<span class="reused">{t('network.reuse.reusedBy', { count: p.reusedBy })}</span>
              </p>
              <p><a href={p.reuseHref} rel="nofollow">{t('network.reuse.action')}</a></p>
            </li>
          ))}
        </ol>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </Layout>
  );
}

/** The staff form: which draft programme and axis the copy goes to. */
export function ReusePage(props: {
  place: { slug: string; name: Text };
  practice: { title: Text; collectivity: Text; href: string };
  targets: [string, string][];
  action: string;
  state: FormState;
  publicHref: string;
}) {
  const { t } = usePage();
  return (
    <StaffLayout place={props.place} title={t('network.reuse.title')}>
      <p>
        <a href={props.practice.href}><T value={props.practice.title} /></a> — <T value={props.practice.collectivity} />
      </p>
      <p>{t('network.reuse.what')}</p>
      {props.targets.length === 0 ? (
        <p class="notice">{t('network.reuse.noDraft')}</p>
      ) : (
        <Form action={props.action} state={props.state} submit={t('network.reuse.submit')}>
          <SelectField name="target" label={t('network.reuse.target')} options={props.targets} blank="" />
        </Form>
      )}
      <p><a href={props.publicHref}>{t('network.library.back')}</a></p>
    </StaffLayout>
  );
}

/** Staff with several collectivities choose the one that reuses the practice. */
export function ChooseCollectivityPage(props: { items: { href: string; name: Text }[] }) {
  const { t } = usePage();
  return (
    <Layout title={t('network.reuse.title')}>
      <Breadcrumbs items={[[t('layout.adminDashboard'), '/admin'], [t('network.reuse.title')]]} />
      <h1>{t('network.reuse.title')}</h1>
      <p>{t('network.reuse.chooseCollectivity')}</p>
      <ul>{props.items.map((i) => <li><a href={i.href}><T value={i.name} /></a></li>)}</ul>
    </Layout>
  );
}

/** On a project's public page: how many collectivities reused it, and where a copy came from. */
export function ReuseSection(props: { reusedBy: number; origin: { href: string | null; title: Text; collectivity: Text } | null; libraryHref: string }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="reuse" class="reuse">
      <h2 id="reuse">{t('network.reuse.sectionTitle')}</h2>
      <p class="reused">{t('network.reuse.reusedBy', { count: props.reusedBy })}</p>
      {props.origin && (
        <p>
          {t('network.reuse.copiedFrom')}{' '}
          {props.origin.href ? <a href={props.origin.href}><T value={props.origin.title} /></a> : <T value={props.origin.title} />} — <T value={props.origin.collectivity} />
        </p>
      )}
      <p><a href={props.libraryHref}>{t('network.library.title')}</a></p>
    </section>
  );
}
