// Public pages of the co-creation: the process timeline, a public notice, proposals and their
// trail, participation statistics.
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { BarChart } from '../../../platform/ui/charts.tsx';
import { Layout, PlaceCrumbs, usePage } from '../../../platform/ui/page.tsx';
import { T, Pager } from '../../../platform/ui/parts.tsx';
import { type CommentView, Comments } from './comments.tsx';
import { FilterSelect } from '../../../platform/ui/form.tsx';

export type Text = { text: string; lang: Locale };

export interface Place {
  name: Text;
  href: string;
}

/** Links between the co-creation pages of a collectivity. */
export function SectionNav(props: { base: string; current: string }) {
  const { t } = usePage();
  const links: [string, string][] = [
    ['programme', t('cocreation.nav.programme')],
    ['process', t('cocreation.nav.process')],
    ['proposals', t('cocreation.nav.proposals')],
    ['consultation', t('cocreation.nav.consultation')],
    ['participation', t('cocreation.nav.participation')],
  ];
  return (
    <nav class="sections" aria-label={t('cocreation.nav.label')}>
      {links.map(([path, label]) =>
        path === props.current ? <span aria-current="page">{label}</span> : <a href={`${props.base}/${path}`}>{label}</a>,
      )}
    </nav>
  );
}

export interface StageView {
  date: string;
  iso: string;
  kind: string;
  title: Text;
  description: Text | null;
  documentUrl: string | null;
  status: string;
}

export interface EventView {
  id: number;
  date: string;
  kind: string;
  title: Text;
  place: Text | null;
  attendance: { total: number | null; women: number | null; ieecag: number | null; associations: number | null };
  proposals: number;
  contributions: number;
  proposalsHref: string;
}

export interface CallView {
  href: string;
  title: Text;
  window: string;
  state: 'upcoming' | 'open' | 'closed';
}

export interface CommitteeView {
  name: Text;
  decision: string | null;
  text: Text | null;
  members: { name: string; title: Text | null; role: string; ieecag: boolean }[];
  meetings: { iso: string; date: string; subject: Text; minutes: Text | null }[];
}

function Attendance(props: { a: EventView['attendance'] }) {
  const { t } = usePage();
  const { a } = props;
  if (a.total === null) return <span class="muted">{t('cocreation.attendanceUnknown')}</span>;
  return (
    <>
      {t('cocreation.attendance', { total: a.total })}
      {a.women !== null && <> · {t('cocreation.women', { women: a.women, share: Math.round((a.women / Math.max(a.total, 1)) * 100) })}</>}
      {a.ieecag !== null && <> · {t('cocreation.ieecagMembers', { n: a.ieecag })}</>}
      {a.associations !== null && <> · {t('cocreation.associations', { n: a.associations })}</>}
    </>
  );
}

