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
        <RoundFields state={props.state} />
      </Form>
    </StaffLayout>
  );
}

export function RoundEditPage(props: { place: AdminPlace; round: RoundView; state: FormState }) {
  const { t } = usePage();
  const base = `/admin/c/${props.place.slug}/budgets`;
  return (
    <StaffLayout place={props.place} title={t('budget.admin.editRound')} trail={[[t('budget.admin.title'), base], [props.round.title.text, `${base}/${props.round.id}`]]}>
      <Form action={`${base}/${props.round.id}/edit`} state={props.state} submit={t('budget.admin.saveRound')}>
        <RoundFields state={props.state} />
      </Form>
    </StaffLayout>
  );
}

function RoundFields(props: { state: FormState }) {
  const { t } = usePage();
  return (
    <>
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
    </>
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
  districts: { id: number; name: string; envelope: string }[];
  projects: ProjectView[];
  census: { total: number; inPerson: number };
  participation: { online: number; paper: number; total: number };
  results: ResultsView | null;
  /** the programme's projects the winners can become activities of */
  planProjects: [string, string][];
  forms: { project: FormState; census: FormState; paper: FormState; district: FormState; inPerson: FormState; plan: FormState; review: { id: number; state: FormState } | null };
}) {
  const { t } = usePage();
  const r = props.round;
  const base = `/admin/c/${props.place.slug}/budgets/${r.id}`;
  const districtOptions: [string, string][] = props.districts.map((d) => [String(d.id), d.name]);
  const others = (id: number): [string, string][] => props.projects.filter((p) => p.id !== id && p.status !== 'merged').map((p) => [String(p.id), p.title]);
  const inPlan = props.projects.filter((p) => p.activityId !== null).length;
  const winners = props.results?.groups.flatMap((g) => g.lines.filter((l) => l.winner)) ?? [];
  return (
    <StaffLayout place={props.place} title={r.title.text} trail={[[t('budget.admin.title'), `/admin/c/${props.place.slug}/budgets`]]}>
      <p><a href={props.publicHref}>{t('budget.admin.publicPage')}</a> · <a href={`${base}/edit`}>{t('budget.admin.editRound')}</a></p>
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
          <ResultsTable results={props.results} slug={props.place.slug} />
        </section>
      )}
      {props.results && winners.length > 0 && (
        <section aria-labelledby="a-plan">
          <h2 id="a-plan">{t('budget.admin.toPlan')}</h2>
          <p class="muted">{t('budget.admin.toPlanHint')}</p>
          <p>{t('budget.admin.inPlanAlready', { count: inPlan })}</p>
          {inPlan < winners.length && (
            <Form action={`${base}/plan`} state={props.forms.plan} submit={t('budget.admin.addToPlan')}>
              <SelectField name="project_id" label={t('budget.admin.planProject')} options={props.planProjects} blank="—" />
            </Form>
          )}
        </section>
      )}

      <section aria-labelledby="a-districts">
        <h2 id="a-districts">{t('budget.admin.districts')}</h2>
        <p class="muted">{t('budget.admin.districtsHint')}</p>
        {props.districts.length === 0 ? <p>{t('budget.admin.noDistricts')}</p> : (
          <ul class="plain">{props.districts.map((d) => <li>{t('budget.districtEnvelope', { name: d.name, amount: d.envelope })}</li>)}</ul>
        )}
        {r.phase === 'upcoming' || r.phase === 'information' ? (
          <Form action={`${base}/districts`} state={props.forms.district} submit={t('budget.admin.addDistrict')}>
            <TextField name="name" label={t('budget.fields.districtName')} />
            <TextField name="envelope_mad" type="number" label={t('budget.fields.envelope')} />
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="a-projects">
        <h2 id="a-projects">{t('budget.projects')}</h2>
        {props.projects.length === 0 && <p class="muted">{t('budget.noProjects')}</p>}
        {props.projects.map((p) => {
          const review = props.forms.review?.id === p.id
            ? props.forms.review.state
            : { values: { status: p.status === 'submitted' ? '' : p.status, review_reason: p.reason ?? '', staff_cost_mad: '', merged_into_id: p.mergedInto ? String(p.mergedInto.id) : '' }, errors: {}, constraints: {} };
          return (
            <article class="card budget-review" id={`project-${p.id}`}>
              <h3 dir="auto">{p.title}</h3>
              <p class="muted">
                {p.district && <>{p.district} · </>}<span dir="auto">{p.neighbourhood}</span> · {t('budget.cost', { amount: p.costText })} · {t(`budget.status.${p.status}`)}
                {p.fromCitizen && <> · {t('budget.proposedByCitizen')}</>}
              </p>
              {p.images.length > 0 && <p class="budget-images">{p.images.map((src, i) => <a href={src}><img src={src} alt={t('budget.imageAlt', { n: i + 1 })} loading="lazy" width={96} height={72} /></a>)}</p>}
              <p class="body" dir="auto">{p.description}</p>
              <Form action={`${base}/projects/${p.id}/review`} state={review} submit={t('budget.admin.saveReview')}>
                <SelectField name="status" label={t('budget.fields.status')} blank="" options={[['feasible', t('budget.status.feasible')], ['infeasible', t('budget.status.infeasible')], ['merged', t('budget.status.merged')]]} />
                <TextField name="review_reason" multiline label={t('budget.fields.reason')} />
                <TextField name="staff_cost_mad" type="number" label={t('budget.fields.staffCost')} />
                <SelectField name="merged_into_id" label={t('budget.fields.mergedInto')} options={others(p.id)} blank="—" />
              </Form>
            </article>
          );
        })}
        <h3>{t('budget.admin.newProject')}</h3>
        <Form action={`${base}/projects`} state={props.forms.project} submit={t('budget.admin.addProject')}>
          <TextField name="title" label={t('budget.fields.title')} />
          <TextField name="description" multiline label={t('budget.fields.description')} />
          <TextField name="neighbourhood" label={t('budget.fields.neighbourhood')} />
          {districtOptions.length > 0 && <SelectField name="district_id" label={t('budget.fields.district')} options={districtOptions} blank="—" />}
          <TextField name="estimated_cost_mad" type="number" label={t('budget.fields.estimatedCost')} />
        </Form>
      </section>

      <section aria-labelledby="a-census">
        <h2 id="a-census">{t('budget.admin.census')}</h2>
        <p>{t('budget.admin.censusCount', { count: props.census.total })} {props.census.inPerson > 0 && t('budget.admin.inPersonCount', { count: props.census.inPerson })}</p>
        <p class="muted">{t('budget.admin.censusHint')}</p>
        <Form action={`${base}/census`} state={props.forms.census} submit={t('budget.admin.upload')} enctype="multipart/form-data">
          <div class="field">
            <label for="f-file">{t('budget.fields.censusFile')}</label>
            <input id="f-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby={props.forms.census.errors.file ? 'f-file-error' : undefined} />
            {props.forms.census.errors.file && <p class="error" id="f-file-error">{t(props.forms.census.errors.file.key, props.forms.census.errors.file.values)}</p>}
          </div>
        </Form>
        <h3 id="a-in-person">{t('budget.admin.inPerson')}</h3>
        <p class="muted">{t('budget.admin.inPersonHint')}</p>
        <Form action={`${base}/in-person`} state={props.forms.inPerson} submit={t('budget.admin.register')}>
          <TextField name="cin" label={t('budget.fields.cin')} autocomplete="off" />
          <TextField name="birth_date" type="date" label={t('budget.fields.birthDate')} />
          <SelectField name="gender" label={t('budget.fields.gender')} options={[['f', t('budget.gender.f')], ['m', t('budget.gender.m')]]} blank={t('budget.gender.unknown')} />
        </Form>
      </section>

      {(r.phase === 'voting' || Object.keys(props.forms.paper.errors).length > 0) && (
        <section aria-labelledby="a-paper">
          <h2 id="a-paper">{t('budget.admin.paper')}</h2>
          <p class="muted">{t('budget.admin.paperHint')}</p>
          <Form action={`${base}/paper`} state={props.forms.paper} submit={t('budget.admin.recordPaper')}>
            <TextField name="cin" label={t('budget.fields.cin')} autocomplete="off" />
            <TextField name="birth_date" type="date" label={t('budget.fields.birthDate')} />
            {districtOptions.length > 0 && <SelectField name="district_id" label={t('budget.fields.district')} options={districtOptions} blank="—" />}
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
          <input type="checkbox" name="projects" value={String(p.id)} checked={chosen.has(String(p.id))} /> <span dir="auto">{p.title}</span> ({p.district && <>{p.district} · </>}{t('budget.cost', { amount: p.costText })})
        </label>
      ))}
      {error && <p class="error" id="f-projects-error">{t(error.key, error.values)}</p>}
    </fieldset>
  );
}
