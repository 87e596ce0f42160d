// From the rows of an action plan in the document's column layout to what would be imported:
// axes → projects → activities, with every problem named by row and column. Pure: the
// partners of the collectivity are given, so the preview, the import and the CLI agree.
//
// The layout (مصفوفة مشاريع وأنشطة): axis, project, activity, partners, cost, funding, duration,
// start, end. Axis and project cells are filled on their first row only (merged cells) and
// carry on downwards; the duration belongs to the project. One more column may follow, found by
// its heading only (the document has none): the axis's theme in the network's taxonomy, written
// on the axis's first row, as our exports write it.
import type { Db } from '../../platform/db/database.ts';
import { normalize } from '../../platform/text/normalize.ts';
import { listThemes } from '../network/themes.ts';
import type { SourceRow } from './read.ts';

export const columns = ['axis', 'project', 'activity', 'partners', 'cost', 'funding', 'duration', 'start', 'end'] as const;
export type Column = (typeof columns)[number] | 'theme';

/** Headings that name the theme column (normalized): the exports' own, in the three languages. */
const THEME_HEADINGS = new Set(['المجال الموضوعي', 'المجال', 'Thème', 'Thématique', 'Theme'].map((h) => normalize(h)));

export interface Problem {
  /** row in the source (null: the whole input) */
  row: number | null;
  column: Column | null;
  /** i18n key of the message */
  key: string;
  values?: Record<string, string | number>;
}

export type PlannedCost = { kind: 'none' } | { kind: 'amount'; amountMad: number } | { kind: 'tbd'; note: string };
export type PlannedFunding = { kind: 'own' } | { kind: 'partner'; partner: string };

export interface PlannedActivity {
  row: number;
  number: number;
  title: string;
  /** partner keys (see ImportPlan.partners), in the document's order */
  partners: string[];
  cost: PlannedCost;
  funding: PlannedFunding;
  start: string;
  end: string;
}

export interface PlannedProject {
  row: number;
  number: number;
  title: string;
  durationMonths: number | null;
  activities: PlannedActivity[];
}

export interface PlannedAxis {
  row: number;
  number: number;
  title: string;
  /** the network theme named in the theme column; null: none (not classified) */
  themeId: number | null;
  /** the theme as written in the source, for the preview */
  themeText: string;
  projects: PlannedProject[];
}

/** A theme of the network's taxonomy, as the import matches it: by key or by a name in any language. */
export interface KnownTheme {
  id: number;
  key: string;
  names: string[];
  retired: boolean;
}

/** The network's themes as the import matches them (retired ones too: to say so). */
export async function knownThemes(db: Db): Promise<KnownTheme[]> {
  return (await listThemes(db, { all: true })).map((t) => ({
    id: t.id,
    key: t.key,
    names: [t.name_ar, t.name_fr, t.name_en].filter((n): n is string => !!n),
    retired: Number(t.retired) === 1,
  }));
}

export interface PlannedPartner {
  /** normalized name: the key activities refer to */
  key: string;
  /** as written in the source (first occurrence) */
  name: string;
  /** the collectivity's partner it matched; null: to be created */
  existingId: number | null;
}

export interface ImportPlan {
  axes: PlannedAxis[];
  partners: PlannedPartner[];
  startYear: number | null;
  endYear: number | null;
  counts: { axes: number; projects: number; activities: number; partners: number; newPartners: number };
}

export interface KnownPartner {
  id: number;
  name_ar: string;
  name_fr: string | null;
  name_en: string | null;
  kind: string;
}

export const MAX_TITLE = 300;

const AXIS = /^(?:المحور|محور|axe|axis)\s*(?:رقم|n\s*°|no\.?|n°)?\s*(\d+)\s*[:：.\-–—]?\s*(.*)$/isu;
const PROJECT = /^(?:المشروع|مشروع|projet|project)\s*(?:رقم|n\s*°|no\.?|n°)?\s*(\d+)\s*[:：.\-–—]?\s*(.*)$/isu;
const ACTIVITY = /^(?:النشاط|نشاط|activité|activite|activity)\s*(?:رقم|n\s*°|no\.?|n°)?\s*(\d+)\s*[:：.\-–—]?\s*(.*)$/isu;

