// Exports of a programme: XLSX (the document's matrix, one sheet per language, the Arabic one
// right-to-left, axis and project cells merged), CSV, JSON (the API's shape) and iCal (activity
// start and end dates). Every export streams: activities are read a page at a time (keyset on
// their number within each project) and written as they come, so memory does not grow with the
// size of the programme.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { l10nOf } from '../../platform/api-schemas.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ActivityRow, AxisRow, PartnerRow, ProgrammeRow, ProjectRow } from '../../platform/db/schema.ts';
import { type Locale, locales, translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick } from '../../platform/tenancy.ts';
import { spreadsheetSafe } from '../../platform/spreadsheet-safe.ts';
import { type ThemeRow, listThemes, themeName } from '../network/themes.ts';
import { programmeDocument } from '../programme/api.ts';
import type { ProgrammeTree } from '../programme/repository.ts';

export const exportFormats = ['xlsx', 'csv', 'json', 'ics'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const contentTypes: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
};

/** activities read per query */
export const PAGE = 500;

export interface ExportOptions {
  /** called after each page of activities is written, with its size (progress bars) */
  onPage?: (activities: number) => void;
}

/** Writes and waits when the destination asks to (backpressure), so buffers stay small. */
async function put(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

interface Skeleton {
  axes: AxisRow[];
  /** by axis, in number order */
  projects: Map<number, ProjectRow[]>;
  partners: Map<number, PartnerRow>;
  /** the network's themes, by id: an axis's theme is exported by its name */
  themes: Map<number, ThemeRow>;
}

/** Axes, projects and partners: a programme has a few dozen of each, read once. */
async function skeleton(db: Db, collectivityId: number, programmeId: number): Promise<Skeleton> {
  const [axes, projects, partners, themes] = await Promise.all([
    db.selectFrom('axis').selectAll().where('collectivity_id', '=', collectivityId).where('programme_id', '=', programmeId).orderBy('number').execute(),
    db.selectFrom('project').selectAll().where('collectivity_id', '=', collectivityId).where('programme_id', '=', programmeId).orderBy('number').execute(),
    db.selectFrom('partner').selectAll().where('collectivity_id', '=', collectivityId).execute(),
    listThemes(db, { all: true }),
  ]);
  const byAxis = new Map<number, ProjectRow[]>();
  for (const p of projects) {
    const list = byAxis.get(p.axis_id);
    if (list) list.push(p);
    else byAxis.set(p.axis_id, [p]);
  }
  return { axes, projects: byAxis, partners: new Map(partners.map((p) => [p.id, p])), themes: new Map(themes.map((t) => [t.id, t])) };
}

export interface ActivityPage {
  activities: ActivityRow[];
  /** partner ids of each activity, in the document's order */
  partners: Map<number, number[]>;
}

/** The activities of one project, a page at a time (keyset on the number, unique in a project). */
export async function* activityPages(db: Db, collectivityId: number, projectId: number, size = PAGE): AsyncGenerator<ActivityPage> {
  let after = -1;
  for (;;) {
    const activities = await db
      .selectFrom('activity')
      .selectAll()
      .where('collectivity_id', '=', collectivityId)
      .where('project_id', '=', projectId)
      .where('number', '>', after)
      .orderBy('number')
      .limit(size)
      .execute();
    if (activities.length === 0) return;
    const links = await db
      .selectFrom('activity_partner')
      .select(['activity_id', 'partner_id'])
      .where('collectivity_id', '=', collectivityId)
      .where('activity_id', 'in', activities.map((a) => a.id))
      .orderBy('activity_id')
      .orderBy('position')
      .execute();
    const partners = new Map<number, number[]>();
    for (const l of links) {
      const list = partners.get(l.activity_id);
      if (list) list.push(l.partner_id);
      else partners.set(l.activity_id, [l.partner_id]);
    }
    yield { activities, partners };
    if (activities.length < size) return;
    after = activities[activities.length - 1].number;
  }
}

// ── JSON: the shape of GET /api/v1/collectivities/{slug}/programme ──────────────────────────

interface Sums {
  weighted: number;
  weights: number;
}
const percent = (s: Sums | undefined) => (s && s.weights > 0 ? Math.round(s.weighted / s.weights) : null);

/** Progress sums per project, computed in SQL (the roll-up of programme/progress.ts). */
async function progressSums(db: Db, collectivityId: number, programmeId: number): Promise<Map<number, Sums>> {
  const rows = await db
    .selectFrom('activity as a')
    .select((eb) => [
      'a.project_id',
      eb.fn.sum<number>(eb.case().when(eb.and([eb('a.status', '!=', 'cancelled'), eb('a.weight', '>', 0)])).then(eb('a.progress', '*', eb.ref('a.weight'))).else(0).end()).as('weighted'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('a.status', '!=', 'cancelled'), eb('a.weight', '>', 0)])).then(eb.ref('a.weight')).else(0).end()).as('weights'),
    ])
    .where('a.collectivity_id', '=', collectivityId)
    .where('a.programme_id', '=', programmeId)
    .groupBy('a.project_id')
    .execute();
  return new Map(rows.map((r) => [r.project_id, { weighted: Number(r.weighted ?? 0), weights: Number(r.weights ?? 0) }]));
}

