// The network's figures: facts per member collectivity, read from what the modules export (never
// their tables) and kept up to date incrementally (networkFacts: only the collectivities whose
// content version moved are read again), then summed for any filter (region, kind, period) by
// pure functions, once per read of the facts (figuresOf). The page, its exports, the API, the
// back-office twin and a region's or province's own block all read the same facts.
//
// Members are the collectivities with is_demo = 0: the demo's example commune (and anything
// marked as invented) is left out of every national figure.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { ballotsByYear, nextResultsAt, resultsOutBetween } from '../budget/manifest.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { eventAttendanceByYear, proposalCountsByYear } from '../cocreation/manifest.ts';
import { meetingAttendanceByYear } from '../dialogue/manifest.ts';
import { requestsByYear } from '../information/manifest.ts';
import { networkProgrammes, networkThemeCounts, type NetworkProgrammeRow } from '../programme/manifest.ts';
import { surveyAnswersByYear } from '../surveys/manifest.ts';

export const memberKinds = ['commune', 'province', 'prefecture', 'region'] as const;
export const programmeStatuses = ['co_creation', 'consultation', 'adopted', 'in_implementation', 'closed', 'archived'] as const;
export const proposalChannels = ['online', 'workshop', 'other'] as const;
/** progress buckets of a programme, in percent (the last one is "done": 100) */
export const progressBuckets = ['0-24', '25-49', '50-74', '75-99', '100'] as const;
export type ProgressBucket = (typeof progressBuckets)[number] | 'none';

export interface Name { ar: string; fr: string | null; en: string | null }

export interface Theme { id: number; key: string; name: Name; retired: boolean }

export interface Member {
  id: number;
  slug: string;
  name: Name;
  kind: string;
  parentId: number | null;
  /** the region it is in (itself for a region), null when its chain has none */
  regionId: number | null;
  /** its province or prefecture (itself for one), null for a region */
  provinceId: number | null;
  joinedYear: string | null;
}

/** The participation counts summed by the dashboard, every one computed from records. */
export interface Participation {
  proposals: number;
  proposalsOnline: number;
  proposalsWorkshop: number;
  proposalsOther: number;
  workshops: number;
  workshopAttendance: number;
  meetings: number;
  meetingAttendance: number;
  /** women among the attendance of workshops and meetings that recorded them */
  women: number;
  /** attendance of the workshops and meetings that recorded women: the base of their share */
  genderedAttendance: number;
  ballots: number;
  surveyAnswers: number;
  requests: number;
  requestsAnswered: number;
  requestsOnTime: number;
}

export const participationFields = [
  'proposals', 'proposalsOnline', 'proposalsWorkshop', 'proposalsOther', 'workshops', 'workshopAttendance', 'meetings', 'meetingAttendance',
  'women', 'genderedAttendance', 'ballots', 'surveyAnswers', 'requests', 'requestsAnswered', 'requestsOnTime',
] as const satisfies readonly (keyof Participation)[];

const emptyParticipation = (): Participation => Object.fromEntries(participationFields.map((f) => [f, 0])) as unknown as Participation;

function addInto(into: Participation, from: Participation) {
  for (const f of participationFields) into[f] += from[f];
}

export interface NetworkFacts {
  /** names this read of the facts: the page cache and the figures key on it */
  generation: string;
  today: string;
  /** the instant ballots were counted at (the rounds whose results were out then) */
  asOf: string;
  /** the next instant a round's results come out: the facts are stale from then on */
  expiresAt: string | null;
  members: Member[];
  byId: Map<number, Member>;
  regions: Member[];
  themes: Theme[];
  programmes: NetworkProgrammeRow[];
  /** per programme id: theme id (null: not classified) → axes, and → late activities */
  axesByTheme: Map<number, Map<number | null, number>>;
  lateByTheme: Map<number, Map<number | null, number>>;
  /** per collectivity id: year → participation */
  participation: Map<number, Map<string, Participation>>;
  /** per collectivity id (members and the others): the content version its rows were read at */
  versions: Map<number, number>;
  /** figures already computed from these facts, per filters (figuresOf) */
  figures: Map<string, Figures>;
}