/** "المحور رقم 1 : الميزانية التشاركية" → 1, "الميزانية التشاركية"; a bare title gets no number. */
function numbered(text: string, pattern: RegExp): { number: number | null; title: string } {
  const m = pattern.exec(text.trim());
  if (m) return { number: Number(m[1]), title: m[2].trim() };
  return { number: null, title: text.trim() };
}

const DASHES = /^[-–—]$/;

/** Partners of a cell: the document's "- " bullets, one partner each; a trailing " ." dropped. */
export function splitPartners(cell: string): string[] {
  const text = cell.trim();
  if (text === '' || DASHES.test(text)) return [];
  return text
    .split(/(?:^|\s|\n)[-–•]\s+/u)
    .map((p) => p.replace(/[\s.،,;؛]+$/u, '').trim())
    .filter((p) => p !== '');
}

/** Matching key of a partner's name: normalized, and without a parenthesised note. */
const core = (name: string) => normalize(name.replace(/\([^)]*\)/g, ' '));

/** Words that mean the collectivity itself ("الجماعة" in the matrix). */
const ITSELF = new Set(['الجماعه', 'la commune', 'commune', 'the commune', 'الجماعه الترابيه']);
/** Words of the funding column that mean the collectivity's own budget (ذاتي). */
const OWN = new Set(['ذاتي', 'ذاتيه', 'تمويل ذاتي', 'الميزانيه الذاتيه', 'own', 'own budget', 'budget propre', 'propre', 'fonds propres']);

/** Looks a name up among the collectivity's partners: exact normalized name in any locale, then
 *  without the parenthesised part ("ENABEL" finds "مؤسسة ENABEL (برنامج دعم المشاركة المواطنة)"). */
export function partnerMatcher(known: KnownPartner[]) {
  const exact = new Map<string, number>();
  const byCore = new Map<string, number | null>();
  for (const p of known) {
    for (const name of [p.name_ar, p.name_fr, p.name_en]) {
      if (!name) continue;
      exact.set(normalize(name), p.id);
      const c = core(name);
      // two partners with the same core name: ambiguous, not matched by core
      byCore.set(c, byCore.has(c) && byCore.get(c) !== p.id ? null : p.id);
    }
  }
  const itself = known.filter((p) => p.kind === 'collectivity');
  return (name: string): number | null => {
    const n = normalize(name);
    if (exact.has(n)) return exact.get(n)!;
    if (ITSELF.has(n) && itself.length === 1) return itself[0].id;
    return byCore.get(core(name)) ?? null;
  };
}

/** A date as the document writes it: YYYY/MM/DD, YYYY-MM-DD or DD/MM/YYYY → YYYY-MM-DD. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let y: string, m: string, d: string;
  let match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(t);
  if (match) [, y, m, d] = match;
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [, d, m, y] = match;
  else return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A duration in months: "سنة" 12, "سنتين" 24, "6 أشهر", "18 mois", "2 ans", "3 years", "9". */
export function parseDuration(text: string): number | null | 'invalid' {
  const n = normalize(text);
  if (n === '' || DASHES.test(text.trim())) return null;
  if (/^(?:سنه|سنه واحده|عام|an|1 an|un an|year|one year|1 year)$/.test(n)) return 12;
  if (/^(?:سنتين|سنتان|عامين|عامان)$/.test(n)) return 24;
  let m = /^(\d{1,3})\s*(?:سنوات|سنه|سنين|ans?|years?)$/.exec(n);
  if (m) return Number(m[1]) * 12;
  m = /^(\d{1,3})\s*(?:اشهر|شهر|شهرا|شهور|mois|months?)?$/.exec(n);
  if (m) return Number(m[1]);
  return 'invalid';
}

/** A cost cell: "-" or empty → no cost (in the Settat matrix "-" stands beside own-budget
 *  funding, ذاتي: nothing to spend beyond the commune's own means; the public page says
 *  "بدون تكلفة" and the consistency check does not ask for one); a number (spaces, "درهم", "MAD", "DH" allowed) → an
 *  amount; any other words ("ستحدد من الجهة…", "à déterminer") → no amount, kept as a note. */
