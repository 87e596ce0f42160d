// Back office of surveys (/admin/c/{slug}/surveys…): the list, a survey's settings and questions
// (frozen once someone answered), publishing, the desk codes (shown once), and the form staff
// use to type in paper and desk answers.
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import { pickText } from '../../../platform/tenancy.ts';
import type { FieldErrors, FormValues } from '../../../platform/validation.ts';
import { ageBands, genders } from '../../accounts/schema.ts';
import type { QuestionWithOptions, SurveyState } from '../repository.ts';
import { questionKinds, surveyAudiences, surveyTopics } from '../tables.ts';
import { QuestionFields, Window } from './questions.tsx';

export interface AdminPlace {
  slug: string;
  name: { text: string; lang: Locale };
}

export const adminBase = (slug: string) => `/admin/c/${slug}/surveys`;

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export interface SurveyRowView {
  id: number;
  title: { text: string; lang: Locale };
  state: SurveyState;
  opensAt: string;
  closesAt: string;
  responses: number;
}

export function SurveysAdminPage(props: { place: AdminPlace; rows: SurveyRowView[]; publicHref: string; firstHref: string | null; nextHref: string | null; canManage: boolean }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  return (
    <StaffLayout place={props.place} title={t('surveys.title')}>
      <p>
        {props.canManage && <><a class="button" href={`${base}/new`}>{t('surveys.admin.new')}</a> · </>}
        <a href={props.publicHref}>{t('surveys.admin.publicPage')}</a>
      </p>
      {props.rows.length === 0 ? (
        <p class="muted">{t('surveys.admin.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th>{t('surveys.admin.fields.title')}</th><th>{t('surveys.admin.state')}</th><th>{t('surveys.admin.window')}</th><th>{t('surveys.admin.responsesHead')}</th></tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td><a href={`${base}/${r.id}`}><T value={r.title} /></a></td>
                  <td>{t(`surveys.states.${r.state}`)}</td>
                  <td><Window opensAt={r.opensAt} closesAt={r.closesAt} /></td>
                  <td><bdi>{r.responses}</bdi></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}

export interface Choices {
  meetings: [string, string][];
  services: [string, string][];
}

function SurveyFields(props: { choices: Choices }) {
  const { t } = usePage();
  return (
    <>
      <L10nField name="title" label={t('surveys.admin.fields.title')} />
      <L10nField name="intro" label={t('surveys.admin.fields.intro')} multiline />
      <TextField name="opens_at" type="datetime-local" label={t('surveys.admin.fields.opensAt')} hint={t('surveys.admin.fields.casablancaTime')} />
      <TextField name="closes_at" type="datetime-local" label={t('surveys.admin.fields.closesAt')} hint={t('surveys.admin.fields.casablancaTime')} />
      <SelectField name="signature" blank="—" label={t('surveys.admin.fields.signature')} options={[['signed', t('surveys.admin.fields.signed')], ['anonymous', t('surveys.admin.fields.anonymous')]]} />
      <SelectField name="audience" blank="—" label={t('surveys.admin.fields.audience')} options={surveyAudiences.map((a) => [a, t(`surveys.audiences.${a}`)])} />
      <SelectField name="meeting_id" label={t('surveys.admin.fields.meeting')} blank={t('surveys.admin.fields.none')} options={props.choices.meetings} />
      <SelectField name="service_id" label={t('surveys.admin.fields.service')} blank={t('surveys.admin.fields.none')} options={props.choices.services} />
      <SelectField name="topic" blank="—" label={t('surveys.admin.fields.topic')} options={surveyTopics.map((a) => [a, t(`surveys.topics.${a}`)])} />
    </>
  );
}

export function NewSurveyPage(props: { place: AdminPlace; state: FormState; choices: Choices }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  return (
    <StaffLayout place={props.place} title={t('surveys.admin.new')} trail={[[t('surveys.title'), base]]}>
      <Form action={`${base}/new`} state={props.state} submit={t('surveys.admin.create')}>
        <SurveyFields choices={props.choices} />
      </Form>
    </StaffLayout>
  );
}

export function QuestionFormFields() {
  const { t } = usePage();
  return (
    <>
      <SelectField name="kind" blank="—" label={t('surveys.admin.fields.kind')} options={questionKinds.map((k) => [k, t(`surveys.kinds.${k}`)])} />
      <SelectField name="required" label={t('surveys.admin.fields.required')} options={[['1', t('surveys.admin.fields.requiredYes')], ['0', t('surveys.admin.fields.requiredNo')]]} />
      <SelectField name="about" label={t('surveys.admin.fields.about')} blank={t('surveys.admin.fields.aboutNone')} options={[['gender', t('surveys.admin.fields.aboutGender')], ['age_band', t('surveys.admin.fields.aboutAge')]]} />
      <L10nField name="text" label={t('surveys.admin.fields.questionText')} />
      <L10nField name="help" label={t('surveys.admin.fields.help')} />
      <fieldset>
        <legend>{t('surveys.admin.fields.options')}</legend>
        <small class="muted">{t('surveys.admin.fields.optionsHint')}</small>
        <div class="l10n">
          <TextField name="options_ar" label="العربية" lang="ar" multiline />
          <TextField name="options_fr" label="Français" lang="fr" multiline />
          <TextField name="options_en" label="English" lang="en" multiline />
        </div>
      </fieldset>
    </>
  );
}

export function SurveyAdminPage(props: {
  place: AdminPlace;
  id: number;
  title: string;
  state: SurveyState;
  responses: { online: number; paper: number; desk: number };
  questions: QuestionWithOptions[];
  settings: FormState;
  question: FormState;
  publishErrors: FieldErrors;
  choices: Choices;
  audience: string;
  codes: FormState;
  publicHref: string;
  canEnter: boolean;
}) {
  const { t, locale } = usePage();
  const base = `${adminBase(props.place.slug)}/${props.id}`;
  const frozen = props.responses.online + props.responses.paper + props.responses.desk > 0;
  const last = props.questions.length - 1;
  return (
    <StaffLayout place={props.place} title={props.title} trail={[[t('surveys.title'), adminBase(props.place.slug)]]}>
      <p>
        <span class="status">{t(`surveys.states.${props.state}`)}</span>{' '}
        {props.state !== 'draft' && <a href={props.publicHref}>{t('surveys.admin.publicPage')}</a>}
        {props.canEnter && props.state !== 'draft' && <> · <a href={`${base}/entries`}>{t('surveys.paper.title')}</a></>}
      </p>
      <ChannelCounts counts={props.responses} />
      {props.state === 'draft' && (
        <Section id="publish" title={t('surveys.admin.publishTitle')}>
          <p class="muted">{t('surveys.admin.publishHint')}</p>
          {props.publishErrors.form && <p class="errors-summary" role="alert">{t(props.publishErrors.form.key)}</p>}
          <PostButton action={`${base}/publish`} label={t('surveys.admin.publish')} />
        </Section>
      )}
      <Section id="questions" title={t('surveys.admin.questions', { count: props.questions.length })}>
        {frozen && <p class="notice">{t('surveys.admin.frozen')}</p>}
        {props.questions.length === 0 && <p class="muted">{t('surveys.admin.noQuestions')}</p>}
        <ol>
          {props.questions.map((q, i) => (
            <li>
              <T value={pickText(q, 'text', locale)} />{' '}
              <small class="muted">({t(`surveys.kinds.${q.kind}`)}{q.required === 1 ? ` · ${t('surveys.admin.fields.requiredYes')}` : ''})</small>
              {q.options.length > 0 && <ul>{q.options.map((o) => <li><T value={pickText(o, 'label', locale)} /></li>)}</ul>}
              {!frozen && (
                <p class="actions">
                  <a href={`${base}/questions/${q.id}`}>{t('surveys.admin.edit')}</a>
                  {i > 0 && <MoveButton action={`${base}/questions/${q.id}/move`} direction="up" label={t('surveys.admin.up')} />}
                  {i < last && <MoveButton action={`${base}/questions/${q.id}/move`} direction="down" label={t('surveys.admin.down')} />}
                  <PostButton action={`${base}/questions/${q.id}/delete`} label={t('surveys.admin.delete')} danger />
                </p>
              )}
            </li>
          ))}
        </ol>
        {!frozen && (
          <>
            <h3>{t('surveys.admin.addQuestion')}</h3>
            <Form action={`${base}/questions`} state={props.question} submit={t('surveys.admin.addQuestion')} id="add-question">
              <QuestionFormFields />
            </Form>
          </>
        )}
      </Section>
      {props.audience === 'service' && (
        <Section id="codes" title={t('surveys.codes.title')}>
          <p class="muted">{t('surveys.codes.hint')}</p>
          <Form action={`${base}/codes`} state={props.codes} submit={t('surveys.codes.generate')}>
            <TextField name="count" type="number" label={t('surveys.codes.count')} />
          </Form>
        </Section>
      )}
      <Section id="settings" title={t('surveys.admin.settings')}>
        <Form action={base} state={props.settings} submit={t('surveys.admin.save')}>
          <SurveyFields choices={props.choices} />
        </Form>
      </Section>
    </StaffLayout>
  );
}

/** Answers so far, by channel: the running count staff watch while typing paper answers in. */
function ChannelCounts(props: { counts: { online: number; paper: number; desk: number } }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="channel-counts" role="status">
      <h2 id="channel-counts">{t('surveys.paper.countsTitle')}</h2>
      <dl class="facts">
        {(['paper', 'desk', 'online'] as const).map((ch) => (
          <>
            <dt>{t(`surveys.paper.${ch}`)}</dt>
            <dd><bdi>{props.counts[ch]}</bdi></dd>
          </>
        ))}
      </dl>
    </section>
  );
}

function MoveButton(props: { action: string; direction: 'up' | 'down'; label: string }) {
  const { csrfToken } = usePage();
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="direction" value={props.direction} />
      <button type="submit">{props.label}</button>
    </form>
  );
}

export function QuestionAdminPage(props: { place: AdminPlace; surveyId: number; questionId: number; state: FormState; frozen: boolean }) {
  const { t } = usePage();
  const base = `${adminBase(props.place.slug)}/${props.surveyId}`;
  return (
    <StaffLayout place={props.place} title={t('surveys.admin.editQuestion')} trail={[[t('surveys.title'), adminBase(props.place.slug)], [t('surveys.admin.surveyTitle', { id: props.surveyId }), base]]}>
      {props.frozen ? (
        <p class="notice">{t('surveys.admin.frozen')}</p>
      ) : (
        <Form action={`${base}/questions/${props.questionId}`} state={props.state} submit={t('surveys.admin.save')}>
          <QuestionFormFields />
        </Form>
      )}
    </StaffLayout>
  );
}

/** The codes just made: shown once, to print and cut into slips. */
export function CodesPage(props: { place: AdminPlace; surveyId: number; title: { text: string; lang: Locale }; codes: string[]; answerHref: string }) {
  const { t } = usePage();
  const base = `${adminBase(props.place.slug)}/${props.surveyId}`;
  return (
    <StaffLayout place={props.place} title={t('surveys.codes.madeTitle', { count: props.codes.length })} trail={[[t('surveys.title'), adminBase(props.place.slug)], [t('surveys.admin.surveyTitle', { id: props.surveyId }), base]]}>
      <p class="notice">{t('surveys.codes.onceOnly')}</p>
      <ol class="codes">
        {props.codes.map((c) => (
          <li>
            <T value={props.title} /> — <bdi dir="ltr">{props.answerHref}</bdi> — {t('surveys.codes.slip')} <strong><bdi dir="ltr">{`${c.slice(0, 5)}-${c.slice(5)}`}</bdi></strong>
          </li>
        ))}
      </ol>
    </StaffLayout>
  );
}

/** Staff type in answers given on paper or at the desk; a running count by channel. */
export function EntriesPage(props: {
  place: AdminPlace;
  surveyId: number;
  title: { text: string; lang: Locale };
  counts: { online: number; paper: number; desk: number };
  questions: QuestionWithOptions[];
  values: FormValues;
  errors: FieldErrors;
  action: string;
}) {
  const { t, csrfToken } = usePage();
  const base = `${adminBase(props.place.slug)}/${props.surveyId}`;
  const f = (name: string) => props.errors[name];
  const select = (name: string, label: string, options: [string, string][], blank?: string) => (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} aria-invalid={f(name) ? 'true' : undefined}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map(([v, l]) => <option value={v} selected={props.values[name] === v}>{l}</option>)}
      </select>
      {f(name) && <p class="error">{t(f(name).key, f(name).values)}</p>}
    </div>
  );
  return (
    <StaffLayout place={props.place} title={t('surveys.paper.title')} trail={[[t('surveys.title'), adminBase(props.place.slug)], [t('surveys.admin.surveyTitle', { id: props.surveyId }), base]]}>
      <p><T value={props.title} /></p>
      <ChannelCounts counts={props.counts} />
      <p class="muted">{t('surveys.paper.hint')}</p>
      <form method="post" action={props.action} class="stack">
        {Object.keys(props.errors).length > 0 && (
          <div class="errors-summary" role="alert">
            <p>{props.errors.form ? t(props.errors.form.key, props.errors.form.values) : t('errors.formInvalid')}</p>
          </div>
        )}
        <input type="hidden" name="_csrf" value={csrfToken} />
        {select('channel', t('surveys.paper.channel'), [['paper', t('surveys.paper.paper')], ['desk', t('surveys.paper.desk')]])}
        {select('gender', t('surveys.paper.gender'), genders.map((g) => [g, t(`surveys.answer.who.${g}`)]), t('surveys.paper.notGiven'))}
        {select('age_band', t('surveys.paper.ageBand'), ageBands.map((a) => [a, t(`surveys.answer.who.${a}`)]), t('surveys.paper.notGiven'))}
        <QuestionFields questions={props.questions} values={props.values} errors={props.errors} />
        <p class="actions"><button type="submit">{t('surveys.paper.save')}</button></p>
      </form>
    </StaffLayout>
  );
}