export function ProcessPage(props: {
  place: Place;
  programme: Text;
  stages: StageView[];
  committee: CommitteeView | null;
  events: EventView[];
  calls: CallView[];
  /** the programme's plan is still being co-created (not public yet): its process is */
  coCreating?: { proposalsHref: string };
  /** the next programme, whose co-creation has started (on the current programme's page) */
  next?: { title: Text; href: string } | null;
}) {
  const { t } = usePage();
  return (
    <Layout title={t('cocreation.processTitle')}>
      <PlaceCrumbs place={props.place} here={t('cocreation.processTitle')} />
      <SectionNav base={props.place.href} current="process" />
      <h1>{t('cocreation.processTitle')}</h1>
      <p class="muted"><T value={props.programme} /></p>
      {props.coCreating && (
        <p class="notice">{t('cocreation.coCreating')} <a href={props.coCreating.proposalsHref}>{t('cocreation.programmeProposals')}</a></p>
      )}
      {props.next && (
        <p class="notice"><a href={props.next.href}>{t('cocreation.nextCycle', { title: props.next.title.text })}</a></p>
      )}
      <ol class="timeline">
        {props.stages.map((s) => (
          <li class={`stage ${s.status}`}>
            <time datetime={s.iso}>{s.date}</time>
            <span><T value={s.title} /></span>
            {s.description && <span class="muted"><T value={s.description} /></span>}
            {s.documentUrl && <a href={s.documentUrl} rel="noopener nofollow">{t('cocreation.document')}</a>}
          </li>
        ))}
      </ol>
      {props.calls.length > 0 && (
        <section aria-labelledby="calls">
          <h2 id="calls">{t('cocreation.calls')}</h2>
          <ul class="plain">
            {props.calls.map((c) => (
              <li><a href={c.href}><T value={c.title} /></a><br /><small class="muted">{c.window} · {t(`cocreation.callState.${c.state}`)}</small></li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="events">
        <h2 id="events">{t('cocreation.events')}</h2>
        <ul class="cards">
          {props.events.map((e) => (
            <li>
              <h3><T value={e.title} /></h3>
              <p class="muted">{e.date}{e.place && <> · <T value={e.place} /></>} · {t(`cocreation.eventKind.${e.kind}`)}</p>
              <p><Attendance a={e.attendance} /></p>
              {e.proposals > 0 && <p><a href={e.proposalsHref}>{t('cocreation.proposalsCollected', { n: e.proposals })}</a></p>}
              {e.contributions > 0 && <p>{t('cocreation.contributionsCollected', { n: e.contributions })}</p>}
            </li>
          ))}
        </ul>
      </section>
      {props.committee && (
        <section aria-labelledby="committee">
          <h2 id="committee"><T value={props.committee.name} /></h2>
          {props.committee.decision && <p class="muted">{props.committee.decision}</p>}
          {props.committee.text && <p><T value={props.committee.text} /></p>}
          <div class="table-wrap"><table>
            <thead><tr><th>{t('cocreation.memberName')}</th><th>{t('cocreation.memberTitle')}</th><th>{t('cocreation.memberRole')}</th></tr></thead>
            <tbody>
              {props.committee.members.map((m) => (
                <tr>
                  <td lang="ar">{m.name}</td>
                  <td><T value={m.title} /></td>
                  <td>{t(`cocreation.role.${m.role}`)}{m.ieecag && <> · {t('cocreation.representsIeecag')}</>}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
          {props.committee.meetings.length > 0 && (
            <>
              <h3>{t('cocreation.committeeMeetings')}</h3>
              <ol class="history">
                {props.committee.meetings.map((m) => (
                  <li>
                    <p><time datetime={m.iso}>{m.date}</time> · <T value={m.subject} /></p>
                    {m.minutes && <p class="body"><T value={m.minutes} /></p>}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}

export function AnnouncementPage(props: {
  place: Place;
  call: CallView & { body: Text | null; axes: Text[]; channels: string[] };
  proposeHref: string | null;
  /** its programme's process and proposals (the period's pages for a programme not current) */
  processHref: string;
  proposalsHref: string;
}) {
  const { t, locale } = usePage();
  const c = props.call;
  return (
    <Layout title={c.title.text}>
      <PlaceCrumbs place={props.place} here={t('cocreation.publicNotice')} trail={[[t('cocreation.processTitle'), props.processHref]]} />
      <article class="notice-page">
        <p class="muted">{t('cocreation.publicNotice')}</p>
        <h1><T value={c.title} /></h1>
        <p><strong>{c.window}</strong> · {t(`cocreation.callState.${c.state}`)}</p>
        {c.body && <p><T value={c.body} /></p>}
        <h2>{t('cocreation.themes')}</h2>
        <ul>{c.axes.map((a) => <li><T value={a} /></li>)}</ul>
        <p>{t('cocreation.channelsLabel')}: {c.channels.map((ch) => t(`cocreation.channel.${ch}`)).join(locale === 'ar' ? '، ' : ', ')}</p>
        {props.proposeHref && <p><a class="button" href={props.proposeHref}>{t('cocreation.submit.propose')}</a></p>}
        <p><a href={props.proposalsHref}>{t('cocreation.programmeProposals')}</a></p>
      </article>
    </Layout>
  );
}

export interface ProposalListItem {
  href: string;
  title: string;
  lang: Locale;
  axis: Text;
  channel: string;
  status: string;
  date: string;
  demo: boolean;
}


export function ProposalsPage(props: {
  place: Place;
  /** a programme other than the current one (its period's list) */
  programme?: Text;
  items: ProposalListItem[];
  filters: { axis: string; channel: string; status: string; q: string };
  axes: [string, string][];
  nextHref: string | null;
  firstHref: string | null;
}) {
  const { t } = usePage();
  const f = props.filters;
  return (
    <Layout title={t('cocreation.proposalsTitle')}>
      <PlaceCrumbs place={props.place} here={t('cocreation.proposalsTitle')} />
      <SectionNav base={props.place.href} current="proposals" />
      <h1>{t('cocreation.proposalsTitle')}</h1>
      {props.programme && <p class="muted"><T value={props.programme} /></p>}
      <p><a class="button" href={`${props.place.href}/proposals/new`}>{t('cocreation.submit.propose')}</a></p>
      <form method="get" class="filters" role="search">
        <div class="field">
          <label for="filter-q">{t('cocreation.search')}</label>
          <input id="filter-q" type="search" name="q" value={f.q} maxLength={200} />
        </div>
        <FilterSelect all={t('cocreation.all')} name="axis" label={t('programme.fields.axis')} value={f.axis} options={props.axes} />
        <FilterSelect all={t('cocreation.all')} name="channel" label={t('cocreation.channelsLabel')} value={f.channel} options={['online', 'workshop', 'other'].map((c) => [c, t(`cocreation.channel.${c}`)])} />
        <FilterSelect all={t('cocreation.all')} name="status" label={t('programme.fields.status')} value={f.status} options={['submitted', 'under_review', 'retained', 'merged', 'not_retained', 'withdrawn'].map((s) => [s, t(`cocreation.status.${s}`)])} />
        <p class="actions"><button type="submit">{t('cocreation.filter')}</button></p>
      </form>
      {props.items.length === 0 ? (
        <p>{t('cocreation.noProposals')}</p>
      ) : (
        <ol class="proposals">
          {props.items.map((p) => (
            <li>
              <h2><a href={p.href} lang={p.lang}>{p.title}</a></h2>
              <p class="muted">
                <T value={p.axis} /> · {t(`cocreation.channel.${p.channel}`)} · {p.date} · <span class={`status ${p.status}`}>{t(`cocreation.status.${p.status}`)}</span>
                {p.demo && <> · <span class="status">{t('cocreation.demo')}</span></>}
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </Layout>
  );
}

export interface TrailStep {
  iso: string;
  date: string;
  status: string;
  answer: Text | null;
  role: string | null;
}

export function ProposalPage(props: {
  place: Place;
  proposal: { title: string; body: string; lang: Locale; axis: Text; channel: string; status: string; demo: boolean; origin: { label: Text; href?: string } | null; supports: number; supportHref: string | null; followHref: string | null;
    /** the author's public name, as the sign-up form promises; null for a workshop's proposal */
    author: { name: string | null; association: boolean } | null };
  trail: TrailStep[];
  became: { label: string; href: string }[];
  /** the next programme it is being considered for (carried from the last cycle); href once public */
  considered?: { period: string; href: string | null } | null;
  comments: CommentView[];
  commentCount: number;
  commentsPager: { firstHref: string | null; nextHref: string | null };
  commentHref: string;
}) {
  const { t } = usePage();
  const p = props.proposal;
  return (
    <Layout title={p.title}>
      <PlaceCrumbs place={props.place} here={p.title} trail={[[t('cocreation.proposalsTitle'), `${props.place.href}/proposals`]]} />
      <article>
        <h1 lang={p.lang}>{p.title}</h1>
        <p class="muted">
          <T value={p.axis} /> · {t(`cocreation.channel.${p.channel}`)} · <span class={`status ${p.status}`}>{t(`cocreation.status.${p.status}`)}</span>
          {p.demo && <> · <span class="status">{t('cocreation.demo')}</span></>}
        </p>
        {p.author && (
          <p class="byline">
            {t('cocreation.author.by')}{' '}
            {p.author.name === null ? t('cocreation.comments.deletedAccount') : <bdi>{p.author.name}</bdi>}
            {p.author.association && <> ({t('cocreation.author.association')})</>}
          </p>
        )}
        {p.demo && <p class="notice">{t('cocreation.demoNotice')}</p>}
        <p lang={p.lang} class="body">{p.body}</p>
        <p class="actions">
          <span>{t('cocreation.support.count', { n: p.supports })}</span>
          {p.supportHref && <a class="button" href={p.supportHref}>{t('cocreation.support.title')}</a>}
          {p.followHref && <a href={p.followHref}>{t('cocreation.follow.link')}</a>}
        </p>
      </article>
      {props.considered && (
        <p class="notice">
          {t('cocreation.carry.considered')}{' '}
          {props.considered.href ? <a href={props.considered.href}><bdi>{props.considered.period}</bdi></a> : <bdi>{props.considered.period}</bdi>}
        </p>
      )}
      {props.became.length > 0 && (
        <section aria-labelledby="became">
          <h2 id="became">{t('cocreation.became')}</h2>
          <ul>{props.became.map((b) => <li><a href={b.href}>{b.label}</a></li>)}</ul>
        </section>
      )}
      <section aria-labelledby="trail">
        <h2 id="trail">{t('cocreation.trail')}</h2>
        <ol class="history">
          {props.trail.map((s, i) => (
            <li>
              <p>
                <time datetime={s.iso}>{s.date}</time> · <strong>{t(`cocreation.status.${s.status}`)}</strong>
                {i === 0 && p.origin && <> · {p.origin.href ? <a href={p.origin.href}><T value={p.origin.label} /></a> : <T value={p.origin.label} />}</>}
                {s.role && <> · {t(`roles.${s.role}`)}</>}
              </p>
              {s.answer && <p><T value={s.answer} /></p>}
            </li>
          ))}
        </ol>
      </section>
      <Comments comments={props.comments} count={props.commentCount} pager={props.commentsPager} commentHref={props.commentHref} />
    </Layout>
  );
}

function Figure(props: { children: ComponentChildren }) {
  return <div class="stat-block">{props.children}</div>;
}

export function ParticipationPage(props: {
  place: Place;
  axes: string[];
  proposals: { total: number; byChannel: Record<string, number>; byAxis: { total: number; byChannel: Record<string, number> }[] };
  events: EventView[];
  consultation: { total: number; byAxis: number[] };
  contributors: { total: number; byGender: { female: number; male: number; unknown: number } };
  /** participation counted by other modules (dialogue meetings), each as its own table */
  others?: OtherParticipationView[];
}) {
  const { t } = usePage();
  const channels = ['workshop', 'online', 'other'].filter((c) => props.proposals.byChannel[c] > 0 || c !== 'other');
  const counted = props.events.filter((e) => e.attendance.total !== null);
  return (
    <Layout title={t('cocreation.participationTitle')}>
      <PlaceCrumbs place={props.place} here={t('cocreation.participationTitle')} />
      <SectionNav base={props.place.href} current="participation" />
      <h1>{t('cocreation.participationTitle')}</h1>
      <p>{t('cocreation.participationIntro')}</p>
      <Figure>
        <h2>{t('cocreation.proposalsTotal', { n: props.proposals.total })}</h2>
        <p>{channels.map((c) => `${t(`cocreation.channel.${c}`)}: ${props.proposals.byChannel[c]}`).join(' · ')}</p>
        <BarChart
          title={t('cocreation.chartProposalsByAxis')}
          categories={props.axes}
          series={channels.map((c) => ({ name: t(`cocreation.channel.${c}`), values: props.proposals.byAxis.map((a) => a.byChannel[c]) }))}
          stacked
          horizontal
          width={420}
          categoryHeader={t('programme.fields.axis')}
        />
      </Figure>
      {counted.length > 0 && (
        <Figure>
          <h2>{t('cocreation.eventsAttendance')}</h2>
          <div class="table-wrap"><table>
            <thead><tr>
              <th>{t('cocreation.event')}</th><th>{t('cocreation.total')}</th><th>{t('cocreation.womenHeader')}</th>
              <th>{t('cocreation.ieecagHeader')}</th><th>{t('cocreation.proposalsHeader')}</th>
            </tr></thead>
            <tbody>
              {counted.map((e) => (
                <tr>
                  <td>{e.date} · <T value={e.title} /></td>
                  <td>{e.attendance.total}</td>
                  <td>{e.attendance.women ?? '—'}{e.attendance.women !== null && e.attendance.total ? ` (${Math.round((e.attendance.women / e.attendance.total) * 100)}%)` : ''}</td>
                  <td>{e.attendance.ieecag ?? '—'}</td>
                  <td>{e.proposals}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </Figure>
      )}
      {(props.others ?? []).map((o) => <OtherParticipation section={o} />)}
      {props.contributors.total > 0 && (
        <Figure>
          <h2>{t('cocreation.contributorsTotal', { n: props.contributors.total })}</h2>
          <p>
            {t('cocreation.womenHeader')}: {props.contributors.byGender.female} · {t('cocreation.menHeader')}: {props.contributors.byGender.male} ·{' '}
            {t('cocreation.genderUnknown')}: {props.contributors.byGender.unknown}
          </p>
        </Figure>
      )}
      <Figure>
        <h2>{t('cocreation.consultationTotal', { n: props.consultation.total })}</h2>
        <BarChart
          title={t('cocreation.chartConsultationByAxis')}
          categories={props.axes}
          series={[{ name: t('cocreation.contributions'), values: props.consultation.byAxis }]}
          horizontal
          width={420}
          categoryHeader={t('programme.fields.axis')}
        />
      </Figure>
    </Layout>
  );
}

export interface OtherParticipationView {
  title: string;
  summary: string;
  onlineHeader: string;
  count: number;
  people: number;
  rows: { date: string; title: { text: string; lang: Locale }; href: string; total: number; women: number | null; men: number | null; online: number | null }[];
}

/** Another module's events (dialogue meetings): attendance by gender, people online counted in the total. */
function OtherParticipation(props: { section: OtherParticipationView }) {
  const { t } = usePage();
  const s = props.section;
  const share = (n: number | null, total: number) => (n === null ? '—' : total > 0 ? `${n} (${Math.round((n / total) * 100)}%)` : String(n));
  return (
    <Figure>
      <h2>{t(s.title)}</h2>
      <p>{t(s.summary, { count: s.count, people: s.people })}</p>
      {s.rows.length > 0 && (
        <div class="table-wrap"><table>
          <thead><tr>
            <th>{t('cocreation.event')}</th><th>{t('cocreation.total')}</th><th>{t('cocreation.womenHeader')}</th>
            <th>{t('cocreation.menHeader')}</th><th>{t(s.onlineHeader)}</th>
          </tr></thead>
          <tbody>
            {s.rows.map((r) => (
              <tr>
                <td>{r.date} · <a href={r.href}><T value={r.title} /></a></td>
                <td>{r.total}</td>
                <td>{share(r.women, r.total)}</td>
                <td>{share(r.men, r.total)}</td>
                <td>{r.online ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </Figure>
  );
}
