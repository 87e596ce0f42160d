// Participation statistics, computed from the records: proposals by channel and axis, events
// with their attendance and the proposals collected there, contributions to the draft by axis.
import type { Db } from '../../platform/db/database.ts';
import { type L10n, l10nOf } from '../../platform/tenancy.ts';
import './tables.ts';

export const channels = ['online', 'workshop', 'other'] as const;
export type Channel = (typeof channels)[number];
type ByChannel = Record<Channel, number>;

const emptyByChannel = (): ByChannel => ({ online: 0, workshop: 0, other: 0 });

export interface ParticipationStats {
  proposals: {
    total: number;
    byChannel: ByChannel;
    byAxis: { axis: number; axisId: number; title: { ar: string; fr: string | null; en: string | null }; total: number; byChannel: ByChannel }[];
  };
  events: {
    id: number;
    date: string;
    kind: string;
    title: { ar: string; fr: string | null; en: string | null };
    place: L10n;
    attendance: { total: number | null; women: number | null; ieecag: number | null; associations: number | null };
    proposals: number;
    contributions: number;
  }[];
  consultation: { total: number; byAxis: { axis: number; axisId: number; total: number }[] };
  /** people who proposed online, counted once each, by the gender they chose to give (optional) */
  contributors: { total: number; byGender: { female: number; male: number; unknown: number } };
}

export async function participationStats(db: Db, collectivityId: number, programmeId: number): Promise<ParticipationStats> {
  // five queries, each table read once: on PostgreSQL each query is a round trip the page waits for
  const [axes, proposalCounts, events, contributionCounts, authors] = await Promise.all([
    db
      .selectFrom('axis')
      .select(['id', 'number', 'title_ar', 'title_fr', 'title_en'])
      .where('collectivity_id', '=', collectivityId)
      .where('programme_id', '=', programmeId)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('proposal')
      .select((eb) => ['axis_id', 'channel', 'event_id', eb.fn.countAll<number>().as('n')])
      .where('collectivity_id', '=', collectivityId)
      .where('programme_id', '=', programmeId)
      .where('status', '!=', 'withdrawn')
      .groupBy(['axis_id', 'channel', 'event_id'])
      .execute(),
    db
      .selectFrom('participation_event')
      .selectAll()
      .where('collectivity_id', '=', collectivityId)
      .where('programme_id', '=', programmeId)
      .orderBy('held_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('consultation_contribution as c')
      .leftJoin('project as p', 'p.id', 'c.project_id')
      .select((eb) => ['c.event_id', 'p.axis_id', eb.fn.countAll<number>().as('n')])
      .where('c.collectivity_id', '=', collectivityId)
      .where('c.programme_id', '=', programmeId)
      .groupBy(['c.event_id', 'p.axis_id'])
      .execute(),
    db
      .selectFrom('app_user as u')
      .select((eb) => ['u.gender', eb.fn.countAll<number>().as('n')])
      .where('u.id', 'in', (eb) =>
        eb.selectFrom('proposal').select('author_user_id').where('collectivity_id', '=', collectivityId).where('programme_id', '=', programmeId).where('author_user_id', 'is not', null),
      )
      .groupBy('u.gender')
      .execute(),
  ]);

  const byAxis = axes.map((a) => ({ axis: a.number, axisId: a.id, title: { ar: a.title_ar, fr: a.title_fr, en: a.title_en }, total: 0, byChannel: emptyByChannel() }));
  const byChannel = emptyByChannel();
  const perEvent = new Map<number, number>();
  let total = 0;
  for (const r of proposalCounts) {
    const n = Number(r.n);
    const channel = r.channel as Channel;
    total += n;
    byChannel[channel] += n;
    const axis = byAxis.find((a) => a.axisId === r.axis_id);
    if (axis) {
      axis.total += n;
      axis.byChannel[channel] += n;
    }
    if (r.event_id !== null) perEvent.set(r.event_id, (perEvent.get(r.event_id) ?? 0) + n);
  }
  const contributionsByEvent = new Map<number, number>();
  const contributionsByAxis = new Map<number, number>();
  for (const r of contributionCounts) {
    const n = Number(r.n);
    if (r.event_id !== null) contributionsByEvent.set(r.event_id, (contributionsByEvent.get(r.event_id) ?? 0) + n);
    if (r.axis_id !== null) contributionsByAxis.set(r.axis_id, (contributionsByAxis.get(r.axis_id) ?? 0) + n);
  }
  const byGender = { female: 0, male: 0, unknown: 0 };
  for (const r of authors) byGender[r.gender === 'female' || r.gender === 'male' ? r.gender : 'unknown'] += Number(r.n);
  return {
    contributors: { total: byGender.female + byGender.male + byGender.unknown, byGender },
    proposals: { total, byChannel, byAxis },
    events: events.map((e) => ({
      id: e.id,
      date: e.held_on,
      kind: e.kind,
      title: { ar: e.title_ar, fr: e.title_fr, en: e.title_en },
      place: l10nOf(e, 'place'),
      attendance: { total: e.attendance_total, women: e.attendance_women, ieecag: e.attendance_ieecag, associations: e.associations_represented },
      proposals: perEvent.get(e.id) ?? 0,
      contributions: contributionsByEvent.get(e.id) ?? 0,
    })),
    consultation: {
      total: [...contributionsByAxis.values()].reduce((a, b) => a + b, 0),
      byAxis: axes.map((a) => ({ axis: a.number, axisId: a.id, total: contributionsByAxis.get(a.id) ?? 0 })),
    },
  };
}