export function parseCost(text: string): PlannedCost {
  const t = text.trim();
  if (t === '' || DASHES.test(t)) return { kind: 'none' };
  const bare = t.replace(/(?:درهم|د\.م\.?|mad|dhs?|dirhams?)/giu, '').replace(/[\s\u00a0\u202f]/g, '');
  const m = /^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(bare);
  if (m) {
    const whole = Number(m[1].replace(/[.,]/g, ''));
    return { kind: 'amount', amountMad: Math.round(whole + Number(`0.${m[2] ?? '0'}`)) };
  }
  return { kind: 'tbd', note: t };
}

/** Whether a row is the table's heading (its date columns hold no date, its activity no number). */
function isHeading(cells: string[]): boolean {
  return parseDate(cells[7] ?? '') === null && parseDate(cells[8] ?? '') === null && !ACTIVITY.test((cells[2] ?? '').trim()) && /\p{L}/u.test(cells[2] ?? '');
}

/** Builds the plan, or lists every problem. Rows may repeat the axis and project (merged cells
 *  read back, or an export's flat rows): the same text as the row above is the same axis. */
export function planImport(rows: SourceRow[], known: KnownPartner[], themes: KnownTheme[] = []): { plan: ImportPlan; problems: Problem[] } {
  const problems: Problem[] = [];
  const axes: PlannedAxis[] = [];
  const partners = new Map<string, PlannedPartner>();
  const match = partnerMatcher(known);
  const partnerKey = (name: string) => {
    const id = match(name);
    const key = id !== null ? `#${id}` : normalize(name);
    if (!partners.has(key)) partners.set(key, { key, name, existingId: id });
    return key;
  };
  const problem = (row: number, column: Column, key: string, values?: Problem['values']) => problems.push({ row, column, key, values });

  let axis: PlannedAxis | null = null;
  let axisText = '';
  let project: PlannedProject | null = null;
  let projectText = '';
  let minYear: number | null = null;
  let maxYear: number | null = null;
  // the theme column: after the document's nine, named by the heading row
  const heading = rows.length > 0 && isHeading(rows[0]!.cells) ? rows[0]!.cells : [];
  const themeColumn = heading.findIndex((h, i) => i >= columns.length && THEME_HEADINGS.has(normalize(h.trim())));
  const themeByText = new Map<string, KnownTheme>();
  for (const t of themes) for (const text of [t.key, ...t.names]) themeByText.set(normalize(text), t);

  rows.forEach(({ row, cells }, index) => {
    if (index === 0 && heading.length > 0) return;
    const cell = (c: Column) => (cells[c === 'theme' ? themeColumn : columns.indexOf(c)] ?? '').trim();

    const axisCell = cell('axis');
    if (axisCell !== '' && normalize(axisCell) !== axisText) {
      const { number, title } = numbered(axisCell, AXIS);
      const n = number ?? (axes.at(-1)?.number ?? 0) + 1;
      if (title === '') problem(row, 'axis', 'transfer.problems.titleMissing');
      else if (title.length > MAX_TITLE) problem(row, 'axis', 'transfer.problems.tooLong', { max: MAX_TITLE });
      if (axes.some((a) => a.number === n)) problem(row, 'axis', 'transfer.problems.duplicateNumber', { n });
      const themeText = themeColumn < 0 ? '' : cell('theme');
      const theme = themeText === '' || DASHES.test(themeText) ? undefined : themeByText.get(normalize(themeText));
      if (themeText !== '' && !DASHES.test(themeText) && !theme) problem(row, 'theme', 'transfer.problems.unknownTheme', { value: themeText });
      else if (theme?.retired) problem(row, 'theme', 'transfer.problems.retiredTheme', { value: themeText });
      axis = { row, number: n, title, themeId: theme && !theme.retired ? theme.id : null, themeText: theme ? themeText : '', projects: [] };
      axes.push(axis);
      axisText = normalize(axisCell);
      project = null;
      projectText = '';
    }
    if (!axis) {
      problem(row, 'axis', 'transfer.problems.axisMissing');
      return;
    }
    const projectCell = cell('project');
    if (projectCell !== '' && normalize(projectCell) !== projectText) {
      const { number, title } = numbered(projectCell, PROJECT);
      const all = axes.flatMap((a) => a.projects);
      const n = number ?? (all.at(-1)?.number ?? 0) + 1;
      if (title === '') problem(row, 'project', 'transfer.problems.titleMissing');
      else if (title.length > MAX_TITLE) problem(row, 'project', 'transfer.problems.tooLong', { max: MAX_TITLE });
      if (all.some((p) => p.number === n)) problem(row, 'project', 'transfer.problems.duplicateNumber', { n });
      const duration = parseDuration(cell('duration'));
      if (duration === 'invalid') problem(row, 'duration', 'transfer.problems.badDuration', { value: cell('duration') });
      project = { row, number: n, title, durationMonths: duration === 'invalid' ? null : duration, activities: [] };
      (axis as PlannedAxis).projects.push(project);
      projectText = normalize(projectCell);
    }
    if (!project) {
      problem(row, 'project', 'transfer.problems.projectMissing');
      return;
    }
    const p: PlannedProject = project;

    const activityCell = cell('activity');
    if (activityCell === '') {
      problem(row, 'activity', 'transfer.problems.activityMissing');
      return;
    }
    const { number, title } = numbered(activityCell, ACTIVITY);
    const n = number ?? (p.activities.at(-1)?.number ?? 0) + 1;
    if (title === '') problem(row, 'activity', 'transfer.problems.titleMissing');
    else if (title.length > MAX_TITLE) problem(row, 'activity', 'transfer.problems.tooLong', { max: MAX_TITLE });
    if (p.activities.some((a) => a.number === n)) problem(row, 'activity', 'transfer.problems.duplicateNumber', { n });

    const names = splitPartners(cell('partners'));
    for (const name of names) if (name.length > MAX_TITLE) problem(row, 'partners', 'transfer.problems.tooLong', { max: MAX_TITLE });
    const cost = parseCost(cell('cost'));
    if (cost.kind === 'tbd' && cost.note.length > MAX_TITLE) problem(row, 'cost', 'transfer.problems.tooLong', { max: MAX_TITLE });
    const fundingCell = cell('funding').replace(/^[-–•]\s+/u, '');
    let funding: PlannedFunding = { kind: 'own' };
    if (fundingCell !== '' && !DASHES.test(fundingCell) && !OWN.has(normalize(fundingCell))) {
      if (fundingCell.length > MAX_TITLE) problem(row, 'funding', 'transfer.problems.tooLong', { max: MAX_TITLE });
      funding = { kind: 'partner', partner: partnerKey(fundingCell) };
    }

    const dates: Record<'start' | 'end', string> = { start: '', end: '' };
    for (const c of ['start', 'end'] as const) {
      const raw = cell(c);
      const iso = parseDate(raw);
      if (raw === '') problem(row, c, 'transfer.problems.dateMissing');
      else if (iso === null) problem(row, c, 'transfer.problems.badDate', { value: raw });
      else dates[c] = iso;
    }
    if (dates.start && dates.end && dates.end < dates.start) problem(row, 'end', 'transfer.problems.endBeforeStart');
    if (dates.start) minYear = Math.min(minYear ?? 9999, Number(dates.start.slice(0, 4)));
    if (dates.end) maxYear = Math.max(maxYear ?? 0, Number(dates.end.slice(0, 4)));

    p.activities.push({ row, number: n, title, partners: [...new Set(names.map(partnerKey))], cost, funding, start: dates.start, end: dates.end });
  });

  if (axes.length === 0 && problems.length === 0) problems.push({ row: null, column: null, key: 'transfer.problems.empty' });
  const list = [...partners.values()];
  const projects = axes.flatMap((a) => a.projects);
  return {
    plan: {
      axes,
      partners: list,
      startYear: minYear,
      endYear: maxYear,
      counts: {
        axes: axes.length,
        projects: projects.length,
        activities: projects.reduce((n, p) => n + p.activities.length, 0),
        partners: list.length,
        newPartners: list.filter((p) => p.existingId === null).length,
      },
    },
    problems,
  };
}
