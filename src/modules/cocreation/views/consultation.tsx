// Pages of the consultation on the draft: the draft projects with their contributions and
// supports (public, cached), a project's contributions (public, cached), the forms to contribute
// and to support (uncached, for verified accounts), and the back office (window, workshop entry).
import type { ComponentChildren } from 'preact';
import { Form, type FormState, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { Layout, PlaceCrumbs, StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { T, Pager } from '../../../platform/ui/parts.tsx';
import { WORKSHOP_CONTRIBUTION_ROWS } from '../commands/consultation.ts';
import type { AdminPlace } from './admin.tsx';
import type { Place, Text } from './public.tsx';

export interface ConsultationCounts {
  contributions: number;
  online: number;
  workshop: number;
  supports: number;
}

export interface DraftProjectView {
  number: number;
  title: Text;
  objectives: Text | null;
  axis: Text;
  counts: ConsultationCounts;
  /** the project's contributions */
  href: string;
  /** null while the consultation is not open */
  contributeHref: string | null;
  supportHref: string | null;
}

/** Where the consultation stands, as one sentence (open until…, will open…, was open…). */
export interface WindowView {
  open: boolean;
  message: string;
}

function Counts(props: { counts: ConsultationCounts }) {
  const { t } = usePage();
  const c = props.counts;
  return (
    <p>
      <strong>{t('cocreation.consultation.contributionsCount', { n: c.contributions })}</strong>
      {c.contributions > 0 && <small class="muted"> ({t('cocreation.consultation.byChannel', { online: c.online, workshop: c.workshop })})</small>}
      {' · '}
      <strong>{t('cocreation.consultation.supportsCount', { n: c.supports })}</strong>
    </p>
  );
}

function WindowNotice(props: { window: WindowView }) {
  return <p class={props.window.open ? undefined : 'notice'} role={props.window.open ? undefined : 'status'}>{props.window.message}</p>;
}

export function ConsultationPage(props: { place: Place; programme: Text; window: WindowView; projects: DraftProjectView[] }) {
  const { t } = usePage();
  const title = t('cocreation.consultation.title');
  return (
    <Layout title={title}>
      <PlaceCrumbs place={props.place} here={title} trail={[[t('cocreation.processTitle'), `${props.place.href}/process`]]} />
      <h1>{title}</h1>
      <p class="muted"><T value={props.programme} /></p>
      <p>{t('cocreation.consultation.intro')}</p>
      <WindowNotice window={props.window} />
      {props.projects.length === 0 ? (
        <p>{t('cocreation.consultation.noProjects')}</p>
      ) : (
        <ol class="plain">
          {props.projects.map((p) => (
            <li id={`project-${p.number}`}>
              <h2><a href={p.href}>{t('programme.projectN', { n: p.number })}: <T value={p.title} /></a></h2>
              <p class="muted"><T value={p.axis} /></p>
              {p.objectives && (
                <>
                  <h3>{t('cocreation.consultation.objectives')}</h3>
                  <p class="body"><T value={p.objectives} /></p>
                </>
              )}
              <Counts counts={p.counts} />
              <p class="actions">
                <a href={p.href}>{t('cocreation.consultation.read')}</a>
                {p.contributeHref && <> <a class="button" href={p.contributeHref}>{t('cocreation.consultation.contribute')}</a></>}
                {p.supportHref && <> <a class="button" href={p.supportHref}>{t('cocreation.consultation.support')}</a></>}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

export interface ContributionView {
  iso: string;
  date: string;
  channel: string;
  body: string;
  /** null: unknown (the page marks it as the text's own direction) */
  lang: string | null;
  event: Text | null;
  demo: boolean;
}

export function ConsultationProjectPage(props: {
  place: Place;
  project: DraftProjectView;
  window: WindowView;
  contributions: ContributionView[];
  nextHref: string | null;
  firstHref: string | null;
}) {
  const { t } = usePage();
  const p = props.project;
  const title = `${t('programme.projectN', { n: p.number })}: ${p.title.text}`;
  return (
    <Layout title={title}>
      <PlaceCrumbs place={props.place} here={t('programme.projectN', { n: p.number })} trail={[[t('cocreation.consultation.title'), `${props.place.href}/consultation`]]} />
      <h1>{t('programme.projectN', { n: p.number })}: <T value={p.title} /></h1>
      <p class="muted"><T value={p.axis} /></p>
      {p.objectives && <p class="body"><T value={p.objectives} /></p>}
      <Counts counts={p.counts} />
      <WindowNotice window={props.window} />
      {(p.contributeHref || p.supportHref) && (
        <p class="actions">
          {p.contributeHref && <a class="button" href={p.contributeHref}>{t('cocreation.consultation.contribute')}</a>}
          {p.supportHref && <> <a class="button" href={p.supportHref}>{t('cocreation.consultation.support')}</a></>}
        </p>
      )}
      <section aria-labelledby="contributions">
        <h2 id="contributions">{t('cocreation.consultation.contributionsTitle')}</h2>
        {props.contributions.length === 0 ? (
          <p>{t('cocreation.consultation.noContributions')}</p>
        ) : (
          <ol class="history">
            {props.contributions.map((c) => (
              <li>
                <p class="muted">
                  <time datetime={c.iso}>{c.date}</time> · {t(`cocreation.channel.${c.channel}`)}
                  {c.event && <> · <T value={c.event} /></>}
                  {c.demo && <> · <span class="status">{t('cocreation.demo')}</span></>}
                </p>
                <p class="body" lang={c.lang ?? undefined} dir="auto">{c.body}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </Layout>
  );
}

export interface FormProject {
  number: number;
  title: Text;
  /** the project's consultation page */
  href: string;
}

export function ContributePage(props: { place: Place; project: FormProject; window: WindowView; state: FormState; message?: string }) {
  const { t } = usePage();
  const title = t('cocreation.consultation.contributeTitle', { n: props.project.number });
  return (
    <Layout title={title}>
      <PlaceCrumbs place={props.place} here={title} trail={[[t('cocreation.consultation.title'), `${props.place.href}/consultation`]]} />
      <h1>{title}</h1>
      <p><a href={props.project.href}><T value={props.project.title} /></a></p>
      {props.message && <p class="errors-summary" role="alert">{props.message}</p>}
      {!props.window.open ? (
        !props.message && <WindowNotice window={props.window} />
      ) : (
        <>
          <p class="muted">{props.window.message} {t('cocreation.consultation.publishedAtOnce')}</p>
          <Form action={`${props.project.href}/contribute`} state={props.state} submit={t('cocreation.consultation.publish')}>
            <TextField name="body" label={t('cocreation.consultation.yourContribution')} multiline />
          </Form>
        </>
      )}
    </Layout>
  );
}

export function SupportDraftPage(props: { place: Place; project: FormProject; window: WindowView; supports: number; message?: string }) {
  const { t, csrfToken } = usePage();
  const title = t('cocreation.consultation.supportTitle', { n: props.project.number });
  return (
    <Layout title={title}>
      <PlaceCrumbs place={props.place} here={title} trail={[[t('cocreation.consultation.title'), `${props.place.href}/consultation`]]} />
      <h1>{title}</h1>
      <p><a href={props.project.href}><T value={props.project.title} /></a> · {t('cocreation.consultation.supportsCount', { n: props.supports })}</p>
      {props.message && <p class="errors-summary" role="alert">{props.message}</p>}
      {!props.window.open ? (
        !props.message && <WindowNotice window={props.window} />
      ) : (
        <>
          <p>{t('cocreation.consultation.supportExplain')}</p>
          <form method="post" action={`${props.project.href}/support`}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button type="submit">{t('cocreation.consultation.confirmSupport')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}

// --- back office ----------------------------------------------------------------------------

function AdminLayout(props: { place: AdminPlace; title: string; children: ComponentChildren; top?: boolean }) {
  const { t } = usePage();
  const trail: [string, string][] = props.top ? [] : [[t('cocreation.consultation.title'), `/admin/c/${props.place.slug}/consultation`]];
  return <StaffLayout place={props.place} title={props.title} trail={trail}>{props.children}</StaffLayout>;
}

export function ConsultationAdminPage(props: {
  place: AdminPlace;
  programmeStatus: string;
  window: WindowView;
  state: FormState;
  projects: { number: number; title: Text; counts: ConsultationCounts }[];
  publicHref: string;
}) {
  const { t } = usePage();
  const base = `/admin/c/${props.place.slug}`;
  return (
    <AdminLayout place={props.place} title={t('cocreation.consultation.title')} top>
      <p>
        {t('cocreation.consultation.admin.programmeStatus')}: <strong>{t(`programme.programmeStatus.${props.programmeStatus}`)}</strong>
        {' · '}<a href={props.publicHref}>{t('cocreation.consultation.admin.publicPage')}</a>
      </p>
      <p class="muted">{t('cocreation.consultation.admin.statusHint', { status: t('programme.programmeStatus.consultation') })}</p>
      <WindowNotice window={props.window} />
      <h2>{t('cocreation.consultation.admin.window')}</h2>
      <Form action={`${base}/consultation/window`} state={props.state} submit={t('programme.admin.save')}>
        <TextField name="opens_local" label={t('cocreation.admin.opens')} type="datetime-local" hint={t('cocreation.admin.casablancaTime')} />
        <TextField name="closes_local" label={t('cocreation.admin.closes')} type="datetime-local" hint={t('cocreation.admin.casablancaTime')} />
      </Form>
      <h2>{t('cocreation.consultation.admin.counts')}</h2>
      <p><a class="button" href={`${base}/consultation/contributions`}>{t('cocreation.consultation.admin.enter')}</a></p>
      <div class="table-wrap"><table>
        <thead><tr>
          <th>{t('cocreation.consultation.admin.project')}</th>
          <th>{t('cocreation.channel.online')}</th>
          <th>{t('cocreation.channel.workshop')}</th>
          <th>{t('cocreation.contributions')}</th>
          <th>{t('cocreation.consultation.admin.supports')}</th>
        </tr></thead>
        <tbody>
          {props.projects.map((p) => (
            <tr>
              <td>{t('programme.projectN', { n: p.number })}: <T value={p.title} /></td>
              <td>{p.counts.online}</td>
              <td>{p.counts.workshop}</td>
              <td>{p.counts.contributions}</td>
              <td>{p.counts.supports}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </AdminLayout>
  );
}

export function WorkshopContributionsPage(props: { place: AdminPlace; action: string; state: FormState; events: [string, string][]; projects: [string, string][] }) {
  const { t } = usePage();
  return (
    <AdminLayout place={props.place} title={t('cocreation.consultation.admin.enter')}>
      <p class="muted">{t('cocreation.consultation.admin.bulkHint')}</p>
      <Form action={props.action} state={props.state} submit={t('programme.admin.save')}>
        <SelectField name="event_id" label={t('cocreation.event')} options={props.events} blank="—" />
        {Array.from({ length: WORKSHOP_CONTRIBUTION_ROWS }, (_, i) => (
          <fieldset>
            <legend>{t('cocreation.consultation.admin.contributionN', { n: i + 1 })}</legend>
            <SelectField name={`project_${i}`} label={t('cocreation.consultation.admin.project')} options={props.projects} blank="—" />
            <TextField name={`body_${i}`} label={t('cocreation.admin.text')} multiline />
          </fieldset>
        ))}
      </Form>
    </AdminLayout>
  );
}
