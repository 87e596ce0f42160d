// "My space": the person's own items, section by section, each paged on its own; then links to
// the collectivities they took part in. Never how someone voted: the ballots section says only
// whether they did.
import { usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import type { MySpaceItem } from '../my-space.ts';

export interface MySpaceView {
  sections: { name: string; items: (MySpaceItem & { date: string })[]; nextHref: string | null; firstHref: string | null }[];
  collectivities: { name: { text: string; lang: Locale }; href: string }[];
}

export function MySpace(props: { view: MySpaceView }) {
  const { t } = usePage();
  return (
    <>
      {props.view.collectivities.length > 0 && (
        <section aria-labelledby="my-collectivities">
          <h2 id="my-collectivities">{t('accounts.mySpace.collectivities')}</h2>
          <ul class="inline-list">
            {props.view.collectivities.map((c) => <li><a href={c.href}><T value={c.name} /></a></li>)}
          </ul>
        </section>
      )}
      {props.view.sections.map((s) => (
        <section aria-labelledby={`my-${s.name}`}>
          <h2 id={`my-${s.name}`}>{t(`accounts.mySpace.${s.name}`)}</h2>
          {s.items.length === 0 ? (
            <p class="muted">{t(`accounts.mySpace.${s.name}None`)}</p>
          ) : (
            <ul class="my-items">
              {s.items.map((i) => (
                <li>
                  <a href={i.href} lang={i.title.lang} dir="auto">{i.title.text}</a>
                  <br />
                  <small class="muted">
                    <T value={i.place.name} /> · {i.date}
                    {i.note && <> · <strong>{i.note}</strong></>}
                  </small>
                </li>
              ))}
            </ul>
          )}
          <Pager firstHref={s.firstHref} nextHref={s.nextHref} />
        </section>
      ))}
    </>
  );
}
