// iCal (RFC 5545) for meetings, by ical-generator: one meeting's .ics (the page's link and the
// confirmation mail's attachment) and a collectivity's subscribable feed.
//
// Times are written in UTC (…Z), which every calendar (Google, Outlook, Apple) converts right, with
// X-WR-TIMEZONE: Africa/Casablanca for the calendar's display zone. A TZID=Africa/Casablanca on
// each time would need a VTIMEZONE block, and Morocco's (UTC+1, UTC+0 during Ramadan, moving each
// year) is not a rule a calendar can hold: a stale block would shift every meeting by an hour.
// The UID is the meeting's id on this host, stable across edits; SEQUENCE is the meeting's
// `sequence`, bumped by every change a calendar should pick up; a cancelled meeting stays in the
// feed with STATUS:CANCELLED so that subscribed calendars remove it.
import type { ICalCalendar } from 'ical-generator';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { pick } from '../../platform/tenancy.ts';
import type { MeetingRow } from './tables.ts';

/** What an event of the iCal carries: 17 of the row's 52 columns (no minutes, no questions). */
export const calendarColumns = [
  'id', 'status', 'starts_at', 'ends_at', 'sequence', 'online_url', 'created_at', 'updated_at',
  'title_ar', 'title_fr', 'title_en', 'description_ar', 'description_fr', 'description_en', 'place_ar', 'place_fr', 'place_en',
] as const;
export type CalendarMeeting = Pick<MeetingRow, (typeof calendarColumns)[number]>;

export interface CalendarOptions {
  /** the calendar's name (the collectivity's, or the meeting's title) */
  name: string;
  /** the public origin, e.g. https://infitah.ma */
  baseUrl: string;
  slug: string;
  locale: Locale;
}

/** Stable across edits and instances: the meeting's id on this host. */
export function meetingUid(id: number, baseUrl: string): string {
  return `meeting-${id}@${new URL(baseUrl).host}`;
}

export async function meetingsCalendar(meetings: Iterable<CalendarMeeting>, options: CalendarOptions): Promise<string> {
  const { default: ical, ICalEventStatus } = await import('ical-generator');
  const calendar: ICalCalendar = ical({ name: options.name, prodId: '//Infitah//Meetings//AR', x: { 'X-WR-TIMEZONE': 'Africa/Casablanca' } });
  for (const m of meetings) {
    const text = (name: 'title' | 'description' | 'place') => pick({ ar: m[`${name}_ar`], fr: m[`${name}_fr`], en: m[`${name}_en`] }, options.locale).text;
    const url = `${options.baseUrl}/${options.locale}/c/${options.slug}/meetings/${m.id}`;
    const place = text('place');
    calendar.createEvent({
      id: meetingUid(m.id, options.baseUrl),
      sequence: m.sequence,
      start: new Date(m.starts_at),
      end: new Date(m.ends_at),
      stamp: new Date(m.updated_at),
      created: new Date(m.created_at),
      lastModified: new Date(m.updated_at),
      summary: text('title'),
      description: [text('description'), url].filter(Boolean).join('\n\n'),
      location: place || m.online_url || null,
      url,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
