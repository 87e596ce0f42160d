// Public pages of the meetings, through the page cache: /{locale}/c/{slug}/meetings (calendar),
// …/meetings/{id} (a meeting), and iCal: …/meetings/{id}.ics and the feed …/meetings.ics.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { casablancaToIso, formatDateTime, todayInCasablanca } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { sendPage } from '../../platform/page-cache.ts';
import { parseId } from '../../platform/params.ts';
import { type Collectivity, pick, pickField, requireCollectivity } from '../../platform/tenancy.ts';
import { currentProgramme, programmeTreeOf } from '../programme/manifest.ts';
import { meetingsCalendar } from './calendar.ts';
import { CALENDAR_PAGE, agendaOf, feedMeetings, findMeeting, linksOf, meetingCardsPage, monthRange, parseCursor, proposalsAmong, seatsTaken } from './repository.ts';
import { loadOutcome } from './outcome.ts';
import { calendarQuery } from './schema.ts';
import type { MeetingRow } from './tables.ts';
import { MeetingOutcome } from './views/outcome.tsx';
import { type LinkView, MeetingPage, MeetingsPage, type RegistrationView, presentMeeting, presentMeetingCard } from './views/public.tsx';

type Params = { locale: string; slug: string; id: string };

/** The feed holds the meetings of the last 90 days and every later one, at most this many. */
export const FEED_DAYS_BACK = 90;
export const FEED_MAX_EVENTS = 500;

/** Where a registration window stands at `at`. */
export function windowState(m: Pick<MeetingRow, 'registration_opens_at' | 'registration_closes_at' | 'starts_at'>, at: string): RegistrationView['state'] {
  if (m.registration_opens_at && at < m.registration_opens_at) return 'notYet';
  if (at >= (m.registration_closes_at ?? m.starts_at)) return 'closed';
  return 'open';
}

