// Back office of the participatory budget: the rounds (create one), and a round: its projects and
// their technical review, the census, paper ballots, participation counts (never who chose what).
import { Form, type FormState, L10nField, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import type { Text } from '../../programme/manifest.ts';
import { phases } from '../model.ts';
import type { ProjectView, ResultsView, RoundView } from '../presenters.ts';
import { NowLine, ResultsTable, RuleText } from './public.tsx';

export interface AdminPlace {
  slug: string;
  name: Text;
}


export function RoundsAdminPage(props: { place: AdminPlace; rounds: RoundView[]; state: FormState }) {
  const { t } = usePage();
  const base = `/admin/c/${props.place.slug}/budgets`;
  return (
    <StaffLayout place={props.place} title={t('budget.admin.title')}>
      {props.rounds.length === 0 ? <p class="muted">{t('budget.noRounds')}</p> : (
        <ul class="plain">
          {props.rounds.map((r) => (
            <li><a href={`${base}/${r.id}`}><T value={r.title} /></a> — {t(`budget.phase.${r.phase}`)}</li>
          ))}
        </ul>
      )}
      <h2>{t('budget.admin.newRound')}</h2>
      <Form action={base} state={props.state} submit={t('budget.admin.create')}>
        <L10nField name="title" label={t('budget.fields.title')} />
        <TextField name="envelope_mad" type="number" label={t('budget.fields.envelope')} />
        <SelectField name="rule" label={t('budget.fields.rule')} options={[['knapsack', t('budget.ruleName.knapsack')], ['approval', t('budget.ruleName.approval')]]} />
        <TextField name="min_choices" type="number" label={t('budget.fields.min')} hint={t('budget.fields.minMaxHint')} />
        <TextField name="max_choices" type="number" label={t('budget.fields.max')} />
        <ChangeableBox checked={props.state.values.changeable === '1'} />
        <fieldset>
          <legend>{t('budget.phases')}</legend>
          <p class="muted">{t('budget.admin.timesHint')}</p>
          {phases.map((p) => <TextField name={`${p}_at`} type="datetime-local" label={t(`budget.phase.${p}`)} />)}
        </fieldset>
      </Form>
    </StaffLayout>
  );
}

function ChangeableBox(props: { checked: boolean }) {
  const { t } = usePage();
  return (
    <label class="check">
      <input type="checkbox" name="changeable" value="1" checked={props.checked} /> {t('budget.fields.changeable')}
    </label>
  );
}

export function RoundAdminPage(props: {
  place: AdminPlace;
  round: RoundView;
  publicHref: string;
  projects: ProjectView[];
  census: number;
  participation: { online: number; paper: number; total: number };
  results: ResultsView | null;
  forms: { project: FormState; census: FormState; paper: FormState; review: { id: number; state: FormState } | null };
}) {
  const { t } = usePage();
  const r = props.round;
  const base = `/admin/c/${props.place.slug}/budgets/${r.id}`;
  return (
    <StaffLayout place={props.place} title={r.title.text} trail={[[t('budget.admin.title'), `/admin/c/${props.place.slug}/budgets`]]}>
      <p><a href={props.publicHref}>{t('budget.admin.publicPage')}</a></p>
      <p>{t('budget.envelope', { amount: r.envelope })}</p>
      <NowLine round={r} />
      <RuleText round={r} />
      <section aria-labelledby="a-part">
        <h2 id="a-part">{t('budget.admin.participation')}</h2>
        <p>{t('budget.results.participation', { total: props.participation.total, online: props.participation.online, paper: props.participation.paper })}</p>
        <p class="muted">{t('budget.admin.secrecy')}</p>
      </section>
      {props.results && (
        <section aria-labelledby="a-results">
          <h2 id="a-results">{t('budget.results.title')}</h2>
          <ResultsTable results={props.results} />
        </section>
      )}

      <section aria-labelledby="a-projects">
        <h2 id="a-projects">{t('budget.projects')}</h2>
        {props.projects.length === 0 && <p class="muted">{t('budget.noProjects')}</p>}
        {props.projects.map((p) => {
          const review = props.forms.review?.id === p.id ? props.forms.review.state : { values: { status: p.status === 'submitted' ? '' : p.status, review_reason: p.reason ?? '', staff_cost_mad: '' }, errors: {}, constraints: {} };
          return (
            <article class="card budget-review" id={`project-${p.id}`}>
              <h3 dir="auto">{p.title}</h3>
              <p class="muted"><span dir="auto">{p.neighbourhood}</span> · {t('budget.cost', { amount: p.costText })} · {t(`budget.status.${p.status}`)}</p>
              <p class="body" dir="auto">{p.description}</p>
              <Form action={`${base}/projects/${p.id}/review`} state={review} submit={t('budget.admin.saveReview')}>
                <SelectField name="status" label={t('budget.fields.status')} blank="" options={[['feasible', t('budget.status.feasible')], ['infeasible', t('budget.status.infeasible')]]} />
                <TextField name="review_reason" multiline label={t('budget.fields.reason')} />
                <TextField name="staff_cost_mad" type="number" label={t('budget.fields.staffCost')} />
              </Form>
            </article>
          );
        })}
        <h3>{t('budget.admin.newProject')}</h3>
        <Form action={`${base}/projects`} state={props.forms.project} submit={t('budget.admin.addProject')}>
          <TextField name="title" label={t('budget.fields.title')} />
          <TextField name="description" multiline label={t('budget.fields.description')} />
          <TextField name="neighbourhood" label={t('budget.fields.neighbourhood')} />
          <TextField name="estimated_cost_mad" type="number" label={t('budget.fields.estimatedCost')} />
        </Form>
      </section>

      <section aria-labelledby="a-census">
        <h2 id="a-census">{t('budget.admin.census')}</h2>
        <p>{t('budget.admin.censusCount', { count: props.census })}</p>
        <p class="muted">{t('budget.admin.censusHint')}</p>
        <Form action={`${base}/census`} state={props.forms.census} submit={t('budget.admin.upload')} enctype="multipart/form-data">
          <div class="field">
            <label for="f-file">{t('budget.fields.censusFile')}</label>
            <input id="f-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby={props.forms.census.errors.file ? 'f-file-error' : undefined} />
            {props.forms.census.errors.file && <p class="error" id="f-file-error">{t(props.forms.census.errors.file.key, props.forms.census.errors.file.values)}</p>}
          </div>
        </Form>
      </section>

      {(r.phase === 'voting' || Object.keys(props.forms.paper.errors).length > 0) && (
        <section aria-labelledby="a-paper">
          <h2 id="a-paper">{t('budget.admin.paper')}</h2>
          <p class="muted">{t('budget.admin.paperHint')}</p>
          <Form action={`${base}/paper`} state={props.forms.paper} submit={t('budget.admin.recordPaper')}>
            <TextField name="cin" label={t('budget.fields.cin')} autocomplete="off" />
            <TextField name="birth_date" type="date" label={t('budget.fields.birthDate')} />
            <PaperChoices projects={props.projects.filter((p) => p.status === 'feasible')} state={props.forms.paper} />
          </Form>
        </section>
      )}
    </StaffLayout>
  );
}

function PaperChoices(props: { projects: ProjectView[]; state: FormState }) {
  const { t } = usePage();
  const raw = props.state.values.projects;
  const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  const error = props.state.errors.projects;
  return (
    <fieldset aria-describedby={error ? 'f-projects-error' : undefined}>
      <legend>{t('budget.ballot.choose')}</legend>
      {props.projects.map((p) => (
        <label class="check">
          <input type="checkbox" name="projects" value={String(p.id)} checked={chosen.has(String(p.id))} /> <span dir="auto">{p.title}</span> ({t('budget.cost', { amount: p.costText })})
        </label>
      ))}
      {error && <p class="error" id="f-projects-error">{t(error.key, error.values)}</p>}
    </fieldset>
  );
}