/**
 * The network's version: changes when any collectivity's content does (every write bumps its
 * content_version, which only grows, so the sum moves), when one is added, and when a theme is
 * added or renamed. One query over two small tables, asked at most once per FRESH_MS by
 * networkFacts; which collectivities changed is then read from their versions.
 */
export async function networkVersion(db: Db): Promise<string> {
  const r = await sql<{ n: number | string; s: number | string | null; t: number | string; u: string | null }>`
    select (select count(*) from collectivity) as n, (select sum(content_version) from collectivity) as s,
           (select count(*) from network_theme) as t, (select max(updated_at) from network_theme) as u`.execute(db);
  const row = r.rows[0]!;
  return `${row.n}.${row.s ?? 0}.${row.t}.${row.u ?? ''}`;
}

/** What the programmes give: depends on the day (lateness), read again for all on a new day. */
interface Plans {
  programmes: NetworkProgrammeRow[];
  axesByTheme: Map<number, Map<number | null, number>>;
  lateByTheme: Map<number, Map<number | null, number>>;
}

/** The programmes of these collectivities (all when `ids` is undefined), as of `today`. */
async function readPlans(db: Db, today: string, isMember: (id: number) => boolean, ids?: readonly number[]): Promise<Plans> {
  const [programmes, themeCounts] = await Promise.all([networkProgrammes(db, today, ids), networkThemeCounts(db, today, ids)]);
  const perTheme = (rows: { programmeId: number; themeId: number | null; count: number }[]) => {
    const out = new Map<number, Map<number | null, number>>();
    for (const r of rows) {
      let m = out.get(r.programmeId);
      if (!m) out.set(r.programmeId, (m = new Map()));
      m.set(r.themeId, (m.get(r.themeId) ?? 0) + r.count);
    }
    return out;
  };
  return { programmes: programmes.filter((p) => isMember(p.collectivityId)), axesByTheme: perTheme(themeCounts.axes), lateByTheme: perTheme(themeCounts.late) };
}

/** The participation of these collectivities (all when `ids` is undefined), per collectivity and year; ballots as of `asOf`. */
async function readParticipation(db: Db, asOf: string, isMember: (id: number) => boolean, ids?: readonly number[]): Promise<Map<number, Map<string, Participation>>> {
  const [proposals, events, meetings, ballots, answers, requests] = await Promise.all([
    proposalCountsByYear(db, ids),
    eventAttendanceByYear(db, ids),
    meetingAttendanceByYear(db, ids),
    ballotsByYear(db, asOf, ids),
    surveyAnswersByYear(db, ids),
    requestsByYear(db, ids),
  ]);
  const participation = new Map<number, Map<string, Participation>>();
  const cell = (collectivityId: number, year: string): Participation | null => {
    if (!isMember(collectivityId)) return null;
    let years = participation.get(collectivityId);
    if (!years) participation.set(collectivityId, (years = new Map()));
    let p = years.get(year);
    if (!p) years.set(year, (p = emptyParticipation()));
    return p;
  };
  for (const r of proposals) {
    const p = cell(r.collectivityId, r.year);
    if (!p) continue;
    p.proposals += r.count;
    if (r.channel === 'online') p.proposalsOnline += r.count;
    else if (r.channel === 'workshop') p.proposalsWorkshop += r.count;
    else p.proposalsOther += r.count;
  }
  // workshops and meetings: their own counts, women's share over both
  const attended = (rows: typeof meetings, held: 'workshops' | 'meetings', came: 'workshopAttendance' | 'meetingAttendance') => {
    for (const r of rows) {
      const p = cell(r.collectivityId, r.year);
      if (!p) continue;
      p[held] += r.events;
      p[came] += r.attendance;
      p.women += r.women;
      p.genderedAttendance += r.genderedAttendance;
    }
  };
  attended(events, 'workshops', 'workshopAttendance');
  attended(meetings, 'meetings', 'meetingAttendance');
  for (const r of ballots) {
    const p = cell(r.collectivityId, r.year);
    if (p) p.ballots += r.count;
  }
  for (const r of answers) {
    const p = cell(r.collectivityId, r.year);
    if (p) p.surveyAnswers += r.count;
  }
  for (const r of requests) {
    const p = cell(r.collectivityId, r.year);
    if (!p) continue;
    p.requests += r.requests;
    p.requestsAnswered += r.answered;
    p.requestsOnTime += r.onTime;
  }
  return participation;
}