export async function dialogueRoutes(app: FastifyInstance) {
  async function placeOf(request: FastifyRequest<{ Params: Partial<Params> }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug ?? '', request);
    return { c, where: { name: pick(c.name, request.locale), href: `/${request.locale}/c/${c.slug}` } };
  }

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/meetings', async (request, reply) => {
    const { c, where } = await placeOf(request);
    const q = calendarQuery.parse(request.query ?? {});
    const locale = request.locale;
    // upcoming and past split at the start of today in Casablanca: the cache key holds the day
    const today = casablancaToIso(`${todayInCasablanca()}T00:00`);
    const range = q.month ? monthRange(q.month) : null;
    const key = `meetings:${c.id}:${c.contentVersion}:${q.kind ?? ''}:${q.month ?? ''}:${q.upcoming ?? ''}:${q.past ?? ''}`;
    return cachedPage(request, reply, key, async () => {
      const kind = q.kind;
      const [upcoming, past] = await Promise.all([
        meetingCardsPage(app.db, c.id, { kind, from: max(today, range?.from), to: range?.to, after: parseCursor(q.upcoming), limit: CALENDAR_PAGE, order: 'asc' }),
        meetingCardsPage(app.db, c.id, { kind, from: range?.from, to: min(today, range?.to), after: parseCursor(q.past), limit: CALENDAR_PAGE, order: 'desc' }),
      ]);
      const base = `/${locale}/c/${c.slug}`;
      const filters = new URLSearchParams();
      if (q.kind) filters.set('kind', q.kind);
      if (q.month) filters.set('month', q.month);
      const href = (extra: Record<string, string>) => {
        const p = new URLSearchParams(filters);
        for (const [k, v] of Object.entries(extra)) p.set(k, v);
        const s = p.toString();
        return `${base}/meetings${s ? `?${s}` : ''}`;
      };
      return (
        <MeetingsPage
          place={where}
          base={base}
          filters={{ kind: q.kind ?? '', month: q.month ?? '' }}
          upcoming={{ meetings: upcoming.items.map((m) => presentMeetingCard(m, locale)), firstHref: q.upcoming ? `${href({})}#upcoming` : null, nextHref: upcoming.next ? `${href({ upcoming: upcoming.next })}#upcoming` : null }}
          past={{ meetings: past.items.map((m) => presentMeetingCard(m, locale)), firstHref: q.past ? `${href({})}#past` : null, nextHref: past.next ? `${href({ past: past.next })}#past` : null }}
          feedHref={`${base}/meetings.ics`}
          apiHref={`/api/v1/collectivities/${c.slug}/meetings`}
        />
      );
    });
  });

  // the feed, for calendars that subscribe: the coming meetings, then those of the last 90 days
  app.get<{ Params: Params }>('/:locale/c/:slug/meetings.ics', async (request, reply) => {
    const { c } = await placeOf(request);
    const today = casablancaToIso(`${todayInCasablanca()}T00:00`);
    const since = new Date(Date.parse(today) - FEED_DAYS_BACK * 86_400_000).toISOString();
    const key = `meetings-ics:${c.id}:${c.contentVersion}:${request.locale}:${todayInCasablanca()}`;
    reply.header('content-disposition', `inline; filename="${c.slug}-meetings.ics"`);
    return sendPage(request, reply, key, async () => {
      const rows = await feedMeetings(app.db, c.id, { since, today }, FEED_MAX_EVENTS);
      const t = translator(request.locale);
      return meetingsCalendar(rows, { name: t('dialogue.feedName', { name: pick(c.name, request.locale).text }), baseUrl: app.config.baseUrl, slug: c.slug, locale: request.locale });
    }, { type: 'text/calendar; charset=utf-8' });
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/meetings/:id', async (request, reply) => {
    const { c, where } = await placeOf(request);
    const ics = request.params.id.endsWith('.ics');
    const id = parseId(ics ? request.params.id.slice(0, -4) : request.params.id);
    const m = id === null ? undefined : await findMeeting(app.db, c.id, id);
    if (!m) throw notFound('meeting_not_found');
    if (ics) return meetingIcs(request, reply, c, m);
    const at = new Date().toISOString();
    const state = m.registration_enabled === 1 ? windowState(m, at) : '';
    // the day is in the key: the feedback form's window (14 days after the meeting) moves with it
    const today = todayInCasablanca();
    return cachedPage(request, reply, `meeting:${c.id}:${c.contentVersion}:${m.id}:${state}:${today}`, async () => {
      const locale = request.locale;
      const base = `/${locale}/c/${c.slug}`;
      const [agenda, links, taken, outcome] = await Promise.all([
        agendaOf(app.db, c.id, m.id),
        linkViews(c, m.id, locale, base),
        m.registration_enabled === 1 ? seatsTaken(app.db, c.id, m.id) : 0,
        loadOutcome(app.db, c.id, m.id),
      ]);
      const registration: RegistrationView | null =
        m.registration_enabled === 1
          ? {
              capacity: m.capacity,
              seatsLeft: m.capacity === null ? null : Math.max(0, m.capacity - taken),
              full: m.capacity !== null && taken >= m.capacity,
              opensAt: m.registration_opens_at ? formatDateTime(locale, m.registration_opens_at) : null,
              closesAt: m.registration_closes_at ? formatDateTime(locale, m.registration_closes_at) : null,
              state: state || 'closed',
              registerHref: `${base}/meetings/${m.id}/register`,
            }
          : null;
      return (
        <MeetingPage
          place={where}
          base={base}
          meeting={presentMeeting(m, locale)}
          agenda={agenda.map((p) => pick({ ar: p.text_ar, fr: p.text_fr, en: p.text_en }, locale))}
          links={links}
          registration={registration}
          icsHref={`${base}/meetings/${m.id}.ics`}
          outcome={outcome && <MeetingOutcome outcome={outcome} base={base} today={today} />}
        />
      );
    });
  });

  async function meetingIcs(request: FastifyRequest, reply: FastifyReply, c: Collectivity, m: MeetingRow) {
    const key = `meeting-ics:${c.id}:${c.contentVersion}:${m.id}:${request.locale}`;
    reply.header('content-disposition', `attachment; filename="meeting-${m.id}.ics"`);
    return sendPage(request, reply, key, async () =>
      meetingsCalendar([m], { name: pick({ ar: m.title_ar, fr: m.title_fr, en: m.title_en }, request.locale).text, baseUrl: app.config.baseUrl, slug: c.slug, locale: request.locale }),
    { type: 'text/calendar; charset=utf-8' });
  }

  /** The programme items and proposals a meeting is about, with their public pages. */
  async function linkViews(c: Collectivity, meetingId: number, locale: Locale, base: string): Promise<LinkView[]> {
    const links = await linksOf(app.db, c.id, meetingId);
    if (links.length === 0) return [];
    const t = translator(locale);
    const programme = await currentProgramme(app.db, c.id);
    const tree = programme ? await programmeTreeOf(app, c, programme) : null;
    const proposals = await proposalsAmong(app.db, c.id, links.filter((l) => l.kind === 'proposal').map((l) => l.id));
    const out: LinkView[] = [];
    for (const l of links) {
      if (l.kind === 'axis') {
        const a = tree?.axes.find((x) => x.id === l.id);
        // an axis of an earlier programme: its page is that programme's, not known here
        if (a) out.push({ label: t('dialogue.link.axis', { n: a.number }), title: pickField(a, 'title', locale), href: `${base}/programme#axis-${a.number}` });
      } else if (l.kind === 'project') {
        const p = tree?.projects.find((x) => x.id === l.id);
        if (p) out.push({ label: t('dialogue.link.project', { n: p.number }), title: pickField(p, 'title', locale), href: `${base}/programme/projects/${p.number}` });
      } else if (l.kind === 'activity') {
        const a = tree?.activities.find((x) => x.id === l.id);
        // activity ids are global: the short URL redirects to the activity's own programme
        out.push({ label: t('dialogue.link.activity'), title: a ? pickField(a, 'title', locale) : null, href: `${base}/programme/activities/${l.id}` });
      } else {
        const p = proposals.find((x) => x.id === l.id);
        if (p) out.push({ label: t('dialogue.link.proposal', { n: p.id }), title: { text: p.title, lang: isLocale(p.lang) ? p.lang : 'ar' }, href: `${base}/proposals/${p.id}` });
      }
    }
    return out;
  }
}

const max = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
const min = (a: string, b: string | undefined) => (b !== undefined && b < a ? b : a);
