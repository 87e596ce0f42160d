// Public pages of the participatory budget: the rounds, one round (what is possible now and until
// when, the projects, the results), and the citizen's uncached forms: verification and ballot.
import { formatNumber } from '../../../platform/i18n/format.ts';
import { Form, type FormState, TextField } from '../../../platform/ui/form.tsx';
import { PlacePage, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import type { Text } from '../../programme/manifest.ts';
import type { ProjectView, ResultsView, RoundView } from '../presenters.ts';
import { budgetScriptHref } from './script.ts';

export interface Place {
  name: Text;
  /** the collectivity's public home in the page's language */
  href: string;
}

export function NowLine(props: { round: RoundView }) {
  const { t } = usePage();
  const r = props.round;
  return (
    <p class="budget-now">
      <strong>{t(`budget.phase.${r.phase}`)}</strong>
      {' — '}
      {t(`budget.now.${r.phase}`)}
      {r.until && <> {t('budget.until', { date: r.until })}</>}
    </p>
  );
}

/** The rule of the vote; `envelope` (formatted) when the ballot's is a district's. */
export function RuleText(props: { round: RoundView; envelope?: string }) {
  const { t } = usePage();
  const r = props.round;
  return r.rule === 'knapsack'
    ? <p>{t('budget.rule.knapsack', { envelope: props.envelope ?? r.envelope })}</p>
    : <p>{t('budget.rule.approval', { min: r.min ?? 1, max: r.max ?? 0 })}</p>;
}

export function RoundsPage(props: { place: Place; rounds: RoundView[] }) {
  const { t } = usePage();
  return (
    <PlacePage place={props.place} title={t('budget.title')}>
      <p>{t('budget.intro')}</p>
      {props.rounds.length === 0 ? <p class="muted">{t('budget.noRounds')}</p> : (
        <ul class="cards">
          {props.rounds.map((r) => (
            <li>
              <h2><a href={`${props.place.href}/budgets/${r.id}`}><T value={r.title} /></a></h2>
              {r.demo && <p><span class="status">{t('budget.demo')}</span></p>}
              <p>{t('budget.envelope', { amount: r.envelope })}</p>
              <NowLine round={r} />
            </li>
          ))}
        </ul>
      )}
    </PlacePage>
  );
}

function Timeline(props: { round: RoundView }) {
  const { t } = usePage();
  return (
    <ol class="timeline budget-phases">
      {props.round.timeline.map((p) => (
        <li class={p.current ? 'current' : undefined} aria-current={p.current ? 'step' : undefined}>
          <strong>{t(`budget.phase.${p.phase}`)}</strong> <span class="muted">{t('budget.from', { date: p.from })}</span>
        </li>
      ))}
    </ol>
  );
}

function ProjectList(props: { projects: ProjectView[]; showStatus: boolean }) {
  const { t } = usePage();
  return (
    <ul class="cards budget-projects">
      {props.projects.map((p) => (
        <li id={`project-${p.id}`}>
          <h3 dir="auto">{p.title}</h3>
          <p class="muted">
            {p.district && <>{p.district} · </>}<span dir="auto">{p.neighbourhood}</span> · {t('budget.cost', { amount: p.costText })}
            {p.fromCitizen && <> · {t('budget.proposedByCitizen')}</>}
          </p>
          {p.images.length > 0 && (
            <p class="budget-images">
              {p.images.map((src, i) => <a href={src}><img src={src} alt={t('budget.imageAlt', { n: i + 1 })} loading="lazy" width={96} height={72} /></a>)}
            </p>
          )}
          <p class="body" dir="auto">{p.description}</p>
          {props.showStatus && (
            <p>
              <span class={`status ${p.status}`}>{t(`budget.status.${p.status}`)}</span>
              {p.mergedInto && <> — <a href={`#project-${p.mergedInto.id}`} dir="auto">{t('budget.mergedInto', { title: p.mergedInto.title })}</a></>}
              {p.reason && <> — <span dir="auto">{p.reason}</span></>}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function Breakdown(props: { breakdown: NonNullable<ResultsView['breakdown']> }) {
  const { t, locale } = usePage();
  const b = props.breakdown;
  const gender = (g: string | null) => t(`budget.gender.${g ?? 'unknown'}`);
  const band = (a: string | null) => (a === null ? t('budget.results.unknownAge') : a);
  const n = (v: number) => formatNumber(locale, v);
  return (
    <>
      <h3>{t('budget.results.breakdown')}</h3>
      <p class="muted">{t('budget.results.breakdownHint')}</p>
      <div class="table-wrap" role="region" tabindex={0} aria-label={t('budget.results.breakdown')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('budget.results.ageBand')}</th>
              {b.genders.map((g) => <th scope="col" class="num">{gender(g)}</th>)}
              <th scope="col" class="num">{t('budget.results.ballots')}</th>
            </tr>
          </thead>
          <tbody>
            {b.bands.map((a) => (
              <tr>
                <th scope="row">{a === null ? band(a) : <bdi dir="ltr">{a}</bdi>}</th>
                {b.genders.map((g) => <td class="num">{n(b.count(g, a))}</td>)}
                <td class="num">{n(b.genders.reduce((s, g) => s + b.count(g, a), 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ResultsTable(props: { results: ResultsView; slug: string; downloads?: { csv: string; json: string } }) {
  const { t, locale } = usePage();
  const r = props.results;
  return (
    <>
      <p>{t('budget.results.participation', { total: r.total, online: r.online, paper: r.paper })}</p>
      <p>{t('budget.results.rule')}</p>
      {r.groups.map((g) => (
        <>
          {g.district && <h3>{t('budget.results.byDistrict', { name: g.district.name, envelope: g.district.envelope })}</h3>}
          <div class="table-wrap" role="region" tabindex={0} aria-label={g.district ? g.district.name : t('budget.results.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('budget.results.rank')}</th>
                  <th scope="col">{t('budget.fields.title')}</th>
                  <th scope="col">{t('budget.results.votes')}</th>
                  <th scope="col">{t('budget.fields.cost')}</th>
                  <th scope="col">{t('budget.results.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {g.lines.map((l) => (
                  <tr class={l.winner ? 'winner' : undefined}>
                    <td class="num">{l.rank}</td>
                    <th scope="row" dir="auto">{l.project.title}</th>
                    <td class="num">{l.votes}</td>
                    <td class="num">{l.project.costText}</td>
                    <td>
                      {l.winner ? t('budget.results.winner') : t('budget.results.notSelected')}
                      {l.project.activityId !== null && <> · <a href={`/${locale}/c/${props.slug}/programme/activities/${l.project.activityId}`}>{t('budget.results.inPlan')}</a></>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {g.district && <p>{t('budget.results.allocated', { amount: g.allocated })}</p>}
        </>
      ))}
      <p>{t('budget.results.allocated', { amount: r.allocated })}</p>
      {r.breakdown && <Breakdown breakdown={r.breakdown} />}
      {props.downloads && (
        <p>
          <a href={props.downloads.csv} download>{t('budget.results.csv')}</a> · <a href={props.downloads.json}>{t('budget.results.json')}</a>
        </p>
      )}
    </>
  );
}

export function RoundPage(props: {
  place: Place;
  slug: string;
  round: RoundView;
  districts: { name: string; envelope: string }[];
  projects: ProjectView[];
  results: ResultsView | null;
  downloads: { csv: string; json: string };
}) {
  const { t } = usePage();
  const r = props.round;
  const base = `${props.place.href}/budgets`;
  // before the review, every entered project is shown with its status; from the vote on, the ballot's
  const onBallot = r.phase === 'voting' || r.phase === 'results' || r.phase === 'implementation';
  return (
    <PlacePage place={props.place} title={r.title.text} trail={[[t('budget.title'), base]]}>
      {r.demo && <p class="notice">{t('budget.demoNotice')}</p>}
      <p>{t('budget.envelope', { amount: r.envelope })}</p>
      <NowLine round={r} />
      {r.phase === 'voting' && (
        <p><a class="button" href={`${base}/${r.id}/ballot`}>{t('budget.vote')}</a></p>
      )}
      {/* before the vote is cast, what a changeable ballot implies (a keyed link kept until voting closes) */}
      {r.changeable && r.phase !== 'results' && r.phase !== 'implementation' && <p class="notice">{t('budget.changeableNotice')}</p>}
      {r.phase === 'submission' && (
        <p><a class="button" href={`${base}/${r.id}/propose`}>{t('budget.submit.link')}</a></p>
      )}
      {props.districts.length > 0 && (
        <ul class="plain">{props.districts.map((d) => <li>{t('budget.districtEnvelope', { name: d.name, amount: d.envelope })}</li>)}</ul>
      )}
      <RuleText round={r} />
      <h2>{t('budget.phases')}</h2>
      <Timeline round={r} />
      {props.results && (
        <section aria-labelledby="b-results">
          <h2 id="b-results">{t('budget.results.title')}</h2>
          <ResultsTable results={props.results} slug={props.slug} downloads={props.downloads} />
        </section>
      )}
      <h2>{onBallot ? t('budget.ballotProjects') : t('budget.projects')}</h2>
      {props.projects.length === 0 ? <p class="muted">{t('budget.noProjects')}</p> : <ProjectList projects={props.projects} showStatus={!onBallot} />}
    </PlacePage>
  );
}

export function VerifyPage(props: { place: Place; round: RoundView; state: FormState }) {
  const { t } = usePage();
  const base = `${props.place.href}/budgets/${props.round.id}`;
  return (
    <PlacePage place={props.place} title={t('budget.verify.title')} trail={[[t('budget.title'), `${props.place.href}/budgets`], [props.round.title.text, base]]}>
      <p>{t('budget.verify.intro')}</p>
      <Form action={`${base}/verify`} state={props.state} submit={t('budget.verify.submit')}>
        <TextField name="cin" label={t('budget.fields.cin')} hint={t('budget.fields.cinHint')} autocomplete="off" />
        <TextField name="birth_date" type="date" label={t('budget.fields.birthDate')} />
      </Form>
    </PlacePage>
  );
}

export function BallotPage(props: {
  place: Place;
  round: RoundView;
  /** the round's districts; empty: one envelope */
  districts: { id: number; name: string; envelope: string }[];
  /** the district chosen (its projects are shown), or null */
  districtId: number | null;
  projects: ProjectView[];
  chosen: number[];
  /** the envelope the ballot's total must stay within (the round's, or its district's), in MAD */
  envelope: number;
  /** the running total after "check my total" (knapsack), or null */
  total: { sum: string; left: string; envelope: string; over: boolean } | null;
  error: string | null;
  /** the voter's own vote: changeable (online, in a changeable round), on paper (known only in changeable rounds), or just recorded */
  cast: { changeable: boolean; paper: boolean } | null;
}) {
  const { t, csrfToken, locale } = usePage();
  const base = `${props.place.href}/budgets/${props.round.id}`;
  const chosen = new Set(props.chosen);
  const r = props.round;
  const open = r.phase === 'voting' && (!props.cast || props.cast.changeable);
  const needDistrict = props.districts.length > 0 && props.districtId === null;
  const canVote = open && !needDistrict;
  const district = props.districts.find((d) => d.id === props.districtId);
  return (
    <PlacePage place={props.place} title={t('budget.ballot.title', { round: r.title.text })} trail={[[t('budget.title'), `${props.place.href}/budgets`], [r.title.text, base]]}>
      <NowLine round={r} />
      <RuleText round={r} envelope={district?.envelope} />
      {props.cast && <p class="notice" role="status">{props.cast.paper ? t('budget.ballot.castPaper') : props.cast.changeable ? t('budget.ballot.castChangeable') : t('budget.ballot.cast')}</p>}
      {r.changeable && open && !props.cast && <p class="muted">{t('budget.changeableNotice')}</p>}
      {props.error && <div class="errors-summary" role="alert"><p id="f-projects-error">{props.error}</p></div>}
      {open && props.districts.length > 0 && (
        <form method="get" action={`${base}/ballot`} class="stack">
          <div class="field">
            <label for="f-district">{t('budget.ballot.chooseDistrict')}</label>
            <small class="muted" id="f-district-hint">{t('budget.ballot.districtHint')}</small>
            <select id="f-district" name="district" aria-describedby="f-district-hint">
              {props.districts.map((d) => <option value={String(d.id)} selected={d.id === props.districtId}>{t('budget.districtEnvelope', { name: d.name, amount: d.envelope })}</option>)}
            </select>
          </div>
          <p class="actions"><button type="submit" class="secondary">{t('budget.ballot.showDistrict')}</button></p>
        </form>
      )}
      {canVote && district && <h2>{t('budget.districtEnvelope', { name: district.name, amount: district.envelope })}</h2>}
      {canVote && (
        <form
          method="post"
          action={`${base}/ballot`}
          class="stack budget-ballot"
          data-envelope={r.rule === 'knapsack' ? String(props.envelope) : undefined}
          data-locale={locale}
          data-total-text={t('budget.ballot.total', { sum: '{sum}', left: '{left}' })}
          data-over-text={t('budget.ballot.over', { sum: '{sum}', envelope: '{envelope}' })}
        >
          <input type="hidden" name="_csrf" value={csrfToken} />
          {district && <input type="hidden" name="district_id" value={String(district.id)} />}
          <fieldset aria-describedby={props.error ? 'f-projects-error' : undefined}>
            <legend>{t('budget.ballot.choose')}</legend>
            {props.projects.map((p) => (
              <label class="check budget-choice">
                <input type="checkbox" name="projects" value={String(p.id)} checked={chosen.has(p.id)} data-cost={String(p.cost)} />
                <span><strong dir="auto">{p.title}</strong> <span class="muted">(<span dir="auto">{p.neighbourhood}</span> · {t('budget.cost', { amount: p.costText })})</span></span>
              </label>
            ))}
          </fieldset>
          {props.total && (
            <p class={props.total.over ? 'error' : 'budget-total'} role="status">
              {props.total.over ? t('budget.ballot.over', { sum: props.total.sum, envelope: props.total.envelope }) : t('budget.ballot.total', { sum: props.total.sum, left: props.total.left })}
            </p>
          )}
          {/* filled by budget.js as boxes are ticked; without JavaScript it stays hidden */}
          {r.rule === 'knapsack' && <p id="budget-live" class="budget-total" role="status" aria-live="polite" hidden />}
          <p class="actions">
            {r.rule === 'knapsack' && <button type="submit" name="action" value="check" class="secondary">{t('budget.ballot.check')}</button>}
            <button type="submit" name="action" value="cast">{t('budget.ballot.submit')}</button>
          </p>
        </form>
      )}
      {canVote && r.rule === 'knapsack' && <script src={budgetScriptHref} defer />}
    </PlacePage>
  );
}