/** Beyond this many changed collectivities, every one is read again (one pass beats long lists). */
const REFRESH_AT_MOST = 300;
let generations = 0;

/**
 * Reads the network's facts. Given the previous facts, only the collectivities that changed are
 * read again and the others' rows are kept: those whose content version moved, that joined or
 * left, and those with a round whose results came out since (its ballots now count). A new day
 * reads every programme again (lateness is counted in days), not the participation. So a write
 * in one commune costs a few indexed queries, not a pass over the whole network. Versions are
 * read before the rows: a write landing in between is read again next time.
 */
export async function loadFacts(db: Db, today: string, now = new Date().toISOString(), previous?: NetworkFacts): Promise<NetworkFacts> {
  const all = await db
    .selectFrom('collectivity')
    .select(['id', 'slug', 'name_ar', 'name_fr', 'name_en', 'kind', 'parent_id', 'is_demo', 'joined_on', 'created_at', 'content_version'])
    .orderBy('slug')
    .execute();
  const rowById = new Map(all.map((c) => [c.id, c]));
  const regionOf = (id: number): number | null => {
    // walk up at most three steps: commune → province → region
    let c = rowById.get(id);
    for (let i = 0; c && i < 3; i++) {
      if (c.kind === 'region') return c.id;
      c = c.parent_id === null ? undefined : rowById.get(c.parent_id);
    }
    return null;
  };
  const provinceOf = (id: number): number | null => {
    const c = rowById.get(id)!;
    if (c.kind === 'province' || c.kind === 'prefecture') return c.id;
    const p = c.kind === 'commune' && c.parent_id !== null ? rowById.get(c.parent_id) : undefined;
    return p && (p.kind === 'province' || p.kind === 'prefecture') ? p.id : null;
  };
  const members: Member[] = all
    .filter((c) => Number(c.is_demo) === 0)
    .map((c) => ({
      id: c.id,
      slug: c.slug,
      name: { ar: c.name_ar, fr: c.name_fr, en: c.name_en },
      kind: c.kind,
      parentId: c.parent_id,
      regionId: regionOf(c.id),
      provinceId: provinceOf(c.id),
      // a collectivity added without a joining day joined when it was added
      joinedYear: (c.joined_on ?? c.created_at).slice(0, 4),
    }));
  const byId = new Map(members.map((m) => [m.id, m]));
  const isMember = (id: number) => byId.has(id);
  const versions = new Map(all.map((c) => [c.id, Number(c.content_version)]));

  let changed: number[] | undefined;
  if (previous) {
    const ids = new Set(all.filter((c) => previous.versions.get(c.id) !== Number(c.content_version) || previous.byId.has(c.id) !== byId.has(c.id)).map((c) => c.id));
    if (previous.expiresAt !== null && now >= previous.expiresAt) for (const id of await resultsOutBetween(db, previous.asOf, now)) ids.add(id);
    if (ids.size <= REFRESH_AT_MOST) changed = [...ids];
  }
  const sameDay = changed !== undefined && previous!.today === today;

  const [themeRows, expiresAt, plans, participation] = await Promise.all([
    db.selectFrom('network_theme').select(['id', 'key', 'name_ar', 'name_fr', 'name_en', 'retired']).orderBy('position').orderBy('id').execute(),
    nextResultsAt(db, now),
    readPlans(db, today, isMember, sameDay ? changed : undefined),
    readParticipation(db, now, isMember, changed),
  ]);

  const facts: NetworkFacts = {
    generation: `${++generations}|${today}`,
    today,
    asOf: now,
    expiresAt,
    members,
    byId,
    regions: members.filter((m) => m.kind === 'region'),
    themes: themeRows.map((t) => ({ id: t.id, key: t.key, name: { ar: t.name_ar, fr: t.name_fr, en: t.name_en }, retired: Number(t.retired) === 1 })),
    ...plans,
    participation,
    versions,
    figures: new Map(),
  };
  if (changed === undefined) return facts;
  // the others' rows as they were; the changed ones' as just read (a collectivity removed has none)
  const p = previous!;
  const renewed = new Set(changed);
  const keep = (id: number) => !renewed.has(id) && byId.has(id);
  if (sameDay) {
    const dropped = new Set(p.programmes.filter((x) => !keep(x.collectivityId)).map((x) => x.programmeId));
    const merge = (old: Map<number, Map<number | null, number>>, fresh: Map<number, Map<number | null, number>>) => {
      const out = new Map([...old].filter(([programmeId]) => !dropped.has(programmeId)));
      for (const [k, v] of fresh) out.set(k, v);
      return out;
    };
    facts.programmes = [...p.programmes.filter((x) => keep(x.collectivityId)), ...plans.programmes];
    facts.axesByTheme = merge(p.axesByTheme, plans.axesByTheme);
    facts.lateByTheme = merge(p.lateByTheme, plans.lateByTheme);
  }
  facts.participation = new Map([...p.participation].filter(([id]) => keep(id)));
  for (const [id, years] of participation) facts.participation.set(id, years);
  return facts;
}