const add = (a: Sums, b: Sums | undefined): Sums => ({ weighted: a.weighted + (b?.weighted ?? 0), weights: a.weights + (b?.weights ?? 0) });

/** An object's JSON without its closing brace, to append an array that is streamed. */
const open = (value: object, key: string) => `${JSON.stringify(value).slice(0, -1)}${Object.keys(value).length ? ',' : ''}${JSON.stringify(key)}:[`;

export async function writeJson(db: Db, c: Collectivity, programme: ProgrammeRow, out: Writable, options: ExportOptions = {}): Promise<void> {
  const { axes, projects, partners } = await skeleton(db, c.id, programme.id);
  const sums = await progressSums(db, c.id, programme.id);
  const emptyTree = (over: Partial<ProgrammeTree>): ProgrammeTree => ({
    programme,
    axes: [],
    projects: [],
    activities: [],
    indicators: [],
    partners,
    projectPartners: new Map(),
    activityPartners: new Map(),
    ...over,
  });
  const parent = c.parentId ? await db.selectFrom('collectivity').select('slug').where('id', '=', c.parentId).executeTakeFirst() : undefined;
  const collectivity = {
    slug: c.slug,
    name: l10nOf({ name_ar: c.name.ar, name_fr: c.name.fr, name_en: c.name.en }, 'name')!,
    kind: c.kind,
    ...(parent ? { parent: parent.slug } : {}),
  };
  const total = [...sums.values()].reduce(add, { weighted: 0, weights: 0 });
  const { axes: _none, ...head } = { ...programmeDocument(emptyTree({})), progress: percent(total) };
  await put(out, `{"collectivity":${JSON.stringify(collectivity)},"programme":${open(head, 'axes')}`);
  for (const [ai, axis] of axes.entries()) {
    const list = projects.get(axis.id) ?? [];
    const axisSums = list.reduce((s, p) => add(s, sums.get(p.id)), { weighted: 0, weights: 0 });
    await put(out, `${ai ? ',' : ''}${open({ number: axis.number, title: l10nOf(axis, 'title')!, progress: percent(axisSums) }, 'projects')}`);
    for (const [pi, project] of list.entries()) {
      const [indicators, links] = await Promise.all([
        db.selectFrom('indicator').selectAll().where('collectivity_id', '=', c.id).where('project_id', '=', project.id).orderBy('position').execute(),
        db.selectFrom('project_partner').select('partner_id').where('collectivity_id', '=', c.id).where('project_id', '=', project.id).orderBy('position').execute(),
      ]);
      const doc = programmeDocument(
        emptyTree({ axes: [axis], projects: [project], indicators, projectPartners: new Map([[project.id, links.map((l) => l.partner_id)]]) }),
      ).axes[0].projects[0];
      const { activities: _a, ...projectHead } = { ...doc, progress: percent(sums.get(project.id)) };
      await put(out, `${pi ? ',' : ''}${open(projectHead, 'activities')}`);
      let first = true;
      for await (const page of activityPages(db, c.id, project.id)) {
        const docs = programmeDocument(emptyTree({ axes: [axis], projects: [project], activities: page.activities, activityPartners: page.partners })).axes[0].projects[0].activities;
        await put(out, (first ? '' : ',') + docs.map((d) => JSON.stringify(d)).join(','));
        first = false;
        options.onPage?.(page.activities.length);
      }
      await put(out, ']}');
    }
    await put(out, ']}');
  }
  await put(out, ']}}');
}

// ── The matrix, as the document lays it out (XLSX and CSV) ──────────────────────────────────

interface MatrixRow {
  axis: string;
  project: string;
  activity: string;
  partners: string;
  cost: string | number;
  funding: string;
  /** months, on the project's rows */
  duration: number | null;
  start: string;
  end: string;
  status: string;
  progress: number;
  /** the axis's theme in the network's taxonomy, '' when it has none */
  theme: string;
}

