// What co-creation puts on the collectivity's home ("open now") and in its announcements: calls
// for proposals, the consultation on the draft, workshops and the committee's meetings.
import { l10nOf } from '../../platform/tenancy.ts';
import { registerAnnouncements, registerOpenNow } from '../collectivities/happenings.ts';
import './tables.ts';
import './consultation-tables.ts';
import './process-tables.ts';

const noText = { ar: null, fr: null, en: null };
/** The process page of an event's programme: `/process` for the current one, else its period's. */
const processPath = (p: { start_year: number; end_year: number; is_current: number }) =>
  Number(p.is_current) === 1 ? '/process' : `/programmes/${p.start_year}-${p.end_year}/process`;

registerOpenNow(async (db, collectivityId, at) => {
  const today = at.slice(0, 10);
  const [calls, windows, events, meetings] = await Promise.all([
    db.selectFrom('call_for_proposals').select(['id', 'title_ar', 'title_fr', 'title_en', 'opens_at', 'closes_at']).where('collectivity_id', '=', collectivityId).where('closes_at', '>=', at).orderBy('opens_at').limit(10).execute(),
    db.selectFrom('consultation_window').select(['programme_id', 'opens_at', 'closes_at']).where('collectivity_id', '=', collectivityId).where('closes_at', '>=', at).limit(5).execute(),
    // with their programme: the workshop of a programme being co-created is on its period's page
    db
      .selectFrom('participation_event as e')
      .innerJoin('programme as p', 'p.id', 'e.programme_id')
      .select(['e.id', 'e.title_ar', 'e.title_fr', 'e.title_en', 'e.held_on', 'p.start_year', 'p.end_year', 'p.is_current'])
      .where('e.collectivity_id', '=', collectivityId)
      .where('e.held_on', '>=', today)
      .orderBy('e.held_on')
      .limit(10)
      .execute(),
    db
      .selectFrom('committee_meeting')
      .select(['id', 'subject_ar', 'subject_fr', 'subject_en', 'held_on'])
      .where('collectivity_id', '=', collectivityId)
      .where('held_on', '>=', today)
      .orderBy('held_on')
      .limit(10)
      .execute(),
  ]);
  return [
    ...calls.map((c) => ({ kind: 'call' as const, key: `call:${c.id}`, title: l10nOf(c, 'title'), href: `/announcements/${c.id}`, from: c.opens_at, until: c.closes_at })),
    ...windows.map((w) => ({ kind: 'consultation' as const, key: `consultation:${w.programme_id}`, title: noText, href: '/consultation', from: w.opens_at, until: w.closes_at })),
    ...events.map((e) => ({ kind: 'meeting' as const, key: `event:${e.id}`, title: l10nOf(e, 'title'), href: processPath(e), from: e.held_on, until: null })),
    ...meetings.map((m) => ({ kind: 'meeting' as const, key: `committee:${m.id}`, title: l10nOf(m, 'subject'), href: '/process', from: m.held_on, until: null })),
  ];
});


registerAnnouncements(async (db, collectivityId, page) => {
  const { before, limit } = page;
  const [calls, windows, events, meetings] = await Promise.all([
    db
      .selectFrom('call_for_proposals')
      .select(['id', 'title_ar', 'title_fr', 'title_en', 'body_ar', 'body_fr', 'body_en', 'published_at'])
      .where('collectivity_id', '=', collectivityId)
      .$if(before !== null, (q) => q.where('published_at', '<=', before!))
      .orderBy('published_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('consultation_window')
      .select(['programme_id', 'opens_at'])
      .where('collectivity_id', '=', collectivityId)
      .$if(before !== null, (q) => q.where('opens_at', '<=', before!))
      .orderBy('opens_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('participation_event as e')
      .innerJoin('programme as p', 'p.id', 'e.programme_id')
      .select(['e.id', 'e.title_ar', 'e.title_fr', 'e.title_en', 'e.place_ar', 'e.place_fr', 'e.place_en', 'e.held_on', 'p.start_year', 'p.end_year', 'p.is_current'])
      .where('e.collectivity_id', '=', collectivityId)
      .$if(before !== null, (q) => q.where('e.held_on', '<=', before!))
      .orderBy('e.held_on', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('committee_meeting')
      .select(['id', 'subject_ar', 'subject_fr', 'subject_en', 'held_on'])
      .where('collectivity_id', '=', collectivityId)
      .$if(before !== null, (q) => q.where('held_on', '<=', before!))
      .orderBy('held_on', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return [
    ...calls.map((c) => ({ kind: 'call' as const, key: `call:${c.id}`, title: l10nOf(c, 'title'), summary: l10nOf(c, 'body'), href: `/announcements/${c.id}`, at: c.published_at })),
    ...windows.map((w) => ({ kind: 'consultation' as const, key: `consultation:${w.programme_id}`, title: noText, summary: null, href: '/consultation', at: w.opens_at })),
    ...events.map((e) => ({ kind: 'meeting' as const, key: `event:${e.id}`, title: l10nOf(e, 'title'), summary: l10nOf(e, 'place'), href: processPath(e), at: e.held_on })),
    ...meetings.map((m) => ({ kind: 'meeting' as const, key: `committee:${m.id}`, title: l10nOf(m, 'subject'), summary: null, href: '/process', at: m.held_on })),
  ];
});
