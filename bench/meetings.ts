// Meetings of the dialogue module for the benchmark (issue 13): two communes of the national
// dataset with 50 and 5,000 past meetings (one every two days) and a few upcoming ones, so that
// the meetings page and the .ics feed can be shown flat as the history grows. Rebuilt on every
// run (5,060 rows: a second), dated from the run's day.
import { performance } from 'node:perf_hooks';
import { type Db, openDatabase } from '../src/platform/db/database.ts';
import { attendanceFields, meetingKinds } from '../src/modules/dialogue/tables.ts';
import { ensureCommune } from './proposals.ts';
import { type Rng, createRng } from './prng.ts';

export interface MeetingCommune {
  slug: string;
  pastMeetings: number;
  seedIndex: number;
}

export const meetingPlan = (few: number, many: number): MeetingCommune[] => [
  { slug: 'bench-meetings-few', pastMeetings: few, seedIndex: 9101 },
  { slug: 'bench-meetings', pastMeetings: many, seedIndex: 9102 },
];

const UPCOMING = 10;
const SUBJECTS = ['تتبع برنامج الانفتاح', 'الميزانية التشاركية', 'النظافة وجمع النفايات', 'الإنارة العمومية', 'النقل الحضري', 'المساحات الخضراء', 'الخدمات الرقمية', 'قضايا الشباب', 'مقاربة النوع', 'الماء الصالح للشرب'];
const WITH = ['مع جمعيات المجتمع المدني', 'مع ممثلي وسائل الإعلام', 'مع ساكنة الحي', 'مع الفاعلين الاقتصاديين', 'مع الشباب', 'مع النساء المنتخبات'];
const PLACES = ['قاعة الاجتماعات بمقر الجماعة', 'دار الشباب', 'المركب الثقافي', 'الملحقة الإدارية الأولى', 'دار المواطن'];

function meetingRow(rng: Rng, collectivityId: number, start: Date, past: boolean, n: number) {
  const hours = rng.int(1, 3);
  const status = past ? (rng.chance(0.05) ? 'cancelled' : 'held') : 'planned';
  const total = status === 'held' ? rng.int(15, 120) : null;
  const women = total === null ? null : rng.int(Math.floor(total / 5), Math.floor(total / 2));
  const attendance = Object.fromEntries(attendanceFields.map((f) => [`attendance_${f}`, null])) as Record<`attendance_${(typeof attendanceFields)[number]}`, number | null>;
  if (total !== null && women !== null) {
    Object.assign(attendance, { attendance_total: total, attendance_women: women, attendance_men: total - women, attendance_youth: rng.int(0, Math.floor(total / 3)), attendance_associations: rng.int(1, 15) });
  }
  const at = start.toISOString();
  return {
    collectivity_id: collectivityId,
    kind: meetingKinds[n % meetingKinds.length],
    status,
    starts_at: at,
    ends_at: new Date(start.getTime() + hours * 3_600_000).toISOString(),
    title_ar: `لقاء تواصلي حول ${rng.pick(SUBJECTS)} ${rng.pick(WITH)}`,
    description_ar: 'لقاء دوري في إطار الآلية الدائمة للتحاور مع الفاعلين المحليين.',
    place_ar: rng.pick(PLACES),
    cancel_reason_ar: status === 'cancelled' ? 'تزامن اللقاء مع دورة استثنائية للمجلس.' : null,
    registration_enabled: !past && n % 5 === 0 ? 1 : 0,
    capacity: !past && n % 5 === 0 ? 80 : null,
    ...attendance,
    created_at: at,
    updated_at: at,
  };
}

async function fill(db: Db, c: MeetingCommune, collectivityId: number, now: Date): Promise<void> {
  const rng = createRng(c.seedIndex);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('meeting').where('collectivity_id', '=', collectivityId).execute();
    const rows = [];
    // the past, back from yesterday, one meeting every two days for both communes: the feed holds
    // the last 90 days (45 meetings in each), so what grows between them is the history alone
    const spacing = 2 * 86_400_000;
    for (let i = 0; i < c.pastMeetings; i++) {
      const day = new Date(now.getTime() - (i + 1) * spacing);
      day.setUTCHours(15, 0, 0, 0);
      rows.push(meetingRow(rng, collectivityId, day, true, i));
    }
    for (let i = 0; i < UPCOMING; i++) {
      const day = new Date(now.getTime() + (i + 1) * 6 * 86_400_000);
      day.setUTCHours(15, 0, 0, 0);
      rows.push(meetingRow(rng, collectivityId, day, false, i));
    }
    for (let s = 0; s < rows.length; s += 100) await trx.insertInto('meeting').values(rows.slice(s, s + 100)).execute();
  });
}

/** Puts the planned meetings into the national dataset (at `path`), dated from `now`. */
export async function buildMeetings(path: string, plan: MeetingCommune[], opts: { now: Date; log: (line: string) => void }): Promise<void> {
  const database = openDatabase(`sqlite:${path}`);
  try {
    for (const c of plan) {
      const t0 = performance.now();
      const { id } = await ensureCommune(database.db, { slug: c.slug, proposals: 0, seedIndex: c.seedIndex });
      await fill(database.db, c, id, opts.now);
      opts.log(`  ${c.slug}: ${c.pastMeetings} past and ${UPCOMING} upcoming meetings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await database.close();
  }
}
