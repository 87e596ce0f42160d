// Public pages of the dialogue mechanism: the calendar of meetings (upcoming and past, filtered by
// kind and month) and a meeting's page. Cached pages: no form with a token, only links (GET).
// The presenter at the top turns rows into the view models the pages receive.
import type { ComponentChildren } from 'preact';
import { TIME_ZONE, formatDateTime, todayInCasablanca } from '../../../platform/i18n/format.ts';
import { type Locale, intlLocale } from '../../../platform/i18n/i18n.ts';
import { pick, pickField } from '../../../platform/tenancy.ts';
import { Layout, PlaceCrumbs, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import type { Text } from '../../programme/manifest.ts';
import { type MeetingKind, type MeetingRow, meetingKinds } from '../tables.ts';
import type { MeetingCardRow } from '../repository.ts';

export interface Place {
  name: Text;
  /** the collectivity's public home in the page's language */
  href: string;
}

// ---- presenter ---------------------------------------------------------------------------------

export interface MeetingView {
  id: number;
  kind: MeetingKind;
  status: 'planned' | 'held' | 'postponed' | 'cancelled';
  title: Text;
  /** "5 December 2026 at 10:00 – 12:00", Casablanca time */
  when: string;
  /** the first announced start, when postponed */
  postponedFrom: string | null;
  cancelReason: Text | null;
  place: Text | null;
  mapUrl: string | null;
  onlineUrl: string | null;
  /** language names, in the page's language */
  languages: string[];
  organizer: Text | null;
  accessibility: Text | null;
  description: Text | null;
  example: boolean;
}

const timeFormats = new Map<Locale, Intl.DateTimeFormat>();
function timeOf(locale: Locale, iso: string): string {
  let f = timeFormats.get(locale);
  if (!f) timeFormats.set(locale, (f = new Intl.DateTimeFormat(intlLocale[locale], { timeStyle: 'short', timeZone: TIME_ZONE })));
  return f.format(new Date(iso));
}

/** The start in full, then the end's time (or its full date when it ends on another day). */
export function whenText(locale: Locale, startsAt: string, endsAt: string): string {
  const sameDay = todayInCasablanca(new Date(startsAt)) === todayInCasablanca(new Date(endsAt));
  return `${formatDateTime(locale, startsAt)} – ${sameDay ? timeOf(locale, endsAt) : formatDateTime(locale, endsAt)}`;
}

const languageNames: Record<string, Record<Locale, string>> = {
  ar: { ar: 'العربية', fr: 'arabe', en: 'Arabic' },
  ary: { ar: 'الدارجة', fr: 'darija', en: 'Darija' },
  zgh: { ar: 'الأمازيغية', fr: 'amazighe', en: 'Amazigh' },
  fr: { ar: 'الفرنسية', fr: 'français', en: 'French' },
  en: { ar: 'الإنجليزية', fr: 'anglais', en: 'English' },
};
export const languageName = (code: string, locale: Locale) => languageNames[code]?.[locale] ?? code;

/** What a meeting's card in a list shows. */
export type MeetingCardView = Pick<MeetingView, 'id' | 'kind' | 'status' | 'title' | 'when' | 'postponedFrom' | 'cancelReason' | 'place' | 'example'>;

export function presentMeetingCard(m: MeetingCardRow, locale: Locale): MeetingCardView {
  return {
    id: m.id,
    kind: m.kind as MeetingKind,
    status: m.status as MeetingView['status'],
    title: pick({ ar: m.title_ar, fr: m.title_fr, en: m.title_en }, locale),
    when: whenText(locale, m.starts_at, m.ends_at),
    postponedFrom: m.status === 'postponed' && m.postponed_from ? formatDateTime(locale, m.postponed_from) : null,
    cancelReason: m.status === 'cancelled' ? pickField(m, 'cancel_reason', locale) : null,
    place: pickField(m, 'place', locale),
    example: m.is_example === 1,
  };
}

export function presentMeeting(m: MeetingRow, locale: Locale): MeetingView {
  return {
    ...presentMeetingCard(m, locale),
    mapUrl: m.map_url,
    onlineUrl: m.online_url,
    languages: m.languages.split(',').filter(Boolean).map((c) => languageName(c, locale)),
    organizer: pickField(m, 'organizer', locale),
    accessibility: pickField(m, 'accessibility', locale),
    description: pickField(m, 'description', locale),
  };
}

// ---- parts -------------------------------------------------------------------------------------

/** `heading`: the title as a localized text, marked with its language when it falls back. */
function Page(props: { place: Place; title: string; heading?: Text; trail?: [string, string][]; children: ComponentChildren }) {
  return (
    <Layout title={props.title}>
      <PlaceCrumbs place={props.place} trail={props.trail} here={props.title} />
      <h1>{props.heading ? <T value={props.heading} /> : props.title}</h1>
      {props.children}
    </Layout>
  );
}

/** The meeting's status, with the old → new date when postponed. */
export function StatusLine(props: { m: MeetingCardView }) {
  const { t } = usePage();
  const m = props.m;
  return (
    <p class="meeting-status">
      <span class={`status ${m.status === 'cancelled' || m.status === 'postponed' ? 'delayed' : m.status === 'held' ? 'done' : ''}`.trim()}>{t(`dialogue.status.${m.status}`)}</span>
      {m.postponedFrom && <> {t('dialogue.postponedFromTo', { from: m.postponedFrom, to: m.when })}</>}
      {m.example && <> <span class="status">{t('dialogue.example')}</span></>}
    </p>
  );
}

function MeetingCard(props: { m: MeetingCardView; href: string }) {
  const { t } = usePage();
  const m = props.m;
  return (
    <li>
      <h3><a href={props.href}><T value={m.title} /></a></h3>
      <p><bdi>{m.when}</bdi> · {t(`dialogue.kind.${m.kind}`)}</p>
      {m.place && <p class="muted"><T value={m.place} /></p>}
      {(m.status !== 'planned' || m.example) && <StatusLine m={m} />}
      {m.cancelReason && <p>{t('dialogue.cancelReason')} <T value={m.cancelReason} /></p>}
    </li>
  );
}

// ---- the calendar ------------------------------------------------------------------------------

export interface CalendarSection {
  meetings: MeetingCardView[];
  firstHref: string | null;
  nextHref: string | null;
}

export function MeetingsPage(props: {
  place: Place;
  base: string;
  filters: { kind: string; month: string };
  upcoming: CalendarSection;
  past: CalendarSection;
  feedHref: string;
  apiHref: string;
}) {
  const { t } = usePage();
  const kinds = meetingKinds.map((k) => [k, t(`dialogue.kind.${k}`)] as const);
  const filtered = props.filters.kind !== '' || props.filters.month !== '';
  const section = (id: string, title: string, s: CalendarSection, empty: string) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {s.meetings.length === 0 ? <p class="muted">{empty}</p> : <ul class="cards">{s.meetings.map((m) => <MeetingCard m={m} href={`${props.base}/meetings/${m.id}`} />)}</ul>}
      <Pager firstHref={s.firstHref} nextHref={s.nextHref} />
    </section>
  );
  return (
    <Page place={props.place} title={t('dialogue.title')}>
      <p>{t('dialogue.intro')}</p>
      <form method="get" action={`${props.base}/meetings`} class="filters">
        <div class="field">
          <label for="f-kind">{t('dialogue.fields.kind')}</label>
          <select id="f-kind" name="kind">
            <option value="">{t('dialogue.allKinds')}</option>
            {kinds.map(([value, label]) => <option value={value} selected={props.filters.kind === value}>{label}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-month">{t('dialogue.month')}</label>
          <input id="f-month" name="month" type="month" value={props.filters.month} />
        </div>
        <p class="actions">
          <button type="submit">{t('dialogue.filter')}</button>
          {filtered && <> <a href={`${props.base}/meetings`}>{t('dialogue.clearFilters')}</a></>}
        </p>
      </form>
      {section('upcoming', t('dialogue.upcoming'), props.upcoming, t('dialogue.noUpcoming'))}
      {section('past', t('dialogue.past'), props.past, t('dialogue.noPast'))}
      <p>
        <a href={props.feedHref} type="text/calendar">{t('dialogue.subscribe')}</a> · <a href={props.apiHref} type="application/json">{t('dialogue.openData')}</a>
      </p>
    </Page>
  );
}

// ---- a meeting ---------------------------------------------------------------------------------

export interface LinkView {
  label: string;
  title: Text | null;
  href: string;
}

export interface RegistrationView {
  /** null: no limit */
  capacity: number | null;
  seatsLeft: number | null;
  full: boolean;
  opensAt: string | null;
  closesAt: string | null;
  /** where the window stands now */
  state: 'notYet' | 'open' | 'closed';
  registerHref: string;
}

export function MeetingPage(props: {
  place: Place;
  base: string;
  meeting: MeetingView;
  agenda: Text[];
  links: LinkView[];
  registration: RegistrationView | null;
  icsHref: string;
  /** what the meeting gave once held (views/outcome.tsx), or null */
  outcome: ComponentChildren;
}) {
  const { t, locale } = usePage();
  const m = props.meeting;
  const r = props.registration;
  return (
    <Page place={props.place} title={m.title.text} heading={m.title} trail={[[t('dialogue.title'), `${props.base}/meetings`]]}>
      {m.example && <p class="notice">{t('dialogue.exampleNotice')}</p>}
      <StatusLine m={m} />
      {m.cancelReason && <p><strong>{t('dialogue.cancelReason')}</strong> <T value={m.cancelReason} /></p>}
      <dl class="facts">
        <dt>{t('dialogue.fields.kind')}</dt>
        <dd>{t(`dialogue.kind.${m.kind}`)}</dd>
        <dt>{t('dialogue.fields.when')}</dt>
        <dd><bdi>{m.when}</bdi> <span class="muted">{t('dialogue.casablancaTime')}</span></dd>
        {m.place && <><dt>{t('dialogue.fields.place')}</dt><dd><T value={m.place} />{m.mapUrl && <> · <a href={m.mapUrl} rel="noopener noreferrer">{t('dialogue.map')}</a></>}</dd></>}
        {m.onlineUrl && <><dt>{t('dialogue.onlineShort')}</dt><dd><a href={m.onlineUrl} rel="noopener noreferrer">{t('dialogue.joinOnline')}</a> <span class="muted">(<bdi dir="ltr">{new URL(m.onlineUrl).host}</bdi>)</span></dd></>}
        <dt>{t('dialogue.fields.languages')}</dt>
        <dd>{m.languages.join(locale === 'ar' ? '، ' : ', ')}</dd>
        {m.organizer && <><dt>{t('dialogue.fields.organizer')}</dt><dd><T value={m.organizer} /></dd></>}
        {m.accessibility && <><dt>{t('dialogue.fields.accessibility')}</dt><dd><T value={m.accessibility} /></dd></>}
      </dl>
      <p><a class="button" href={props.icsHref} type="text/calendar">{t('dialogue.addToCalendar')}</a></p>
      {m.description && <p class="body"><T value={m.description} /></p>}

      {r && (
        <section aria-labelledby="registration">
          <h2 id="registration">{t('dialogue.registrationTitle')}</h2>
          <p>
            {r.capacity === null
              ? t('dialogue.noLimit')
              : r.full
                ? <strong>{t('dialogue.full')}</strong>
                : t('dialogue.seatsLeft', { count: r.seatsLeft ?? 0, capacity: r.capacity })}
          </p>
          {((r.opensAt && r.state === 'notYet') || r.closesAt) && (
            <p>
              {r.opensAt && r.state === 'notYet' && <>{t('dialogue.windowOpens', { date: r.opensAt })} </>}
              {r.closesAt && t('dialogue.windowCloses', { date: r.closesAt })}
            </p>
          )}
          {m.status === 'cancelled' ? null : r.state === 'open' ? (
            <p><a class="button" href={props.base + `/meetings/${m.id}/register`}>{r.full ? t('dialogue.joinWaitingList') : t('dialogue.register')}</a></p>
          ) : (
            <p class="muted">{t(r.state === 'notYet' ? 'dialogue.windowNotYet' : 'dialogue.windowClosed')}</p>
          )}
        </section>
      )}

      <section aria-labelledby="agenda">
        <h2 id="agenda">{t('dialogue.agenda')}</h2>
        {props.agenda.length === 0 ? <p class="muted">{t('dialogue.noAgenda')}</p> : <ol>{props.agenda.map((p) => <li><T value={p} /></li>)}</ol>}
      </section>

      {props.outcome}

      {props.links.length > 0 && (
        <section aria-labelledby="links">
          <h2 id="links">{t('dialogue.linkedItems', { count: props.links.length })}</h2>
          <ul>
            {props.links.map((l) => (
              <li>{l.label}{l.title && <>: </>}<a href={l.href}>{l.title ? <T value={l.title} /> : l.href}</a></li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
