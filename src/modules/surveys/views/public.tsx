// The public side of surveys: the list (open now, upcoming, closed), a survey's page with its
// answer form (or why one cannot answer), and the thanks after answering.
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { pickText } from '../../../platform/tenancy.ts';
import { Layout, PlaceCrumbs, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import type { FieldErrors, FormValues } from '../../../platform/validation.ts';
import type { QuestionWithOptions, SurveyState } from '../repository.ts';
import { QuestionFields, Window } from './questions.tsx';

export interface Place {
  name: { text: string; lang: Locale };
  href: string;
}

export interface SurveyItem {
  id: number;
  title: { text: string; lang: Locale };
  opensAt: string;
  closesAt: string;
  anonymous: boolean;
  href: string;
  resultsHref: string;
}

function Page(props: { place: Place; title: string; trail?: [string, string][]; children: ComponentChildren }) {
  return (
    <Layout title={`${props.title} — ${props.place.name.text}`}>
      <PlaceCrumbs place={props.place} trail={props.trail} here={props.title} />
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

function Items(props: { items: SurveyItem[]; none: string; results: boolean }) {
  const { t } = usePage();
  if (props.items.length === 0) return <p class="muted">{props.none}</p>;
  return (
    <ul>
      {props.items.map((s) => (
        <li>
          <a href={s.href}><T value={s.title} /></a> <small class="muted">({t(s.anonymous ? 'surveys.survey.anonymousShort' : 'surveys.survey.signedShort')})</small>
          <Window opensAt={s.opensAt} closesAt={s.closesAt} />
          {props.results && <p><a href={s.resultsHref}>{t('surveys.list.results')}</a></p>}
        </li>
      ))}
    </ul>
  );
}

export function SurveysPage(props: { place: Place; open: SurveyItem[]; upcoming: SurveyItem[]; closed: SurveyItem[]; firstHref: string | null; nextHref: string | null }) {
  const { t } = usePage();
  return (
    <Page place={props.place} title={t('surveys.title')}>
      <p>{t('surveys.list.intro')}</p>
      {props.firstHref === null && (
        <>
          <section aria-labelledby="surveys-open">
            <h2 id="surveys-open">{t('surveys.list.open')}</h2>
            <Items items={props.open} none={t('surveys.list.noneOpen')} results />
          </section>
          <section aria-labelledby="surveys-upcoming">
            <h2 id="surveys-upcoming">{t('surveys.list.upcoming')}</h2>
            <Items items={props.upcoming} none={t('surveys.list.noneUpcoming')} results={false} />
          </section>
        </>
      )}
      <section aria-labelledby="surveys-closed">
        <h2 id="surveys-closed">{t('surveys.list.closed')}</h2>
        <Items items={props.closed} none={t('surveys.list.noneClosed')} results />
        <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
      </section>
    </Page>
  );
}

export interface SurveyView {
  title: { text: string; lang: Locale };
  intro: { text: string; lang: Locale } | null;
  opensAt: string;
  closesAt: string;
  anonymous: boolean;
  audience: string;
  state: SurveyState;
  listHref: string;
  resultsHref: string;
}

/** What the survey is, its window, and what anonymous or signed means for whoever answers. */
function About(props: { s: SurveyView; perAddress: number }) {
  const { t } = usePage();
  const s = props.s;
  return (
    <>
      {s.intro && <p class="note-body"><T value={s.intro} /></p>}
      <Window opensAt={s.opensAt} closesAt={s.closesAt} />
      <p class="notice">
        {s.anonymous ? t('surveys.survey.anonymousMeans', { max: props.perAddress }) : t('surveys.survey.signedMeans')}
      </p>
      {s.audience !== 'everyone' && <p class="muted">{t(`surveys.audiences.${s.audience}Means`)}</p>}
    </>
  );
}

export type FormMode =
  | { kind: 'form'; action: string; values: FormValues; errors: FieldErrors; questions: QuestionWithOptions[]; needsCode: boolean }
  | { kind: 'refused'; key: string; values?: Record<string, string | number> }
  /** a signed survey seen before signing in: its questions to read, and the way to sign in */
  | { kind: 'signIn'; loginHref: string; questions: QuestionWithOptions[] };

export function SurveyPage(props: { place: Place; s: SurveyView; mode: FormMode; perAddress: number }) {
  const { t, csrfToken, locale } = usePage();
  const { s, mode } = props;
  return (
    <Page place={props.place} title={s.title.text} trail={[[t('surveys.title'), s.listHref]]}>
      <p><span class="status">{t(`surveys.states.${s.state}`)}</span></p>
      <About s={s} perAddress={props.perAddress} />
      {mode.kind === 'refused' ? (
        <>
          <p class="errors-summary" role="alert">{t(mode.key, mode.values)}</p>
          {s.state !== 'upcoming' && <p><a href={s.resultsHref}>{t('surveys.list.results')}</a></p>}
        </>
      ) : mode.kind === 'signIn' ? (
        <>
          <p><a class="button" href={mode.loginHref}>{t('surveys.answer.signInToAnswer')}</a></p>
          <section aria-labelledby="s-questions">
            <h2 id="s-questions">{t('surveys.answer.questionsTitle', { count: mode.questions.length })}</h2>
            <ol>{mode.questions.map((q) => <li><T value={pickText(q, 'text', locale)} /></li>)}</ol>
          </section>
        </>
      ) : (
        <form method="post" action={mode.action} class="stack">
          {Object.keys(mode.errors).length > 0 && (
            <div class="errors-summary" role="alert">
              <p>{mode.errors.form ? t(mode.errors.form.key, mode.errors.form.values) : t('errors.formInvalid')}</p>
            </div>
          )}
          <input type="hidden" name="_csrf" value={csrfToken} />
          {mode.needsCode && (
            <div class="field">
              <label for="f-code">{t('surveys.codes.field')}</label>
              <small class="muted">{t('surveys.codes.fieldHint')}</small>
              <input id="f-code" name="code" required autocomplete="off" dir="ltr" value={String(mode.values.code ?? '')}
                aria-invalid={mode.errors.code ? 'true' : undefined} aria-describedby={mode.errors.code ? 'f-code-error' : undefined} />
              {mode.errors.code && <p class="error" id="f-code-error">{t(mode.errors.code.key, mode.errors.code.values)}</p>}
            </div>
          )}
          <QuestionFields questions={mode.questions} values={mode.values} errors={mode.errors} />
          <p class="actions"><button type="submit">{t('surveys.answer.send')}</button></p>
        </form>
      )}
    </Page>
  );
}

export function ThanksPage(props: { place: Place; title: { text: string; lang: Locale }; listHref: string; resultsHref: string }) {
  const { t } = usePage();
  return (
    <Page place={props.place} title={t('surveys.answer.thanksTitle')} trail={[[t('surveys.title'), props.listHref]]}>
      <p><T value={props.title} /></p>
      <p>{t('surveys.answer.thanks')}</p>
      <p><a href={props.resultsHref}>{t('surveys.list.results')}</a> · <a href={props.listHref}>{t('surveys.answer.backToList')}</a></p>
    </Page>
  );
}
