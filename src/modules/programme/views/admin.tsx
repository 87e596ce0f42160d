// Back-office pages of the programme: the overview with every part, and one form per part.
// Arabic, French and English fields side by side; works without JavaScript.
import type { ComponentChildren } from 'preact';
import { CheckboxesField, Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { T, Pager } from '../../../platform/ui/parts.tsx';
import { activityStatuses, programmeStatuses } from '../progress.ts';
import type { ProgrammeView, Text } from '../presenters.ts';
import { costKinds, fundingKinds, indicatorKinds, partnerKinds } from '../schema.ts';
import { BackupStatus } from '../../../platform/backup/status.tsx';
import type { BackupRun } from '../../../platform/backup/runs.ts';

export interface Options {
  axes: [string, string][];
  projects: [string, string][];
  partners: [string, string][];
  /** the network's themes an axis may take */
  themes: [string, string][];
}

export interface AdminPlace {
  slug: string;
  name: Text;
}

const adminBase = (slug: string) => `/admin/c/${slug}`;

/** A programme other than the current one, as the breadcrumbs show it. */
export interface ProgrammeCrumb {
  title: Text;
  period: string;
  href: string;
}

function AdminLayout(props: { place: AdminPlace; title: string; children: ComponentChildren; crumb?: boolean; programme?: ProgrammeCrumb }) {
  const { t } = usePage();
  const items: [string, string?][] = [[t('programme.admin.dashboard'), '/admin'], [props.place.name.text, adminBase(props.place.slug)]];
  if (props.programme) items.push([props.programme.title.text, props.crumb !== false ? props.programme.href : undefined]);
  if (props.crumb !== false) items.push([props.title]);
  return (
    <Layout title={props.title}>
      <Breadcrumbs items={items} />
      {props.children}
    </Layout>
  );
}

export function AxisFields(props: { options: Options }) {
  const { t } = usePage();
  return (
    <>
      <TextField name="number" label={t('programme.fields.number')} type="number" />
      <L10nField name="title" label={t('programme.fields.title')} />
      <SelectField name="theme_id" label={t('network.themes.fields.theme')} options={props.options.themes} blank={t('network.themes.none')} />
    </>
  );
}

export function ProjectFields(props: { options: Options }) {
  const { t } = usePage();
  return (
    <>
      <SelectField name="axis_id" label={t('programme.fields.axis')} options={props.options.axes} blank="" />
      <TextField name="number" label={t('programme.fields.number')} type="number" />
      <L10nField name="title" label={t('programme.fields.title')} />
      <L10nField name="objectives" label={t('programme.fields.objectives')} multiline />
      <L10nField name="expected_results" label={t('programme.fields.expected_results')} multiline />
      <TextField name="duration_months" label={t('programme.fields.duration_months')} type="number" />
      <CheckboxesField name="partners" label={t('programme.fields.partners')} options={props.options.partners} />
      <L10nField name="partners_contribution" label={t('programme.fields.partners_contribution')} multiline />
    </>
  );
}

export function ActivityFields(props: { options: Options }) {
  const { t } = usePage();
  return (
    <>
      <SelectField name="project_id" label={t('programme.fields.project')} options={props.options.projects} blank="" />
      <TextField name="number" label={t('programme.fields.number')} type="number" />
      <L10nField name="title" label={t('programme.fields.title')} />
      <CheckboxesField name="partners" label={t('programme.fields.partners')} options={props.options.partners} />
      <fieldset>
        <legend>{t('programme.fields.cost')}</legend>
        <SelectField name="cost_kind" label={t('programme.fields.cost_kind')} options={costKinds.map((k) => [k, t(`programme.costKind.${k}`)])} />
        <TextField name="cost_amount_mad" label={t('programme.fields.cost_amount_mad')} type="number" />
        <L10nField name="cost_note" label={t('programme.fields.cost_note')} />
      </fieldset>
      <fieldset>
        <legend>{t('programme.fields.funding')}</legend>
        <SelectField name="funding_kind" label={t('programme.fields.funding_kind')} options={fundingKinds.map((k) => [k, t(`programme.fundingKind.${k}`)])} />
        <SelectField name="funding_partner_id" label={t('programme.fields.funding_partner')} options={props.options.partners} blank="—" />
      </fieldset>
      <TextField name="start_date" label={t('programme.fields.start_date')} type="date" />
      <TextField name="end_date" label={t('programme.fields.end_date')} type="date" />
      <SelectField name="status" label={t('programme.fields.status')} options={activityStatuses.map((s) => [s, t(`programme.status.${s}`)])} />
      <TextField name="progress" label={t('programme.fields.progress')} type="number" />
      <TextField name="weight" label={t('programme.fields.weight')} type="number" hint={t('programme.admin.weightHint')} />
    </>
  );
}

export function PartnerFields() {
  const { t } = usePage();
  return (
    <>
      <L10nField name="name" label={t('programme.fields.name')} />
      <SelectField name="kind" label={t('programme.fields.partner_kind')} options={partnerKinds.map((k) => [k, t(`programme.partnerKind.${k}`)])} />
    </>
  );
}

export function IndicatorFields(props: { options: Options }) {
  const { t } = usePage();
  return (
    <>
      <SelectField name="project_id" label={t('programme.fields.project')} options={props.options.projects} blank="" />
      <SelectField name="kind" label={t('programme.fields.kind')} options={indicatorKinds.map((k) => [k, t(`programme.indicatorKind.${k}`)])} />
      <L10nField name="statement" label={t('programme.fields.statement')} multiline />
      <L10nField name="unit" label={t('programme.fields.unit')} />
      <TextField name="baseline" label={t('programme.fields.baseline')} type="number" />
      <TextField name="target" label={t('programme.fields.target')} type="number" />
    </>
  );
}

export function ProgrammeFields() {
  const { t } = usePage();
  return (
    <>
      <L10nField name="title" label={t('programme.fields.title')} />
      <TextField name="start_year" label={t('programme.fields.start_year')} type="number" />
      <TextField name="end_year" label={t('programme.fields.end_year')} type="number" />
      <SelectField name="status" label={t('programme.fields.status')} options={programmeStatuses.map((s) => [s, t(`programme.programmeStatus.${s}`)])} />
      <L10nField name="adoption_session" label={t('programme.fields.adoption_session')} />
      <TextField name="adoption_date" label={t('programme.fields.adoption_date')} type="date" />
      <L10nField name="adoption_reference" label={t('programme.fields.adoption_reference')} />
    </>
  );
}

export function EntityFormPage(props: {
  place: AdminPlace;
  /** the programme edited, when it is not the current one at the short URLs */
  programme?: ProgrammeCrumb;
  title: string;
  action: string;
  state: FormState;
  children: ComponentChildren;
  deleteAction?: string;
  /** shown between the title and the form (e.g. the checks before adoption) */
  before?: ComponentChildren;
}) {
  const { t } = usePage();
  return (
    <AdminLayout place={props.place} title={props.title} programme={props.programme}>
      <h1>{props.title}</h1>
      {props.programme && <p class="muted"><T value={props.programme.title} /> · <bdi>{props.programme.period}</bdi></p>}
      {props.before}
      <Form action={props.action} state={props.state} submit={t('programme.admin.save')}>
        {props.children}
      </Form>
      {props.deleteAction && (
        <p class="actions">
          <PostButton action={props.deleteAction} label={t('programme.admin.delete')} danger />
        </p>
      )}
    </AdminLayout>
  );
}

function Row(props: { cells: ComponentChildren[]; edit?: string }) {
  const { t } = usePage();
  return (
    <tr>
      {props.cells.map((c) => <td>{c}</td>)}
      <td>{props.edit && <a href={props.edit}>{t('programme.admin.edit')}</a>}</td>
    </tr>
  );
}

/** Items another module carried into this programme from the last cycle (e.g. proposals). */
export interface CarriedGroup {
  heading: string;
  items: { title: string; lang: string; note: string; href: string }[];
}

export function OverviewPage(props: {
  place: AdminPlace;
  programme: ProgrammeView | null;
  /** base of the parts' forms: the collectivity's for the current programme, or /programmes/{id} */
  editBase: string;
  /** a programme addressed by its id (a draft, one in consultation or a closed one) */
  scoped?: { period: string; readOnly: boolean; notice: ComponentChildren; listHref: string | null; adoptHref: string | null; reviewHref: string | null };
  partners: { id: number; name: Text; kind: string }[];
  indicators: { id: number; project: number; kind: string; statement: Text }[];
  carried: CarriedGroup[];
  /** the programmes being prepared (drafts, in consultation), on the current one's overview */
  preparing: { title: Text; period: string; statusLabel: string; href: string }[];
  canManage: boolean;
  /** may keep the equality commission's space (ieecag.edit) */
  canIeecag?: boolean;
  /** may read the change log of staff actions (audit.read) */
  canAudit?: boolean;
  /** null while the programme is not public */
  publicHref: string | null;
}) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  const edit = props.editBase;
  const pr = props.programme;
  const scoped = props.scoped;
  const writable = !scoped?.readOnly;
  const heading = scoped && pr ? pr.title.text : props.place.name.text;
  return (
    <AdminLayout place={props.place} title={heading} crumb={false} programme={scoped && pr ? { title: pr.title, period: scoped.period, href: edit } : undefined}>
      <h1>{scoped && pr ? <><T value={pr.title} /> · <bdi>{scoped.period}</bdi></> : <T value={props.place.name} />}</h1>
      {!pr ? (
        <>
          <p>{t('programme.admin.noProgramme')}</p>
          {props.canManage && <a class="button" href={`${base}/programme`}>{t('programme.admin.createProgramme')}</a>}
          {props.canManage && <p><a href={`${base}/import`}>{t('transfer.links.import')}</a></p>}
          {props.canAudit && <p><a href={`${base}/audit`}>{t('audit.title')}</a></p>}
        </>
      ) : (
        <>
          <p>
            <strong><T value={pr.title} /></strong> · {pr.statusLabel}
            {props.publicHref && <> · <a href={props.publicHref}>{t('programme.admin.viewPublic')}</a></>}
            {props.canManage && !scoped && <> · <a href={`${base}/programme`}>{t('programme.admin.editProgramme')}</a></>}
            {scoped?.listHref && <> · <a href={scoped.listHref}>{t('programme.cycles.title')}</a></>}
          </p>
          {(scoped?.reviewHref || scoped?.adoptHref) && (
            <p class="actions">
              {scoped.reviewHref && <a href={scoped.reviewHref}>{t('programme.admin.review')}</a>}
              {scoped.adoptHref && <a class="button" href={scoped.adoptHref}>{t('programme.cycles.adopt')}</a>}
            </p>
          )}
          {scoped ? scoped.notice : <nav aria-label={t('programme.admin.workspaces')}>
            <ul class="actions">
              <li><a href={`${base}/cocreation`}>{t('cocreation.admin.manage')}</a></li>
              <li><a href={`${base}/tracking`}>{t('tracking.admin.title')}</a></li>
              <li><a href={`${base}/meetings`}>{t('dialogue.admin.title')}</a></li>
              <li><a href={`${base}/services`}>{t('services.title')}</a></li>
              <li><a href={`${base}/surveys`}>{t('surveys.title')}</a></li>
              <li><a href={`${base}/information`}>{t('information.admin.title')}</a></li>
              {props.canIeecag && <li><a href={`${base}/ieecag`}>{t('ieecag.admin.title')}</a></li>}
              <li><a href={`${base}/consistency`}>{t('transfer.links.consistency')}</a></li>
              {props.canManage && <li><a href={`${base}/reports`}>{t('evaluation.admin.title')}</a></li>}
              {props.canManage && <li><a href={`${base}/programmes`}>{t('programme.cycles.title')}</a></li>}
              {props.canManage && <li><a href={`${base}/import`}>{t('transfer.links.import')}</a></li>}
              {props.canManage && <li><a href={`${base}/budgets`}>{t('budget.title')}</a></li>}
              {props.canManage && <li><a href={`${base}/team`}>{t('team.title')}</a></li>}
              {props.canAudit && <li><a href={`${base}/audit`}>{t('audit.title')}</a></li>}
            </ul>
          </nav>}
          {!scoped && ['adopted', 'in_implementation', 'closed', 'archived'].includes(pr.status) && <p class="notice">{t('programme.admin.publicHistoryNotice')}</p>}
          {props.preparing.length > 0 && (
            <section aria-labelledby="preparing">
              <h2 id="preparing">{t('programme.admin.preparing')}</h2>
              <ul>
                {props.preparing.map((p) => (
                  <li><a href={p.href}><T value={p.title} /></a> · <bdi>{p.period}</bdi> · {p.statusLabel}</li>
                ))}
              </ul>
            </section>
          )}
          {props.carried.map((g) => (
            <section>
              <h2>{g.heading}</h2>
              <ul>
                {g.items.map((i) => (
                  <li><a href={i.href} lang={i.lang}>{i.title}</a> · {i.note}</li>
                ))}
              </ul>
            </section>
          ))}

          <h2>{t('programme.admin.axes')}</h2>
          {writable && <p><a class="button" href={`${edit}/axes/new`}>{t('programme.admin.newAxis')}</a></p>}
          <div class="table-wrap"><table>
            <thead><tr><th>{t('programme.fields.number')}</th><th>{t('programme.fields.title')}</th><th><span class="sr-only">{t('programme.admin.actions')}</span></th></tr></thead>
            <tbody>{pr.axes.map((a) => <Row cells={[a.number, <T value={a.title} />]} edit={writable ? `${edit}/axes/${a.id}` : undefined} />)}</tbody>
          </table></div>

          <h2>{t('programme.admin.projects')}</h2>
          {writable && <p><a class="button" href={`${edit}/projects/new`}>{t('programme.admin.newProject')}</a></p>}
          <div class="table-wrap"><table>
            <thead><tr><th>{t('programme.fields.number')}</th><th>{t('programme.fields.title')}</th><th>{t('programme.fields.axis')}</th><th><span class="sr-only">{t('programme.admin.actions')}</span></th></tr></thead>
            <tbody>
              {pr.axes.flatMap((a) => a.projects.map((p) => <Row cells={[p.number, <T value={p.title} />, a.number]} edit={writable ? `${edit}/projects/${p.id}` : undefined} />))}
            </tbody>
          </table></div>

          <h2>{t('programme.admin.activities')}</h2>
          {writable && <p><a class="button" href={`${edit}/activities/new`}>{t('programme.admin.newActivity')}</a></p>}
          <div class="table-wrap"><table>
            <thead><tr>
              <th>{t('programme.fields.project')}</th><th>{t('programme.fields.number')}</th><th>{t('programme.fields.title')}</th>
              <th>{t('programme.fields.end_date')}</th><th>{t('programme.fields.status')}</th><th>{t('programme.fields.progress')}</th><th><span class="sr-only">{t('programme.admin.actions')}</span></th>
            </tr></thead>
            <tbody>
              {pr.axes.flatMap((a) =>
                a.projects.flatMap((p) =>
                  p.activities.map((x) => (
                    <Row cells={[p.number, x.number, <T value={x.title} />, x.end, x.statusLabel, `${x.progress}%`]} edit={writable ? `${edit}/activities/${x.id}` : undefined} />
                  )),
                ),
              )}
            </tbody>
          </table></div>

          <h2>{t('programme.admin.indicators')}</h2>
          {writable && <p><a class="button" href={`${edit}/indicators/new`}>{t('programme.admin.newIndicator')}</a></p>}
          <div class="table-wrap"><table>
            <thead><tr><th>{t('programme.fields.project')}</th><th>{t('programme.fields.kind')}</th><th>{t('programme.fields.statement')}</th><th><span class="sr-only">{t('programme.admin.actions')}</span></th></tr></thead>
            <tbody>
              {props.indicators.map((i) => (
                <Row cells={[i.project, t(`programme.indicatorKind.${i.kind}`), <T value={i.statement} />]} edit={writable ? `${edit}/indicators/${i.id}` : undefined} />
              ))}
            </tbody>
          </table></div>
        </>
      )}
      <h2>{t('programme.admin.partners')}</h2>
      <p><a class="button" href={`${base}/partners/new`}>{t('programme.admin.newPartner')}</a></p>
      <div class="table-wrap"><table>
        <thead><tr><th>{t('programme.fields.name')}</th><th>{t('programme.fields.partner_kind')}</th><th><span class="sr-only">{t('programme.admin.actions')}</span></th></tr></thead>
        <tbody>
          {props.partners.map((p) => <Row cells={[<T value={p.name} />, t(`programme.partnerKind.${p.kind}`)]} edit={`${base}/partners/${p.id}`} />)}
        </tbody>
      </table></div>
    </AdminLayout>
  );
}

