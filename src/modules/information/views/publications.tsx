// The public list of what the collectivity publishes proactively (law 31.13, art. 10), grouped by
// category, newest first: entries staff added (a document or a link) and what Infitah publishes
// by itself (programmes, reports, participatory budget results, minutes), marked so.
import { Layout, PlaceCrumbs, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import type { Place, Text } from './register.tsx';

export interface PublicationView {
  key: string;
  category: string;
  /** YYYY-MM-DD, for the order */
  sortDate: string;
  date: string | null;
  title: Text | string;
  description: Text | null;
  href: string;
  kind: 'file' | 'link' | 'page';
  auto: boolean;
  example: boolean;
}

export function PublicationsPage(props: { place: Place; base: string; categories: readonly string[]; entries: PublicationView[] }) {
  const { t } = usePage();
  const title = t('information.publication.title');
  return (
    <Layout title={title}>
      <PlaceCrumbs place={props.place} trail={[[t('information.title'), `${props.base}/information`]]} here={title} />
      <h1>{title}</h1>
      <p>{t('information.publication.intro')}</p>
      {props.entries.length === 0 && <p class="muted">{t('information.publication.empty')}</p>}
      {props.categories.map((c) => {
        const entries = props.entries.filter((e) => e.category === c);
        return (
          <section aria-labelledby={`cat-${c}`}>
            <h2 id={`cat-${c}`}>{t(`information.category.${c}`)}</h2>
            {entries.length === 0 ? (
              <p class="muted">{t('information.publication.none')}</p>
            ) : (
              <ul class="proposals">
                {entries.map((e) => (
                  <li id={e.key}>
                    <h3>
                      <a href={e.href} download={e.kind === 'file' ? true : undefined} rel={e.kind === 'link' ? 'noopener' : undefined}>
                        {typeof e.title === 'string' ? e.title : <T value={e.title} />}
                      </a>
                    </h3>
                    <p class="muted">
                      {e.date && <><bdi>{e.date}</bdi> · </>}
                      {e.auto && t('information.publication.auto')}
                      {e.kind === 'file' && <> · {t('information.publication.download')}</>}
                      {e.example && <> <span class="status">{t('information.exampleTag')}</span></>}
                    </p>
                    {e.description && <p><T value={e.description} /></p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <p><a href={`${props.base}/information`}>{t('information.register.back')}</a></p>
    </Layout>
  );
}