/** One locale's texts for the matrix cells. Partners as the document's bullets ("- A\n- B"). */
function matrixText(locale: Locale, partners: Map<number, PartnerRow>, themes: Map<number, ThemeRow>) {
  const t = translator(locale);
  const text = (row: object, field: string) => {
    const r = row as Record<string, string | null>;
    return pick({ ar: r[`${field}_ar`] ?? '', fr: r[`${field}_fr`], en: r[`${field}_en`] }, locale).text;
  };
  const partnerName = (id: number) => {
    const p = partners.get(id);
    return p ? text(p, 'name') : '';
  };
  return {
    t,
    header: [
      t('programme.fields.axis'),
      t('programme.fields.project'),
      t('programme.fields.activity'),
      t('programme.fields.partners'),
      t('programme.fields.cost'),
      t('programme.fields.funding'),
      t('transfer.export.durationMonths'),
      t('programme.fields.start_date'),
      t('programme.fields.end_date'),
      t('programme.fields.status'),
      t('programme.fields.progress'),
      // found by this heading when the file is imported again (transfer/plan.ts)
      t('transfer.columns.theme'),
    ],
    axis: (a: AxisRow) => `${t('programme.axisN', { n: a.number })}: ${text(a, 'title')}`,
    project: (p: ProjectRow) => `${t('programme.projectN', { n: p.number })}: ${text(p, 'title')}`,
    row(axis: AxisRow, project: ProjectRow, a: ActivityRow, partnerIds: number[]): MatrixRow {
      const note = a.cost_note_ar || a.cost_note_fr || a.cost_note_en ? text(a, 'cost_note') : null;
      return {
        axis: this.axis(axis),
        project: this.project(project),
        activity: `${t('programme.activityN', { n: a.number })}: ${text(a, 'title')}`,
        partners: partnerIds.map((id) => `- ${partnerName(id)}`).join('\n'),
        cost: a.cost_kind === 'amount' && a.cost_amount_mad !== null ? Number(a.cost_amount_mad) : a.cost_kind === 'tbd' ? (note ?? t('programme.costKind.tbd')) : (note ?? '-'),
        funding: a.funding_kind === 'partner' && a.funding_partner_id ? partnerName(a.funding_partner_id) : t('programme.fundingKind.own'),
        duration: project.duration_months,
        start: a.start_date,
        end: a.end_date,
        status: t(`programme.status.${a.status}`),
        progress: a.progress,
        theme: axis.theme_id !== null && themes.has(axis.theme_id) ? themeName(themes.get(axis.theme_id)!, locale).text : '',
      };
    },
  };
}

/** Every activity row of the programme in the document's order, a page at a time. */
async function* matrixRows(db: Db, collectivityId: number, sk: Skeleton, locale: Locale) {
  const m = matrixText(locale, sk.partners, sk.themes);
  for (const axis of sk.axes) {
    for (const project of sk.projects.get(axis.id) ?? []) {
      for await (const page of activityPages(db, collectivityId, project.id)) {
        yield { axis, project, rows: page.activities.map((a) => m.row(axis, project, a, page.partners.get(a.id) ?? [])) };
      }
    }
  }
}

const sheetNames: Record<Locale, string> = { ar: 'العربية', fr: 'Français', en: 'English' };

/**
 * exceljs hands a sheet's XML to its zip entry without backpressure, and the zip reads it only
 * on a later turn of the event loop (the database reads between pages never leave the microtask
 * queue). Waiting here until the entry's backlog is under 1 MB, and the output has drained,
 * keeps the memory of an export flat instead of holding each whole sheet.
 */
async function zipCaughtUp(sheet: unknown, out: Writable): Promise<void> {
  const entry = (sheet as { stream?: { pipes?: Writable[] } }).stream?.pipes?.[0];
  for (;;) {
    if (out.destroyed) throw new Error('export: the output was closed');
    if (out.writableNeedDrain) await once(out, 'drain');
    else if ((entry?.writableLength ?? 0) > 1 << 20) await new Promise((resolve) => setImmediate(resolve));
    else return;
  }
}