/** A change refused with its reason (a closed programme's parts), and where to go instead. */
export function RefusedPage(props: { place: AdminPlace; title: Text; message: string; publicHref: string; listHref: string }) {
  const { t } = usePage();
  return (
    <AdminLayout place={props.place} title={props.title.text}>
      <h1><T value={props.title} /></h1>
      <p class="error" role="alert">{props.message}</p>
      <p><a href={props.publicHref}>{t('programme.admin.viewPublic')}</a> · <a href={props.listHref}>{t('programme.cycles.title')}</a></p>
    </AdminLayout>
  );
}

/** `backup`: the last backup (null: none yet) for those who may see it (platform/backup). */
export function DashboardPage(props: { collectivities: { slug: string; name: Text; kind: string; role: string }[]; nextHref: string | null; showOutbox: boolean; canCreateCollectivity: boolean; backup?: BackupRun | null }) {
  const { t } = usePage();
  return (
    <Layout title={t('programme.admin.dashboard')}>
      <h1>{t('programme.admin.dashboard')}</h1>
      {(props.showOutbox || props.canCreateCollectivity) && (
        <p>
          {props.showOutbox && <a href="/admin/outbox">{t('programme.admin.outbox')}</a>}
          {props.showOutbox && props.canCreateCollectivity && ' · '}
          {props.canCreateCollectivity && <a href="/admin/collectivities/new">{t('collectivities.admin.new')}</a>}
          {props.canCreateCollectivity && <> · <a href="/admin/platforms">{t('services.admin.platformsTitle')}</a></>}
          {props.canCreateCollectivity && <> · <a href="/admin/information/rules">{t('information.rules.title')}</a></>}
          {props.canCreateCollectivity && <> · <a href="/admin/network">{t('network.dashboard.adminTitle')}</a></>}
        </p>
      )}
      {props.collectivities.length === 0 ? (
        <p>{t('programme.admin.noCollectivity')}</p>
      ) : (
        <ul class="cards">
          {props.collectivities.map((c) => (
            <li>
              <h2><a href={adminBase(c.slug)}><T value={c.name} /></a></h2>
              <p class="muted">{t(`kinds.${c.kind}`)} · {t(`roles.${c.role}`)}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager firstHref={null} nextHref={props.nextHref} />
      {props.backup !== undefined && <BackupStatus last={props.backup} />}
    </Layout>
  );
}
