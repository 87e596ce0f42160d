// The person's meeting registrations: a section of "my space", their part of "download my data",
// and what deleting their account does (registrations and feedback go; the seats they held in
// upcoming meetings go to the waiting lists).
import type { Db } from '../../platform/db/database.ts';
import { isoToCasablanca } from '../../platform/i18n/format.ts';
import { type Locale, translator } from '../../platform/i18n/i18n.ts';
import { registerAccountDeletionHandler, registerPersonalDataExporter } from '../../platform/personal-data.ts';
import { pick } from '../../platform/tenancy.ts';
import { type MySpaceItem, placeOf, registerMySpaceSection } from '../accounts/manifest.ts';
import { deleteRegistrationsOf } from './registration.ts';
import './tables.ts';

/** A cursor of the section: the part (u: upcoming, oldest first; p: past, newest first), then
 *  the last row's start and id. */
const cursorRe = /^([up]):([\d\-T:.Z]{20,24}):(\d{1,9})$/;

async function registrationsPage(db: Db, userId: number, locale: Locale, before: string | null, limit: number) {
  const t = translator(locale);
  const at = new Date().toISOString();
  const c = before ? cursorRe.exec(before) : null;
  const part = c?.[1] ?? 'u';
  const after = c ? { starts: c[2], id: Number(c[3]) } : null;
  const base = () =>
    db
      .selectFrom('meeting_registration as r')
      .innerJoin('meeting as m', (j) => j.onRef('m.id', '=', 'r.meeting_id').onRef('m.collectivity_id', '=', 'r.collectivity_id'))
      .innerJoin('collectivity as c', 'c.id', 'r.collectivity_id')
      .select(['r.id', 'r.status', 'r.seats', 'm.id as meeting_id', 'm.starts_at', 'm.status as meeting_status', 'm.title_ar', 'm.title_fr', 'm.title_en', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .where('r.user_id', '=', userId)
      .where('r.status', '!=', 'cancelled');
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  let rows: (Row & { part: 'u' | 'p' })[] = [];
  if (part === 'u') {
    const upcoming = await base()
      .where('m.starts_at', '>', at)
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple('m.starts_at', 'r.id'), '>', eb.tuple(after!.starts, after!.id))))
      .orderBy('m.starts_at')
      .orderBy('r.id')
      .limit(limit + 1)
      .execute();
    rows = upcoming.map((r) => ({ ...r, part: 'u' as const }));
  }
  if (rows.length <= limit) {
    const past = await base()
      .where('m.starts_at', '<=', at)
      .$if(part === 'p' && after !== null, (q) => q.where((eb) => eb(eb.refTuple('m.starts_at', 'r.id'), '<', eb.tuple(after!.starts, after!.id))))
      .orderBy('m.starts_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit + 1 - rows.length)
      .execute();
    rows = [...rows, ...past.map((r) => ({ ...r, part: 'p' as const }))];
  }
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  const items: MySpaceItem[] = shown.map((r) => ({
    title: pick({ ar: r.title_ar, fr: r.title_fr, en: r.title_en }, locale),
    // the registration's own page: its status, and the button that cancels it
    href: `/${locale}/c/${r.slug}/meetings/${r.meeting_id}/register`,
    note:
      r.meeting_status === 'cancelled'
        ? t('dialogue.registration.status.meetingCancelled')
        : t(`dialogue.registration.status.${r.status}`, { seats: r.seats }),
    // Casablanca wall-clock time: my space shows its date part
    date: isoToCasablanca(r.starts_at),
    place: placeOf(r, locale),
  }));
  return { items, next: rows.length > limit ? `${last.part}:${last.starts_at}:${last.id}` : null };
}

registerMySpaceSection({
  name: 'meetings',
  list: (db, userId, locale, page) => registrationsPage(db, userId, locale, page.before, page.limit),
  async collectivityIds(db, userId) {
    return (await db.selectFrom('meeting_registration').select('collectivity_id').distinct().where('user_id', '=', userId).execute()).map((r) => r.collectivity_id);
  },
});

registerPersonalDataExporter('dialogue', async (db, person) => ({
  meetingRegistrations: await db
    .selectFrom('meeting_registration')
    .select(['collectivity_id', 'meeting_id', 'seats', 'status', 'created_at', 'updated_at'])
    .where('user_id', '=', person.id)
    .orderBy('id')
    .execute(),
}));
// (feedback has its own: outcome-routes.tsx, 'dialogue-feedback')

registerAccountDeletionHandler('dialogue', (trx, person) => deleteRegistrationsOf(trx, person.id));
