// Back office of the digital services: the network's platforms (network administrator), and a
// collectivity's memberships, services, monthly figures with their import, and campaigns.
import type { ComponentChildren } from 'preact';
import { Form, type FormState, L10nField, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import { campaignChannels } from '../tables.ts';
import type { ImportProblem } from '../import.ts';
import type { CampaignView, Text } from './public.tsx';

export interface AdminPlace {
  slug: string;
  name: Text;
}

export const adminBase = (slug: string) => `/admin/c/${slug}/services`;

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

// ---- the network's platforms ---------------------------------------------------------------

export function PlatformsAdminPage(props: { platforms: { id: number; key: string; name: Text; url: string | null; position: number; retired: boolean }[] }) {
  const { t } = usePage();
  return (
    <Layout title={t('services.admin.platformsTitle')}>
      <Breadcrumbs items={[[t('layout.adminDashboard'), '/admin'], [t('services.admin.platformsTitle')]]} />
      <h1>{t('services.admin.platformsTitle')}</h1>
      <p>{t('services.admin.platformsIntro')}</p>
      <p><a class="button" href="/admin/platforms/new">{t('services.admin.addPlatform')}</a></p>
      <ol class="plain">
        {props.platforms.map((p) => (
          <li id={`platform-${p.id}`}>
            <a href={`/admin/platforms/${p.id}`}><T value={p.name} /></a> · <bdi>{p.key}</bdi>
            {p.retired && <> · <span class="status">{t('services.platforms.retired')}</span></>}
            <div class="actions">
              {p.retired
                ? <PostButton action={`/admin/platforms/${p.id}/restore`} label={t('services.admin.restore')} />
                : <PostButton action={`/admin/platforms/${p.id}/retire`} label={t('services.admin.retire')} danger />}
            </div>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function PlatformFormPage(props: { title: string; action: string; state: FormState }) {
  const { t } = usePage();
  return (
    <Layout title={props.title}>
      <Breadcrumbs items={[[t('layout.adminDashboard'), '/admin'], [t('services.admin.platformsTitle'), '/admin/platforms'], [props.title]]} />
      <h1>{props.title}</h1>
      <Form action={props.action} state={props.state} submit={t('services.admin.save')}>
        <TextField name="key" label={t('services.admin.fields.key')} hint={t('services.admin.keyHint')} />
        <L10nField name="name" label={t('services.admin.fields.name')} />
        <L10nField name="purpose" label={t('services.admin.fields.purpose')} multiline />
        <TextField name="url" label={t('services.admin.fields.url')} />
        <TextField name="position" type="number" label={t('services.admin.fields.position')} />
      </Form>
    </Layout>
  );
}

// ---- a collectivity's back office ----------------------------------------------------------

export interface PlatformRowView {
  id: number;
  name: Text;
  joined: boolean;
  joinedOn: string | null;
  retired: boolean;
}

export interface ServiceRowView {
  id: number;
  name: Text;
  platform: Text | null;
  legalDays: number | null;
  months: number;
}

export function ServicesAdminPage(props: { place: AdminPlace; publicHref: string; platforms: PlatformRowView[]; indicator: { joined: number; offered: number; share: number | null }; services: ServiceRowView[]; campaignCount: number }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  return (
    <StaffLayout place={props.place} title={t('services.admin.title')}>
      <nav aria-label={t('services.admin.sections')}>
        <ul class="actions">
          <li><a href={props.publicHref}>{t('services.admin.publicPage')}</a></li>
          <li><a href={`${base}/import`}>{t('services.admin.import')}</a></li>
          <li><a href={`${base}/campaigns`}>{t('services.admin.campaigns', { count: props.campaignCount })}</a></li>
        </ul>
      </nav>

      <Section id="a-platforms" title={t('services.platforms.title')}>
        <p>{t('services.platforms.indicator', { joined: props.indicator.joined, offered: props.indicator.offered })} — <bdi>{t('services.percent', { share: props.indicator.share ?? 0 })}</bdi></p>
        <ul class="plain">
          {props.platforms.map((p) => (
            <li id={`platform-${p.id}`}>
              {p.retired ? <T value={p.name} /> : <a href={`${base}/platforms/${p.id}`}><T value={p.name} /></a>}
              {' · '}
              {p.joined ? (p.joinedOn ? <>{t('services.platforms.joinedOn')} <bdi>{p.joinedOn}</bdi></> : t('services.platforms.joined')) : <span class="muted">{t('services.platforms.notJoined')}</span>}
              {p.retired && <> · <span class="status">{t('services.platforms.retired')}</span></>}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="a-services" title={t('services.admin.services')}>
        <p><a class="button" href={`${base}/new`}>{t('services.admin.addService')}</a></p>
        {props.services.length === 0 ? (
          <p class="muted">{t('services.guides.none')}</p>
        ) : (
          <ol class="plain">
            {props.services.map((s, i) => (
              <li id={`service-${s.id}`}>
                <a href={`${base}/${s.id}`}><T value={s.name} /></a>
                {s.platform && <> · <T value={s.platform} /></>}
                {' · '}<a href={`${base}/${s.id}/months`}>{t('services.admin.monthsLink', { count: s.months })}</a>
                <div class="actions">
                  {i > 0 && <PostButton action={`${base}/${s.id}/move?direction=up`} label={t('services.admin.up')} />}
                  {i < props.services.length - 1 && <PostButton action={`${base}/${s.id}/move?direction=down`} label={t('services.admin.down')} />}
                  <PostButton action={`${base}/${s.id}/delete`} label={t('services.admin.delete')} danger />
                </div>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </StaffLayout>
  );
}

export function MembershipFormPage(props: { place: AdminPlace; platform: { name: Text; purpose: Text | null; url: string | null }; action: string; state: FormState }) {
  const { t } = usePage();
  const p = props.platform;
  return (
    <StaffLayout place={props.place} title={p.name.text} trail={[[t('services.admin.title'), adminBase(props.place.slug)]]}>
      {p.purpose && <p class="muted"><T value={p.purpose} /></p>}
      {p.url && <p><a href={p.url} rel="noopener"><bdi>{p.url}</bdi></a></p>}
      <Form action={props.action} state={props.state} submit={t('services.admin.save')}>
        <label class="check">
          <input type="checkbox" name="joined" value="1" checked={props.state.values.joined === '1'} /> {t('services.admin.fields.joined')}
        </label>
        <TextField name="joined_on" type="date" label={t('services.admin.fields.joinedOn')} />
        <L10nField name="services" label={t('services.admin.fields.servicesConcerned')} multiline />
        <L10nField name="desk" label={t('services.admin.fields.desk')} />
      </Form>
    </StaffLayout>
  );
}

export function ServiceFormPage(props: { place: AdminPlace; title: string; action: string; state: FormState; platforms: [string, string][] }) {
  const { t } = usePage();
  return (
    <StaffLayout place={props.place} title={props.title} trail={[[t('services.admin.title'), adminBase(props.place.slug)]]}>
      <Form action={props.action} state={props.state} submit={t('services.admin.save')}>
        <L10nField name="name" label={t('services.admin.fields.serviceName')} />
        <L10nField name="how_to_apply" label={t('services.guide.howToApply')} multiline />
        <L10nField name="documents_needed" label={t('services.guide.documents')} multiline />
        <L10nField name="desk" label={t('services.guide.desk')} />
        <TextField name="online_url" label={t('services.admin.fields.onlineUrl')} />
        <SelectField name="platform_id" label={t('services.admin.fields.platform')} blank={t('services.admin.noPlatform')} options={props.platforms} />
        <TextField name="legal_days" type="number" label={t('services.admin.fields.legalDays')} hint={t('services.admin.legalHint')} />
      </Form>
    </StaffLayout>
  );
}

export function MonthsAdminPage(props: {
  place: AdminPlace;
  service: { id: number; name: Text };
  state: FormState;
  months: { month: string; label: string; received: number; online: number; paper: number; medianDays: number | null }[];
  firstHref: string | null;
  nextHref: string | null;
}) {
  const { t } = usePage();
  const base = `${adminBase(props.place.slug)}/${props.service.id}/months`;
  return (
    <StaffLayout place={props.place} title={t('services.admin.monthsTitle', { service: props.service.name.text })} trail={[[t('services.admin.title'), adminBase(props.place.slug)]]}>
      <Section id="a-month" title={t('services.admin.enterMonth')}>
        <p class="muted">{t('services.admin.monthHint')}</p>
        <Form action={base} state={props.state} submit={t('services.admin.save')}>
          <TextField name="month" label={t('services.figures.month')} hint={t('services.admin.monthFormat')} />
          <TextField name="received" type="number" label={t('services.figures.received')} />
          <TextField name="online" type="number" label={t('services.figures.online')} />
          <TextField name="paper" type="number" label={t('services.figures.paper')} />
          <TextField name="median_days" type="number" label={t('services.figures.medianDays')} />
        </Form>
      </Section>
      <Section id="a-months" title={t('services.admin.monthsList')}>
        {props.months.length === 0 ? <p class="muted">{t('services.figures.none')}</p> : (
          <ul class="plain">
            {props.months.map((m) => (
              <li id={`month-${m.month}`}>
                <strong>{m.label}</strong>
                {' — '}{t('services.admin.monthLine', { received: m.received, online: m.online, paper: m.paper })}
                {m.medianDays !== null && <> · {t('services.admin.monthMedian', { days: m.medianDays })}</>}
                <div class="actions">
                  <a class="button" href={`${base}?month=${m.month}#a-month`}>{t('services.admin.edit')}</a>
                  <PostButton action={`${base}/${m.month}/delete`} label={t('services.admin.delete')} danger />
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
      </Section>
    </StaffLayout>
  );
}

export function ImportPage(props: { place: AdminPlace; state: FormState; problems: ImportProblem[]; services: { position: number; name: Text }[]; accept: string }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  return (
    <StaffLayout place={props.place} title={t('services.admin.importTitle')} trail={[[t('services.admin.title'), base]]}>
      <p>{t('services.admin.importIntro')}</p>
      <p class="muted">{t('services.admin.importReplace')}</p>
      <details>
        <summary>{t('services.admin.importServices')}</summary>
        <ol class="plain">{props.services.map((s) => <li><bdi>{s.position}</bdi> — <T value={s.name} /></li>)}</ol>
      </details>
      {props.problems.length > 0 && (
        <div class="errors-summary" role="alert">
          <p>{t('services.admin.importRefused')}</p>
          <ul>
            {props.problems.map((p) => (
              <li>{p.row !== null && <><bdi>{t('services.admin.row', { row: p.row })}</bdi>{' '}</>}{t(p.key, p.values)}</li>
            ))}
          </ul>
        </div>
      )}
      <Form action={`${base}/import`} state={props.state} submit={t('services.admin.importButton')} enctype="multipart/form-data">
        <div class="field">
          <label for="f-file">{t('services.admin.fields.file')}</label>
          <input id="f-file" type="file" name="file" accept={props.accept} required />
        </div>
      </Form>
    </StaffLayout>
  );
}

export function CampaignsAdminPage(props: { place: AdminPlace; campaigns: CampaignView[]; firstHref: string | null; nextHref: string | null }) {
  const { t } = usePage();
  const base = `${adminBase(props.place.slug)}/campaigns`;
  return (
    <StaffLayout place={props.place} title={t('services.campaigns.title')} trail={[[t('services.admin.title'), adminBase(props.place.slug)]]}>
      <p><a class="button" href={`${base}/new`}>{t('services.admin.addCampaign')}</a></p>
      {props.campaigns.length === 0 ? <p class="muted">{t('services.campaigns.none')}</p> : (
        <ul class="plain">
          {props.campaigns.map((c) => (
            <li>
              <a href={`${base}/${c.id}`}><T value={c.title} /></a> — <bdi>{c.heldOn}</bdi> · {t(`services.channels.${c.channel}`)}
              <div class="actions"><PostButton action={`${base}/${c.id}/delete`} label={t('services.admin.delete')} danger /></div>
            </li>
          ))}
        </ul>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}

export function CampaignFormPage(props: { place: AdminPlace; title: string; action: string; state: FormState }) {
  const { t } = usePage();
  const base = adminBase(props.place.slug);
  return (
    <StaffLayout place={props.place} title={props.title} trail={[[t('services.admin.title'), base], [t('services.campaigns.title'), `${base}/campaigns`]]}>
      <Form action={props.action} state={props.state} submit={t('services.admin.save')}>
        <TextField name="held_on" type="date" label={t('services.admin.fields.heldOn')} />
        <SelectField name="channel" label={t('services.admin.fields.channel')} blank="—" options={campaignChannels.map((c) => [c, t(`services.channels.${c}`)])} />
        <L10nField name="title" label={t('services.admin.fields.title')} />
        <L10nField name="description" label={t('services.admin.fields.description')} multiline />
        <TextField name="reached" type="number" label={t('services.admin.fields.reached')} />
        <TextField name="women" type="number" label={t('services.admin.fields.women')} hint={t('services.admin.womenHint')} />
        <TextField name="materials_url" label={t('services.admin.fields.materials')} />
      </Form>
    </StaffLayout>
  );
}