/** The workbook: a sheet per language, Arabic first (the document's language) and right-to-left. */
export async function writeXlsx(db: Db, collectivityId: number, programme: ProgrammeRow, out: Writable, options: ExportOptions = {}): Promise<void> {
  // loaded on first use: exceljs takes seconds to load, and most requests never need it
  const { default: ExcelJS } = await import('exceljs');
  // The streaming writer's mergeCells() touches every cell of the range, which fails once rows
  // are committed; a merge is only a <mergeCell ref="A2:A9"> written, from the merge's text, when
  // the sheet ends, so the finished range is added to the sheet's list of merges as that text.
  const sk = await skeleton(db, collectivityId, programme.id);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Infitah';
  for (const locale of locales) {
    const m = matrixText(locale, sk.partners, sk.themes);
    const sheet = workbook.addWorksheet(sheetNames[locale], { views: [{ rightToLeft: locale === 'ar', state: 'frozen', ySplit: 1 }] });
    sheet.columns = [28, 28, 40, 30, 16, 16, 10, 12, 12, 12, 8, 20].map((width) => ({ width }));
    const header = sheet.addRow(m.header);
    header.font = { bold: true };
    header.commit();
    const merges = (sheet as unknown as { _merges: { toString(): string }[] })._merges;
    const merge = (top: number, col: number, bottom: number) => {
      const letter = String.fromCharCode(64 + col); // the merged columns are A, B and G
      if (bottom > top) merges.push({ toString: () => `${letter}${top}:${letter}${bottom}` });
    };
    let rowNumber = 1;
    let axisTop = 0;
    let projectTop = 0;
    let axisId: number | null = null;
    let projectId: number | null = null;
    const closeProject = () => {
      if (projectId !== null) for (const col of [2, 7]) merge(projectTop, col, rowNumber);
    };
    const closeAxis = () => {
      if (axisId !== null) merge(axisTop, 1, rowNumber);
    };
    for await (const { axis, project, rows } of matrixRows(db, collectivityId, sk, locale)) {
      for (const r of rows) {
        const newAxis = axis.id !== axisId;
        const newProject = project.id !== projectId;
        if (newProject) closeProject();
        if (newAxis) closeAxis();
        rowNumber++;
        if (newAxis) [axisId, axisTop] = [axis.id, rowNumber];
        if (newProject) [projectId, projectTop] = [project.id, rowNumber];
        // axis, project and duration are written on their first row only, as in the document
        const row = sheet.addRow(
          [
            newAxis ? r.axis : null,
            newProject ? r.project : null,
            r.activity,
            r.partners,
            r.cost,
            r.funding,
            newProject ? r.duration : null,
            new Date(`${r.start}T00:00:00Z`),
            new Date(`${r.end}T00:00:00Z`),
            r.status,
            r.progress,
            newAxis ? r.theme : null,
          ].map(spreadsheetSafe),
        );
        row.alignment = { vertical: 'top', wrapText: true };
        row.getCell(8).numFmt = 'yyyy-mm-dd';
        row.getCell(9).numFmt = 'yyyy-mm-dd';
        row.commit();
      }
      options.onPage?.(rows.length);
      await zipCaughtUp(sheet, out);
    }
    closeProject();
    closeAxis();
    sheet.commit();
  }
  await workbook.commit();
}

/** CSV: one row per activity with the axis and project repeated (flat, for data tools), in one
 *  language; its first nine columns are the document's layout, so it can be imported again. */
export async function writeCsv(db: Db, collectivityId: number, programme: ProgrammeRow, locale: Locale, out: Writable, options: ExportOptions = {}): Promise<void> {
  const sk = await skeleton(db, collectivityId, programme.id);
  const csv = stringify({ bom: true });
  csv.pipe(out);
  const write = async (record: (string | number | null)[]) => {
    if (!csv.write(record.map(spreadsheetSafe))) await once(csv, 'drain');
  };
  await write(matrixText(locale, sk.partners, sk.themes).header);
  for await (const { rows } of matrixRows(db, collectivityId, sk, locale)) {
    for (const r of rows) await write([r.axis, r.project, r.activity, r.partners, r.cost, r.funding, r.duration, r.start, r.end, r.status, r.progress, r.theme]);
    options.onPage?.(rows.length);
  }
  csv.end();
  await once(csv, 'end');
}

/** iCal: two all-day events per activity, its start and its end, with stable ids. */
export async function writeIcs(db: Db, c: Collectivity, programme: ProgrammeRow, locale: Locale, baseUrl: string, out: Writable): Promise<void> {
  const { default: ical } = await import('ical-generator');
  const sk = await skeleton(db, c.id, programme.id);
  const t = translator(locale);
  const calendar = ical({ name: pick({ ar: programme.title_ar, fr: programme.title_fr, en: programme.title_en }, locale).text, prodId: '//Infitah//Programme//AR' });
  const [head] = calendar.toString().split('END:VCALENDAR');
  await put(out, head);
  const host = new URL(baseUrl).host;
  for (const axis of sk.axes) {
    for (const project of sk.projects.get(axis.id) ?? []) {
      for await (const page of activityPages(db, c.id, project.id)) {
        const lines: string[] = [];
        for (const a of page.activities) {
          const title = pick({ ar: a.title_ar, fr: a.title_fr, en: a.title_en }, locale).text;
          const url = `${baseUrl}/${locale}/c/${c.slug}/programme/activities/${a.id}`;
          for (const edge of ['start', 'end'] as const) {
            const day = edge === 'start' ? a.start_date : a.end_date;
            lines.push(
              calendar
                .createEvent({
                  id: `activity-${a.id}-${edge}@${host}`,
                  start: new Date(`${day}T00:00:00Z`),
                  allDay: true,
                  summary: t(`transfer.export.ics.${edge}`, { project: project.number, n: a.number, title }),
                  url,
                  stamp: new Date(`${programme.created_at}`),
                })
                .toString(),
            );
          }
        }
        calendar.clear();
        await put(out, lines.join(''));
      }
    }
  }
  await put(out, 'END:VCALENDAR\r\n');
}
