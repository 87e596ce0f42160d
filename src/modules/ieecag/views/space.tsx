// Public pages of the equality commission's e-space: the commission (founding act, mission,
// office, composition, register in figures, latest trainings and documents, gender lens), the
// trainings, the documents with their search, and the gender lens in full. Cached pages: links and
// GET forms only. Numbers are isolated (<bdi>) so that they read the same in Arabic and French.
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { BarChart } from '../../../platform/ui/charts.tsx';
import { PlacePage, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import type { GenderYear } from '../../manifest.ts';
import type { LensSection, LensSource } from '../gender-lens.ts';
import { lensKey, lensSources, womenShare } from '../gender-lens.ts';
import type { OpinionFigures } from '../opinion-figures.ts';
import { documentKinds } from '../tables.ts';

export type Text = { text: string; lang: Locale };

export interface Place {
  name: Text;
  /** the collectivity's public home in the page's language */
  href: string;
}

export interface CommissionView {
  foundingAct: Text | null;
  foundedOn: string | null;
  mission: Text | null;
  email: string | null;
  phone: string | null;
  officeAddress: Text | null;
  officeHours: Text | null;
  example: boolean;
}

export interface MemberView {
  /** null: the member has not agreed to their name being published */
  name: string | null;
  role: string;
  category: string;
  organisation: Text | null;
  mandateStart: string | null;
  mandateEnd: string | null;
  monitoring: boolean;
}

export interface TrainingView {
  id: number;
  heldOn: string;
  theme: Text;
  trainer: Text | null;
  summary: Text | null;
  women: number | null;
  men: number | null;
  total: number | null;
  example: boolean;
}

export interface DocumentView {
  id: number;
  kind: string;
  publishedOn: string;
  title: Text;
  summary: Text | null;
  /** null: no file (never for a document added through the back office) */
  file: { href: string; type: string; kb: number } | null;
  example: boolean;
}

export interface ListSection<T> {
  items: T[];
  firstHref: string | null;
  nextHref: string | null;
}

// ---- the commission's page ---------------------------------------------------------------------

export function SpacePage(props: {
  place: Place;
  base: string;
  commission: CommissionView | null;
  foundingFile: { href: string; kb: number } | null;
  members: MemberView[];
  /** counted from the members' rows (gender is never shown per person) */
  composition: { women: number; men: number };
  figures: OpinionFigures;
  trainings: { latest: TrainingView[]; count: number; participants: number; women: number };
  documents: DocumentView[];
  lens: LensSection[];
}) {
  const { t } = usePage();
  const c = props.commission;
  const here = `${props.base}/ieecag`;
  return (
    <PlacePage place={props.place} title={t('ieecag.space.title')}>
      <p>{t('ieecag.space.intro')}</p>
      {!c ? (
        <p class="notice">{t('ieecag.space.none')}</p>
      ) : (
        <section aria-labelledby="s-commission">
          <h2 id="s-commission">{t('ieecag.space.commission')}</h2>
          {c.example && <p class="notice">{t('ieecag.space.example')}</p>}
          <dl class="facts">
            {c.foundedOn && <><dt>{t('ieecag.space.foundedOn')}</dt><dd><bdi>{c.foundedOn}</bdi></dd></>}
            {c.email && <><dt>{t('ieecag.space.email')}</dt><dd><a href={`mailto:${c.email}`}><bdi dir="ltr">{c.email}</bdi></a></dd></>}
            {c.phone && <><dt>{t('ieecag.space.phone')}</dt><dd><bdi dir="ltr">{c.phone}</bdi></dd></>}
            {c.officeAddress && <><dt>{t('ieecag.space.office')}</dt><dd><T value={c.officeAddress} /></dd></>}
            {c.officeHours && <><dt>{t('ieecag.space.hours')}</dt><dd><T value={c.officeHours} /></dd></>}
          </dl>
          {c.mission && (
            <>
              <h3>{t('ieecag.space.mission')}</h3>
              <Paragraphs value={c.mission} />
            </>
          )}
          {(c.foundingAct || props.foundingFile) && <h3>{t('ieecag.space.foundingAct')}</h3>}
          {c.foundingAct && <Paragraphs value={c.foundingAct} />}
          {props.foundingFile && (
            <p><a href={props.foundingFile.href}>{t('ieecag.space.foundingFile', { kb: props.foundingFile.kb })}</a></p>
          )}
        </section>
      )}

      <section aria-labelledby="s-members">
        <h2 id="s-members">{t('ieecag.members.title')}</h2>
        {props.members.length > 0 && <p>{t('ieecag.members.count', { count: props.members.length, women: props.composition.women, men: props.composition.men })}</p>}
        <Members members={props.members} />
      </section>

      <section aria-labelledby="s-register">
        <h2 id="s-register">{t('ieecag.space.register')}</h2>
        <Figures f={props.figures} />
        <p>
          <a href={`${here}/opinions`}>{t('ieecag.space.opinionsLink')}</a> · <a href={`${here}/referrals`}>{t('ieecag.space.referralsLink')}</a>
        </p>
      </section>

      <section aria-labelledby="s-trainings">
        <h2 id="s-trainings">{t('ieecag.trainings.title')}</h2>
        <p>{t('ieecag.trainings.summaryLine', { count: props.trainings.count, participants: props.trainings.participants, women: props.trainings.women })}</p>
        {props.trainings.latest.length > 0 && <ul class="cards">{props.trainings.latest.map((x) => <TrainingCard x={x} />)}</ul>}
        <p><a href={`${here}/trainings`}>{t('ieecag.trainings.all')}</a></p>
      </section>

      <section aria-labelledby="s-documents">
        <h2 id="s-documents">{t('ieecag.documents.title')}</h2>
        {props.documents.length === 0 ? <p class="muted">{t('ieecag.documents.none')}</p> : <ul class="cards">{props.documents.map((d) => <DocumentCard d={d} />)}</ul>}
        <p><a href={`${here}/documents`}>{t('ieecag.documents.all')}</a></p>
      </section>

      <section aria-labelledby="s-lens">
        <h2 id="s-lens">{t('ieecag.lens.title')}</h2>
        <p>{t('ieecag.lens.intro')}</p>
        <LensChart lens={props.lens} />
        <p><a href={`${here}/gender`}>{t('ieecag.lens.details')}</a></p>
      </section>
    </PlacePage>
  );
}

/** A text typed with blank lines between paragraphs. */
function Paragraphs(props: { value: Text }) {
  const { locale } = usePage();
  const paras = props.value.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const lang = props.value.lang === locale ? undefined : props.value.lang;
  return (
    <div class="body" lang={lang} dir={lang ? (lang === 'ar' ? 'rtl' : 'ltr') : undefined}>
      {paras.map((p) => <p>{p}</p>)}
    </div>
  );
}

function Members(props: { members: MemberView[] }) {
  const { t } = usePage();
  if (props.members.length === 0) return <p class="muted">{t('ieecag.members.none')}</p>;
  return (
    <div class="table-wrap" tabindex={0}>
      <table>
        <caption class="sr-only">{t('ieecag.members.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ieecag.members.name')}</th>
            <th scope="col">{t('ieecag.members.role')}</th>
            <th scope="col">{t('ieecag.members.category')}</th>
            <th scope="col">{t('ieecag.members.organisation')}</th>
            <th scope="col">{t('ieecag.members.mandate')}</th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((m) => (
            <tr>
              <th scope="row">{m.name ?? <span class="muted">{t('ieecag.members.unnamed')}</span>}</th>
              <td>{t(`ieecag.roles.role.${m.role}`)}{m.monitoring && <> <span class="status">{t('ieecag.members.monitoring')}</span></>}</td>
              <td>{t(`ieecag.roles.category.${m.category}`)}</td>
              <td>{m.organisation ? <T value={m.organisation} /> : '–'}</td>
              <td>{m.mandateStart || m.mandateEnd ? <bdi>{t('ieecag.members.mandateSpan', { start: m.mandateStart ?? '…', end: m.mandateEnd ?? '…' })}</bdi> : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Figures(props: { f: OpinionFigures }) {
  const { t } = usePage();
  const f = props.f;
  return (
    <ul class="figures">
      <li>{t('ieecag.space.figures.published', { count: f.published })}</li>
      <li>{t('ieecag.space.figures.transmitted', { count: f.transmitted })}</li>
      <li>{f.followedShare === null ? t('ieecag.space.figures.noResponse') : t('ieecag.space.figures.followed', { share: f.followedShare })}</li>
      <li>{t('ieecag.space.figures.overdue', { count: f.overdue, days: f.responseDelayDays })}</li>
    </ul>
  );
}

/** Participants: total, women, men and the women's share, each number isolated. */
function Participants(props: { women: number | null; men: number | null; total: number | null }) {
  const { t } = usePage();
  if (props.total === null) return <span class="muted">{t('ieecag.trainings.notCounted')}</span>;
  const known = (props.women ?? 0) + (props.men ?? 0);
  const share = womenShare({ women: props.women ?? 0, known });
  return (
    <>
      {t('ieecag.trainings.participants', { count: props.total })}
      {share !== null && <> · {t('ieecag.trainings.byGender', { women: props.women ?? 0, men: props.men ?? 0 })} <bdi>({t('ieecag.lens.sharePercent', { share })})</bdi></>}
    </>
  );
}

function TrainingCard(props: { x: TrainingView }) {
  const { t } = usePage();
  const x = props.x;
  return (
    <li>
      <h3><T value={x.theme} /></h3>
      <p><bdi>{x.heldOn}</bdi>{x.example && <> <span class="status">{t('ieecag.space.exampleTag')}</span></>}</p>
      {x.trainer && <p class="muted">{t('ieecag.trainings.trainer')} <T value={x.trainer} /></p>}
      <p><Participants women={x.women} men={x.men} total={x.total} /></p>
    </li>
  );
}

function DocumentCard(props: { d: DocumentView; top?: boolean }) {
  const { t } = usePage();
  const d = props.d;
  const title = d.file ? <a href={d.file.href}><T value={d.title} /></a> : <T value={d.title} />;
  return (
    <li>
      {props.top ? <h2>{title}</h2> : <h3>{title}</h3>}
      <p>
        {t(`ieecag.documents.kind.${d.kind}`)} · <bdi>{d.publishedOn}</bdi>
        {d.example && <> <span class="status">{t('ieecag.space.exampleTag')}</span></>}
      </p>
      {d.summary && <p class="muted"><T value={d.summary} /></p>}
      {d.file && <p><a href={d.file.href}>{t('ieecag.documents.download', { type: d.file.type, kb: d.file.kb })}</a></p>}
    </li>
  );
}

// ---- trainings -------------------------------------------------------------------------------

export function TrainingsPage(props: { place: Place; base: string; list: ListSection<TrainingView>; totals: { count: number; participants: number; women: number } }) {
  const { t } = usePage();
  return (
    <PlacePage place={props.place} title={t('ieecag.trainings.title')} trail={[[t('ieecag.space.title'), `${props.base}/ieecag`]]}>
      <p>{t('ieecag.trainings.intro')}</p>
      <p>{t('ieecag.trainings.summaryLine', { count: props.totals.count, participants: props.totals.participants, women: props.totals.women })}</p>
      {props.list.items.length === 0 ? (
        <p class="muted">{t('ieecag.trainings.none')}</p>
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table>
            <caption class="sr-only">{t('ieecag.trainings.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ieecag.trainings.date')}</th>
                <th scope="col">{t('ieecag.trainings.theme')}</th>
                <th scope="col">{t('ieecag.trainings.trainerHeader')}</th>
                <th scope="col">{t('ieecag.lens.women')}</th>
                <th scope="col">{t('ieecag.lens.men')}</th>
                <th scope="col">{t('ieecag.lens.total')}</th>
                <th scope="col">{t('ieecag.lens.share')}</th>
              </tr>
            </thead>
            <tbody>
              {props.list.items.map((x) => {
                const share = x.total === null ? null : womenShare({ women: x.women ?? 0, known: (x.women ?? 0) + (x.men ?? 0) });
                return (
                  <tr id={`training-${x.id}`}>
                    <td><bdi>{x.heldOn}</bdi></td>
                    <th scope="row">
                      <T value={x.theme} />
                      {x.example && <> <span class="status">{t('ieecag.space.exampleTag')}</span></>}
                      {x.summary && <p class="muted"><T value={x.summary} /></p>}
                    </th>
                    <td>{x.trainer ? <T value={x.trainer} /> : '–'}</td>
                    <td class="num"><bdi>{x.women ?? '–'}</bdi></td>
                    <td class="num"><bdi>{x.men ?? '–'}</bdi></td>
                    <td class="num"><bdi>{x.total ?? '–'}</bdi></td>
                    <td class="num">{share === null ? <span class="muted">{t('ieecag.lens.notCounted')}</span> : <bdi>{t('ieecag.lens.sharePercent', { share })}</bdi>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager firstHref={props.list.firstHref} nextHref={props.list.nextHref} />
    </PlacePage>
  );
}

// ---- documents -------------------------------------------------------------------------------

export function DocumentsPage(props: { place: Place; base: string; filters: { q: string; kind: string }; list: ListSection<DocumentView> }) {
  const { t } = usePage();
  const filtered = props.filters.q !== '' || props.filters.kind !== '';
  return (
    <PlacePage place={props.place} title={t('ieecag.documents.title')} trail={[[t('ieecag.space.title'), `${props.base}/ieecag`]]}>
      <p>{t('ieecag.documents.intro')}</p>
      <form method="get" action={`${props.base}/ieecag/documents`} class="filters" role="search">
        <div class="field">
          <label for="f-q">{t('ieecag.documents.search')}</label>
          <input id="f-q" name="q" type="search" value={props.filters.q} maxLength={200} />
        </div>
        <div class="field">
          <label for="f-kind">{t('ieecag.documents.kindLabel')}</label>
          <select id="f-kind" name="kind">
            <option value="">{t('ieecag.documents.allKinds')}</option>
            {documentKinds.map((k) => <option value={k} selected={props.filters.kind === k}>{t(`ieecag.documents.kind.${k}`)}</option>)}
          </select>
        </div>
        <p class="actions"><button type="submit">{t('ieecag.documents.find')}</button></p>
      </form>
      {props.list.items.length === 0 ? (
        <p class="muted">{filtered ? t('ieecag.documents.noMatch') : t('ieecag.documents.none')}</p>
      ) : (
        <ul class="cards">{props.list.items.map((d) => <DocumentCard d={d} top />)}</ul>
      )}
      <Pager firstHref={props.list.firstHref} nextHref={props.list.nextHref} />
    </PlacePage>
  );
}

// ---- the gender lens -------------------------------------------------------------------------

function LensChart(props: { lens: LensSection[] }) {
  const { t } = usePage();
  const years = [...new Set(props.lens.flatMap((s) => s.years.map((y) => y.year)))].sort((a, b) => a - b);
  if (years.length === 0) return <p class="muted">{t('ieecag.lens.nothing')}</p>;
  const counted = props.lens.filter((s) => s.years.some((y) => y.known > 0));
  if (counted.length === 0) return <p class="muted">{t('ieecag.lens.noneKnown')}</p>;
  // one group of bars per source, one bar per year: the table beside it stays narrow (a column per year)
  return (
    <BarChart
      title={t('ieecag.lens.chartTitle')}
      categories={counted.map((s) => t(lensKey(s.source, 'short')))}
      categoryHeader={t('ieecag.lens.sourceHeader')}
      series={years.map((year) => ({
        name: String(year),
        values: counted.map((s) => {
          const y = s.years.find((x) => x.year === year);
          return y ? (womenShare(y) ?? Number.NaN) : Number.NaN;
        }),
      }))}
      unit="%"
      horizontal
      width={420}
    />
  );
}

function LensTable(props: { source: LensSource; years: GenderYear[] }) {
  const { t } = usePage();
  const id = `lens-${props.source}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(lensKey(props.source, 'source'))}</h2>
      <p class="muted">{t(lensKey(props.source, 'about'))}</p>
      {props.years.length === 0 ? (
        <p class="muted">{t('ieecag.lens.notCountedYet')}</p>
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table>
            <caption class="sr-only">{t(lensKey(props.source, 'source'))}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ieecag.lens.year')}</th>
                <th scope="col">{t('ieecag.lens.women')}</th>
                <th scope="col">{t('ieecag.lens.men')}</th>
                <th scope="col">{t('ieecag.lens.unknown')}</th>
                <th scope="col">{t('ieecag.lens.total')}</th>
                <th scope="col">{t('ieecag.lens.share')}</th>
              </tr>
            </thead>
            <tbody>
              {props.years.map((y) => {
                const share = womenShare(y);
                return (
                  <tr>
                    <th scope="row"><bdi>{y.year}</bdi></th>
                    <td class="num"><bdi>{y.women}</bdi></td>
                    <td class="num"><bdi>{y.men}</bdi></td>
                    <td class="num"><bdi>{y.total - y.known}</bdi></td>
                    <td class="num"><bdi>{y.total}</bdi></td>
                    <td class="num">{share === null ? <span class="muted">{t('ieecag.lens.notCounted')}</span> : <bdi>{t('ieecag.lens.sharePercent', { share })}</bdi>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function GenderPage(props: { place: Place; base: string; lens: LensSection[] }) {
  const { t } = usePage();
  return (
    <PlacePage place={props.place} title={t('ieecag.lens.title')} trail={[[t('ieecag.space.title'), `${props.base}/ieecag`]]}>
      <p>{t('ieecag.lens.intro')}</p>
      <p class="muted">{t('ieecag.lens.method')}</p>
      <LensChart lens={props.lens} />
      {lensSources.map((source) => <LensTable source={source} years={props.lens.find((s) => s.source === source)?.years ?? []} />)}
    </PlacePage>
  );
}