// ---- filters ------------------------------------------------------------------------------

export interface Filters {
  /** a region's slug */
  region: string | null;
  /** a province's or prefecture's slug (a province's own page) */
  province: string | null;
  kind: (typeof memberKinds)[number] | null;
  /** "2024-2025": programmes of that period, participation in those years */
  period: string | null;
}

export const noFilters: Filters = { region: null, province: null, kind: null, period: null };

const periodPattern = /^(\d{4})-(\d{4})$/;
const slugPattern = /^[a-z0-9-]{1,100}$/;

/** Filters from a query string; unknown or malformed values are ignored (the page says which apply). */
export function filtersOf(query: unknown): Filters {
  const q = (query ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const region = str(q.region);
  const province = str(q.province);
  const kind = str(q.kind);
  const period = str(q.period);
  const p = period ? periodPattern.exec(period) : null;
  return {
    region: region && slugPattern.test(region) ? region : null,
    province: province && slugPattern.test(province) ? province : null,
    kind: kind && (memberKinds as readonly string[]).includes(kind) ? (kind as Filters['kind']) : null,
    period: p && Number(p[1]) <= Number(p[2]) ? period : null,
  };
}

/** The same filters as a query string ("?region=…&kind=…"), in a fixed order: cache keys and links. */
export function filtersQuery(f: Filters, extra: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ region: f.region, province: f.province, kind: f.kind, period: f.period, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The members a filter keeps (region, province, kind). */
export function membersOf(facts: NetworkFacts, f: Filters): Member[] {
  const region = f.region ? facts.members.find((m) => m.slug === f.region && m.kind === 'region') : undefined;
  const province = f.province ? facts.members.find((m) => m.slug === f.province && (m.kind === 'province' || m.kind === 'prefecture')) : undefined;
  if ((f.region && !region) || (f.province && !province)) return [];
  return facts.members.filter(
    (m) => (!region || m.regionId === region.id) && (!province || m.provinceId === province.id) && (!f.kind || m.kind === f.kind),
  );
}

/** The programmes a filter looks at: those of the period, else each member's current one. */
export function programmesOf(facts: NetworkFacts, f: Filters, ids: Set<number>): NetworkProgrammeRow[] {
  return facts.programmes.filter((p) => ids.has(p.collectivityId) && (f.period ? `${p.startYear}-${p.endYear}` === f.period : p.isCurrent));
}

function yearsOf(f: Filters): ((y: string) => boolean) {
  const m = f.period ? periodPattern.exec(f.period) : null;
  if (!m) return () => true;
  return (y) => y >= m[1]! && y <= m[2]!;
}

export function bucketOf(progress: number | null): ProgressBucket {
  if (progress === null) return 'none';
  if (progress >= 100) return '100';
  if (progress >= 75) return '75-99';
  if (progress >= 50) return '50-74';
  if (progress >= 25) return '25-49';
  return '0-24';
}

// ---- the figures --------------------------------------------------------------------------

export interface Count<K> { key: K; count: number }

export interface Figures {
  filters: Filters;
  today: string;
  members: { total: number; byRegion: Count<string | null>[]; byKind: Count<string>[]; byJoiningYear: Count<string | null>[] };
  programmes: { total: number; byStatus: Count<string>[]; byPeriod: Count<string>[] };
  progress: {
    programmes: number;
    distribution: Count<ProgressBucket>[];
    activities: number;
    due: number;
    dueDone: number;
    /** percent of the activities due that are done, one decimal; null when none is due */
    onTimeShare: number | null;
    lateByTheme: Count<string | null>[];
  };
  participation: { totals: Participation; byRegion: (Participation & { key: string | null })[]; byYear: (Participation & { key: string })[] };
  /** axes of the programmes looked at, per theme key (null: not classified), and how many collectivities chose it */
  themes: (Count<string | null> & { collectivities: number })[];
}

const sortedCounts = <K extends string | null>(m: Map<K, number>, order?: readonly K[]): Count<K>[] => {
  const keys = order ? order.filter((k) => m.has(k)) : [...m.keys()].sort((a, b) => String(a ?? '\uffff').localeCompare(String(b ?? '\uffff')));
  return keys.map((key) => ({ key, count: m.get(key)! }));
};

const bump = <K>(m: Map<K, number>, k: K, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

export function womenShare(p: Participation): number | null {
  return p.genderedAttendance > 0 ? Math.round((p.women / p.genderedAttendance) * 1000) / 10 : null;
}

export function computeFigures(facts: NetworkFacts, f: Filters): Figures {
  const members = membersOf(facts, f);
  const ids = new Set(members.map((m) => m.id));
  const slugOf = (id: number | null) => (id === null ? null : (facts.byId.get(id)?.slug ?? null));

  const byRegion = new Map<string | null, number>();
  const byKind = new Map<string, number>();
  const byJoined = new Map<string | null, number>();
  for (const m of members) {
    bump(byRegion, slugOf(m.regionId));
    bump(byKind, m.kind);
    bump(byJoined, m.joinedYear);
  }
  const regionOrder = [...facts.regions.map((r) => r.slug), null];

  // programmes by status and period: every public programme of the members (of the period if one is chosen)
  const allProgrammes = facts.programmes.filter((p) => ids.has(p.collectivityId) && (!f.period || `${p.startYear}-${p.endYear}` === f.period));
  const byStatus = new Map<string, number>();
  const byPeriod = new Map<string, number>();
  for (const p of allProgrammes) {
    bump(byStatus, p.status);
    bump(byPeriod, `${p.startYear}-${p.endYear}`);
  }

  // progress: the current programmes (or the period's)
  const looked = programmesOf(facts, f, ids);
  const distribution = new Map<ProgressBucket, number>();
  const lateByTheme = new Map<number | null, number>();
  const axesByTheme = new Map<number | null, number>();
  const choosers = new Map<number | null, Set<number>>();
  let activities = 0, due = 0, dueDone = 0;
  for (const p of looked) {
    bump(distribution, bucketOf(p.progress));
    activities += p.activities;
    due += p.due;
    dueDone += p.dueDone;
    for (const [theme, n] of facts.lateByTheme.get(p.programmeId) ?? []) bump(lateByTheme, theme, n);
    for (const [theme, n] of facts.axesByTheme.get(p.programmeId) ?? []) {
      bump(axesByTheme, theme, n);
      let s = choosers.get(theme);
      if (!s) choosers.set(theme, (s = new Set()));
      s.add(p.collectivityId);
    }
  }
  const themeKey = new Map(facts.themes.map((t) => [t.id, t.key]));
  const byThemeKey = (m: Map<number | null, number>) => {
    const out = new Map<string | null, number>();
    for (const [id, n] of m) bump(out, id === null ? null : (themeKey.get(id) ?? null), n);
    return out;
  };
  const themeOrder = [...facts.themes.map((t) => t.key), null];
  const axesKeyed = byThemeKey(axesByTheme);
  const choosersKeyed = new Map<string | null, Set<number>>();
  for (const [id, s] of choosers) {
    const k = id === null ? null : (themeKey.get(id) ?? null);
    const into = choosersKeyed.get(k) ?? new Set<number>();
    for (const c of s) into.add(c);
    choosersKeyed.set(k, into);
  }

  // participation: totals, per region, per year (years of the period only, when one is chosen)
  const inYears = yearsOf(f);
  const totals = emptyParticipation();
  const perRegion = new Map<string | null, Participation>();
  const perYear = new Map<string, Participation>();
  for (const m of members) {
    for (const [year, p] of facts.participation.get(m.id) ?? []) {
      if (!inYears(year)) continue;
      addInto(totals, p);
      const rk = slugOf(m.regionId);
      if (!perRegion.has(rk)) perRegion.set(rk, emptyParticipation());
      addInto(perRegion.get(rk)!, p);
      if (!perYear.has(year)) perYear.set(year, emptyParticipation());
      addInto(perYear.get(year)!, p);
    }
  }

  return {
    filters: f,
    today: facts.today,
    members: {
      total: members.length,
      byRegion: sortedCounts(byRegion, regionOrder),
      byKind: sortedCounts(byKind, memberKinds),
      byJoiningYear: sortedCounts(byJoined),
    },
    programmes: { total: allProgrammes.length, byStatus: sortedCounts(byStatus, programmeStatuses), byPeriod: sortedCounts(byPeriod) },
    progress: {
      programmes: looked.length,
      distribution: sortedCounts(distribution, [...progressBuckets, 'none']),
      activities,
      due,
      dueDone,
      onTimeShare: due > 0 ? Math.round((dueDone / due) * 1000) / 10 : null,
      lateByTheme: sortedCounts(byThemeKey(lateByTheme), themeOrder),
    },
    participation: {
      totals,
      byRegion: regionOrder.filter((k) => perRegion.has(k)).map((key) => ({ key, ...perRegion.get(key)! })),
      byYear: [...perYear.keys()].sort().map((key) => ({ key, ...perYear.get(key)! })),
    },
    themes: themeOrder.map((key) => ({ key, count: axesKeyed.get(key) ?? 0, collectivities: choosersKeyed.get(key)?.size ?? 0 })),
  };
}

// ---- the collectivities behind a figure -----------------------------------------------------

/** What a figure's link adds to the filters: one of these narrows the list further. */
export interface Behind {
  joined?: string | null;
  status?: string | null;
  progress?: string | null;
  theme?: string | null;
  late?: string | null;
  has?: string | null;
  year?: string | null;
}

/** The members behind a figure: the filters, then what the figure counts. */
export function collectivitiesBehind(facts: NetworkFacts, f: Filters, b: Behind): Member[] {
  let members = membersOf(facts, f);
  if (b.joined) members = members.filter((m) => (m.joinedYear ?? 'none') === b.joined);
  const ids = new Set(members.map((m) => m.id));
  const themeId = (key: string) => (key === 'none' ? null : (facts.themes.find((t) => t.key === key)?.id ?? -1));
  if (b.status || b.progress || b.theme || b.late) {
    const progs = b.status
      ? facts.programmes.filter((p) => ids.has(p.collectivityId) && p.status === b.status && (!f.period || `${p.startYear}-${p.endYear}` === f.period))
      : programmesOf(facts, f, ids);
    const keep = new Set<number>();
    for (const p of progs) {
      if (b.progress && bucketOf(p.progress) !== b.progress) continue;
      if (b.theme && !(facts.axesByTheme.get(p.programmeId)?.get(themeId(b.theme)) ?? 0)) continue;
      if (b.late && !(facts.lateByTheme.get(p.programmeId)?.get(themeId(b.late)) ?? 0)) continue;
      keep.add(p.collectivityId);
    }
    members = members.filter((m) => keep.has(m.id));
  }
  if (b.has && (participationFields as readonly string[]).includes(b.has)) {
    const field = b.has as keyof Participation;
    const inYears = yearsOf(f);
    members = members.filter((m) => [...(facts.participation.get(m.id) ?? [])].some(([y, p]) => inYears(y) && (!b.year || y === b.year) && p[field] > 0));
  }
  return members;
}

// ---- the most delayed programmes (back office only) ----------------------------------------

export interface Delayed { member: Member; programme: NetworkProgrammeRow; daysLate: number }

/**
 * The programmes looked at with the most late activities, then the longest overdue first, then
 * by slug: at most `limit`. For the network's coordinators only (/admin/network): a ranking of
 * members is a support tool, not a public shaming list.
 */
export function mostDelayed(facts: NetworkFacts, f: Filters, limit = 20): Delayed[] {
  const ids = new Set(membersOf(facts, f).map((m) => m.id));
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
  return programmesOf(facts, f, ids)
    .filter((p) => p.late > 0)
    .map((p) => ({ member: facts.byId.get(p.collectivityId)!, programme: p, daysLate: Math.round((day(facts.today) - day(p.oldestLate!)) / 86_400_000) }))
    .sort((a, b) => b.programme.late - a.programme.late || b.daysLate - a.daysLate || a.member.slug.localeCompare(b.member.slug))
    .slice(0, limit);
}

// ---- kept up to date ------------------------------------------------------------------------

/**
 * How long an instance answers from the facts it holds before it asks the database whether the
 * network changed (NETWORK_FRESH_MS, default 1 s): the national figures are at most that far
 * behind a write, on this instance or another, and a page served from the cache costs no query.
 */
export const FRESH_MS = 1000;

interface Held { facts: NetworkFacts; version: string; checkedAt: number; expires: number }
const held = new WeakMap<Db, { current?: Held; refreshing?: Promise<NetworkFacts> }>();

/**
 * The network's facts now: those held when checked less than `freshMs` ago (same day, no round's
 * results out since), else the database's version is read, and the facts read again when it
 * moved, only for the collectivities that changed. One refresh at a time per database: requests
 * meanwhile wait for it.
 */
export function networkFacts(db: Db, freshMs = FRESH_MS): Promise<NetworkFacts> {
  let slot = held.get(db);
  if (!slot) held.set(db, (slot = {}));
  const at = Date.now();
  // the day without formatting a date (todayInCasablanca keeps it), the instant only when needed
  const today = todayInCasablanca();
  const current = slot.current;
  const valid = (h: Held) => h.facts.today === today && at < h.expires;
  if (current && at - current.checkedAt < freshMs && valid(current)) return Promise.resolve(current.facts);
  if (slot.refreshing) return slot.refreshing;
  const nowIso = new Date(at).toISOString();
  const s = slot;
  const refresh = (async () => {
    const version = await networkVersion(db);
    if (current && current.version === version && valid(current)) {
      current.checkedAt = at;
      return current.facts;
    }
    const facts = await loadFacts(db, today, nowIso, current?.facts);
    s.current = { facts, version, checkedAt: at, expires: facts.expiresAt === null ? Infinity : Date.parse(facts.expiresAt) };
    return facts;
  })();
  s.refreshing = refresh;
  // a failed read is not kept: the next request tries again
  refresh.then(() => void (s.refreshing = undefined), () => void (s.refreshing = undefined));
  return refresh;
}

/** The facts' figures for these filters, computed once per read of the facts (pages, API and exports share them). */
export function figuresOf(facts: NetworkFacts, f: Filters): Figures {
  const key = filtersQuery(f);
  let fig = facts.figures.get(key);
  if (!fig) {
    // filters come from query strings: keep a bounded number of them
    if (facts.figures.size >= 200) facts.figures.delete(facts.figures.keys().next().value!);
    facts.figures.set(key, (fig = computeFigures(facts, f)));
  }
  return fig;
}
