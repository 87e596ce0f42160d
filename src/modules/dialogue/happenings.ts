// What the meetings put on the collectivity's home ("open now" and "coming": the next meetings,
// and one under way) and in its announcements (each meeting, dated by its start).
import { type Happening, registerAnnouncements, registerOpenNow } from '../collectivities/happenings.ts';
import { l10nOf } from '../../platform/tenancy.ts';
import { MAX_DURATION_MINUTES } from './schema.ts';
import './tables.ts';

/** Meetings shown as coming on the home, soonest first. */
const NEXT_MEETINGS = 3;

registerOpenNow(async (db, collectivityId, at) => {
  // a meeting lasts a day at most: one that started since then may still be under way (indexed by start)
  const since = new Date(Date.parse(at) - MAX_DURATION_MINUTES * 60_000).toISOString();
  const rows = await db
    .selectFrom('meeting')
    .select(['id', 'title_ar', 'title_fr', 'title_en', 'starts_at', 'ends_at'])
    .where('collectivity_id', '=', collectivityId)
    .where('starts_at', '>=', since)
    .where('status', '!=', 'cancelled')
    .orderBy('starts_at')
    .limit(NEXT_MEETINGS + 5)
    .execute();
  return rows
    .filter((m) => m.ends_at > at)
    .slice(0, NEXT_MEETINGS)
    .map((m): Happening => ({ kind: 'meeting', key: `dialogue:${m.id}`, title: l10nOf(m, 'title'), href: `/meetings/${m.id}`, from: m.starts_at, until: m.ends_at }));
});

registerAnnouncements(async (db, collectivityId, { before, limit }) => {
  const rows = await db
    .selectFrom('meeting')
    .select(['id', 'title_ar', 'title_fr', 'title_en', 'place_ar', 'place_fr', 'place_en', 'starts_at'])
    .where('collectivity_id', '=', collectivityId)
    .$if(before !== null, (q) => q.where('starts_at', '<=', before!))
    .orderBy('starts_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((m) => ({ kind: 'meeting' as const, key: `dialogue:${m.id}`, title: l10nOf(m, 'title'), summary: l10nOf(m, 'place'), href: `/meetings/${m.id}`, at: m.starts_at }));
});
