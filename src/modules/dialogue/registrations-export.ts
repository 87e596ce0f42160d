// The door list of a meeting for staff: who registered (name, account kind, seats, status, when),
// confirmed first then the waiting list in its order, then cancellations. As CSV (csv-stringify,
// UTF-8 with BOM for spreadsheets) and XLSX (exceljs, right-to-left in Arabic). Names were typed
// by the registrants: every text cell goes through spreadsheetSafe (no formula runs).
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { isoToCasablanca } from '../../platform/i18n/format.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { spreadsheetSafe } from '../../platform/spreadsheet-safe.ts';
import './tables.ts';

export interface DoorListRow {
  id: number;
  name: string;
  kind: 'person' | 'association';
  seats: number;
  status: string;
  /** ISO instant */
  registeredAt: string;
}

const statusOrder = ['confirmed', 'waitlisted', 'cancelled'];

/** One page of a meeting's registrations, in door-list order, after the row `after` (an id). */
export async function doorList(db: Db, collectivityId: number, meetingId: number, page: { after?: number | null; limit?: number } = {}): Promise<{ rows: DoorListRow[]; next: number | null } | undefined> {
  const limit = page.limit ?? 200;
  const rank = sql<number>`case r.status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`;
  const base = db
    .selectFrom('meeting_registration as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .where('r.collectivity_id', '=', collectivityId)
    .where('r.meeting_id', '=', meetingId);
  let cursor: { rank: number; created_at: string; id: number } | null = null;
  if (page.after != null) {
    const c = await base.select(['r.id', 'r.status', 'r.created_at']).where('r.id', '=', page.after).executeTakeFirst();
    if (!c) return undefined;
    cursor = { rank: statusOrder.indexOf(c.status), created_at: c.created_at, id: c.id };
  }
  const rows = await base
    .select(['r.id', 'r.seats', 'r.status', 'r.created_at', 'u.display_name', 'u.account_kind', 'u.deleted_at'])
    .$if(cursor !== null, (q) =>
      q.where((eb) =>
        eb.or([eb(rank, '>', cursor!.rank), eb.and([eb(rank, '=', cursor!.rank), eb(eb.refTuple('r.created_at', 'r.id'), '>', eb.tuple(cursor!.created_at, cursor!.id))])]),
      ),
    )
    .orderBy(rank)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  return {
    rows: shown.map((r) => ({
      id: r.id,
      name: r.deleted_at ? '' : r.display_name,
      kind: r.account_kind === 'association' ? 'association' : 'person',
      seats: r.seats,
      status: r.status,
      registeredAt: r.created_at,
    })),
    next: rows.length > limit ? shown[shown.length - 1].id : null,
  };
}

/** Every registration of the meeting, in door-list order (read a page at a time). */
export async function allRegistrations(db: Db, collectivityId: number, meetingId: number): Promise<DoorListRow[]> {
  const out: DoorListRow[] = [];
  let after: number | null = null;
  for (;;) {
    const page: { rows: DoorListRow[]; next: number | null } = (await doorList(db, collectivityId, meetingId, { after, limit: 1000 }))!;
    out.push(...page.rows);
    if (page.next === null) return out;
    after = page.next;
  }
}

function table(rows: DoorListRow[], locale: Locale) {
  const t = translator(locale);
  const k = (key: string) => t(`dialogue.registration.doorList.${key}`);
  const header = [k('name'), k('kind'), k('seats'), k('status'), k('registeredAt')];
  const body = rows.map((r) => [
    spreadsheetSafe(r.name),
    t(`dialogue.registration.kind.${r.kind}`),
    r.seats,
    t(`dialogue.registration.statusShort.${r.status}`),
    isoToCasablanca(r.registeredAt).replace('T', ' '),
  ]);
  return { header, body };
}

export function doorListCsv(rows: DoorListRow[], locale: Locale): string {
  const { header, body } = table(rows, locale);
  return stringify([header, ...body], { bom: true });
}

export async function doorListXlsx(rows: DoorListRow[], locale: Locale, title: string): Promise<Buffer> {
  // loaded on first use: exceljs takes seconds to load
  const { default: ExcelJS } = await import('exceljs');
  const { header, body } = table(rows, locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Infitah';
  const sheet = workbook.addWorksheet(title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'meeting', { views: [{ rightToLeft: locale === 'ar', state: 'frozen', ySplit: 1 }] });
  sheet.columns = [36, 16, 10, 16, 20].map((width) => ({ width }));
  sheet.addRow(header).font = { bold: true };
  for (const row of body) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
