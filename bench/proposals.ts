// Citizen proposals for the benchmark of the co-creation module: dedicated communes of the
// national dataset, each with N generated proposals (Arabic titles and texts from word lists,
// seeded), inserted in bulk (multi-row inserts, one transaction per commune).
//
//   bench-proposals-1k / -10k / -100k   the proposals list, and its cost as the list grows
//   bench-submit                        an open call for proposals and no proposals: the
//                                       submission benchmark writes there (bench/submit.ts)
//
// The communes are appended to the national dataset so that the list is measured inside a
// network-sized proposal table, as in production (the tables are shared by all collectivities).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type Db, openDatabase } from '../src/platform/db/database.ts';
import { loadSeedProgramme } from '../src/modules/programme/seed/load.ts';
import { normalize } from '../src/platform/text/normalize.ts';
import '../src/modules/cocreation/tables.ts';
import { GENERATOR_VERSION as NATIONAL_VERSION } from './dataset.ts';
import { communeSeed } from './generate.ts';
import { type Rng, createRng } from './prng.ts';

/** This file's hash, with the national dataset's (generator and migrations): BENCH_REUSE keeps only what they built. */
const GENERATOR_VERSION = createHash('sha256')
  .update(readFileSync(join(import.meta.dirname, 'proposals.ts')))
  .update(NATIONAL_VERSION)
  .digest('hex')
  .slice(0, 16);

// ── word lists ───────────────────────────────────────────────────────────────

/** What to do (verbal nouns, as proposal titles start). */
const ACTIONS = ['إحداث', 'إنشاء', 'تهيئة', 'إصلاح', 'توسيع', 'صيانة', 'تجهيز', 'بناء', 'تأهيل', 'توفير', 'تحسين', 'تعميم'];

/** What it is about: 30 facilities, so one of them is in about 3% of the proposals. */
const OBJECTS = [
  'ملعب للقرب',
  'مكتبة عمومية',
  'دار للشباب',
  'مركز صحي',
  'حديقة عمومية',
  'مسبح جماعي',
  'سوق نموذجي',
  'مرافق صحية عمومية',
  'الإنارة العمومية',
  'الطريق المؤدية إلى الدوار',
  'ممرات للراجلين',
  'محطة للنقل الحضري',
  'نقاط للماء الصالح للشرب',
  'قاعة متعددة الاختصاصات',
  'فضاء لألعاب الأطفال',
  'مركز لتكوين النساء',
  'شبكة التطهير السائل',
  'حاويات لجمع النفايات',
  'موقف للسيارات',
  'مسار للدراجات',
  'مركب ثقافي',
  'دار للمسنين',
  'روض للأطفال',
  'ملحقة إدارية',
  'مستوصف قروي',
  'قاعة مغطاة للرياضة',
  'فضاء أخضر',
  'مدارة طرقية',
  'ساحة عمومية',
  'مركز للاستماع',
];

/** The word searched by the benchmark: in one of the 30 objects (≈3% of the proposals). */
export const SEARCH_WORD = 'مكتبة';

const PLACES = [
  'بحي السلام',
  'بحي النهضة',
  'بحي الفتح',
  'بحي الرياض',
  'بحي المسيرة',
  'بتجزئة الأمل',
  'بالمركز',
  'قرب المدرسة الابتدائية',
  'بالقرب من السوق الأسبوعي',
  'بالدوار',
  'على الطريق الإقليمية',
  'بالحي الجديد',
];
const VILLAGES = ['أولاد سعيد', 'أولاد بوزيد', 'سيدي علي', 'عين الضربان', 'بني يخلف', 'الكرازة', 'أولاد عفيف', 'سيدي العايدي'];

const BENEFICIARIES = [
  'لفائدة الشباب',
  'لفائدة النساء',
  'لفائدة الأطفال',
  'لفائدة الأشخاص في وضعية إعاقة',
  'لفائدة المسنين',
  'لفائدة التلاميذ',
  'لفائدة الفلاحين الصغار',
];

const REASONS = [
  'لأن الساكنة تضطر إلى التنقل لمسافات طويلة',
  'نظرا للخصاص الكبير الذي يعرفه الحي',
  'لأن المرفق الحالي في وضعية متدهورة',
  'من أجل تحسين ظروف عيش الساكنة',
  'للحد من الهدر المدرسي',
  'لتشجيع الأنشطة الرياضية والثقافية',
  'لأن عدد السكان تضاعف خلال السنوات الأخيرة',
  'لضمان السلامة الطرقية للتلاميذ',
];
const FUNDERS = ['المجلس الإقليمي', 'المبادرة الوطنية للتنمية البشرية', 'جمعيات الحي', 'مجلس الجهة', 'القطاع الخاص في إطار الشراكة'];
const DETAILS = [
  'وقد عبر عدد من السكان عن دعمهم لهذا الاقتراح خلال لقاء الحي.',
  'ويمكن إنجاز المشروع على مراحل خلال مدة البرنامج.',
  'ونقترح إشراك جمعيات المجتمع المدني في تتبع الإنجاز.',
  'وتتوفر الجماعة على وعاء عقاري مناسب لهذا الغرض.',
  'ويجب مراعاة ولوجيات الأشخاص في وضعية إعاقة.',
];

export interface GeneratedProposal {
  title: string;
  body: string;
}

/** One proposal's title and text. */
export function proposalText(rng: Rng): GeneratedProposal {
  const action = rng.pick(ACTIONS);
  const object = rng.pick(OBJECTS);
  const place = rng.chance(0.25) ? `بدوار ${rng.pick(VILLAGES)}` : rng.pick(PLACES);
  const title = [action, object, place, ...(rng.chance(0.5) ? [rng.pick(BENEFICIARIES)] : [])].join(' ');
  const sentences = [`نقترح ${action} ${object} ${place} ${rng.pick(REASONS)}.`, `ويمكن تمويل المشروع بشراكة مع ${rng.pick(FUNDERS)}.`];
  if (rng.chance(0.6)) sentences.push(rng.pick(DETAILS));
  return { title, body: sentences.join(' ') };
}

// ── the communes ─────────────────────────────────────────────────────────────

export interface ProposalCommune {
  slug: string;
  /** proposals generated there */
  proposals: number;
  /** the commune's programme is generated like `commune-NNNN` for this number */
  seedIndex: number;
}

/** A generated commune's programme under another slug (same province, region and name). */
export async function ensureCommune(db: Db, c: ProposalCommune): Promise<{ id: number; programmeId: number }> {
  const seed = communeSeed(c.seedIndex);
  const own = seed.collectivities.find((x) => x.slug === seed.collectivity)!;
  await loadSeedProgramme(db, {
    ...seed,
    collectivities: seed.collectivities.map((x) => (x === own ? { ...x, slug: c.slug } : x)),
    collectivity: c.slug,
  });
  const row = await db
    .selectFrom('collectivity as c')
    .innerJoin('programme as p', 'p.collectivity_id', 'c.id')
    .select(['c.id', 'p.id as programmeId'])
    .where('c.slug', '=', c.slug)
    .executeTakeFirstOrThrow();
  return { id: row.id, programmeId: row.programmeId };
}

/**
 * Tables whose rows hang on a proposal, a call or a participation event, directly or through
 * another such table (steps, supports, comments and their reports…), children first: read from
 * the schema so that tables added by later migrations are emptied too.
 */
export async function dependentTables(db: Db): Promise<string[]> {
  const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows.map((r) => r.name);
  const parents = new Map<string, string[]>();
  for (const t of tables) {
    const fks = (await sql<{ table: string }>`select * from pragma_foreign_key_list(${t})`.execute(db)).rows;
    parents.set(t, fks.map((f) => f.table));
  }
  const roots = ['proposal', 'call_for_proposals', 'participation_event'];
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const [child, ps] of parents) if (ps.includes(t)) visit(child);
    order.push(t);
  };
  for (const r of roots) visit(r);
  const withTenant: string[] = [];
  for (const t of order) {
    const cols = (await sql<{ name: string }>`select name from pragma_table_info(${t})`.execute(db)).rows;
    if (cols.some((c) => c.name === 'collectivity_id')) withTenant.push(t);
  }
  return withTenant;
}

/**
 * Removes a commune's co-creation rows (all of them: the bench communes hold nothing else).
 * Foreign keys are switched off for it, on this connection only, and the dependent rows deleted
 * by hand, children first: with them on, each deleted proposal makes SQLite scan whole tables
 * (proposal.merged_into_id and proposal_step.proposal_id have no index of their own), and
 * deleting 100,000 proposals would take hours.
 */
export async function clearCocreation(db: Db, collectivityId: number): Promise<void> {
  const tables = await dependentTables(db);
  await sql`pragma foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      for (const t of tables) await sql`delete from ${sql.table(t)} where collectivity_id = ${collectivityId}`.execute(trx);
    });
  } finally {
    await sql`pragma foreign_keys = ON`.execute(db);
  }
}

const STATUS_WEIGHTS = { submitted: 40, under_review: 22, retained: 12, merged: 5, not_retained: 17, withdrawn: 4 };
const PROPOSAL_CHUNK = 500; // × 17 columns: well under SQLite's 32,766 bound parameters
const STEP_CHUNK = 1000;

/** Inserts `count` proposals (and one `submitted` step each) into a commune, in one transaction. */
async function insertProposals(db: Db, c: ProposalCommune, ids: { id: number; programmeId: number }) {
  const rng = createRng(0x9e0905a1 ^ c.seedIndex);
  await db.transaction().execute(async (trx) => {
    const scope = { collectivity_id: ids.id, programme_id: ids.programmeId };
    const axes = (await trx.selectFrom('axis').select('id').where('collectivity_id', '=', ids.id).where('programme_id', '=', ids.programmeId).orderBy('number').execute()).map((a) => a.id);
    const projects = await trx.selectFrom('project').select(['id', 'axis_id']).where('collectivity_id', '=', ids.id).execute();
    // where they came from: a call for proposals (online, closed) and a workshop
    const call = await trx
      .insertInto('call_for_proposals')
      .values({
        ...scope,
        opens_at: '2023-09-01T08:00:00.000Z',
        closes_at: '2023-10-31T22:59:00.000Z',
        channels: 'online,workshop',
        published_at: '2023-08-25T09:00:00.000Z',
        title_ar: 'دعوة لتقديم المقترحات لإعداد برنامج الانفتاح',
        title_fr: "Appel à propositions pour l'élaboration du programme d'ouverture",
        title_en: 'Call for proposals for the openness programme',
        body_ar: 'تدعو الجماعة المواطنات والمواطنين والجمعيات إلى تقديم مقترحاتهم.',
        body_fr: null,
        body_en: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = await trx
      .insertInto('participation_event')
      .values({
        ...scope,
        kind: 'workshop',
        held_on: '2023-10-07',
        title_ar: 'ورشة تشاورية مع الساكنة',
        title_fr: 'Atelier de concertation avec la population',
        title_en: 'Consultation workshop with residents',
        place_ar: 'مقر الجماعة',
        place_fr: null,
        place_en: null,
        attendance_total: 120,
        attendance_women: 48,
        attendance_ieecag: 3,
        associations_represented: 14,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const start = Date.parse('2023-09-01T08:00:00.000Z');
    const span = 60 * 86_400_000; // the call's two months
    for (let done = 0; done < c.proposals; done += PROPOSAL_CHUNK) {
      const n = Math.min(PROPOSAL_CHUNK, c.proposals - done);
      const rows = Array.from({ length: n }, (_, k) => {
        const i = done + k;
        const { title, body } = proposalText(rng);
        const channel = rng.chance(0.7) ? 'online' : 'workshop';
        const status = rng.weighted(STATUS_WEIGHTS);
        const axisId = rng.pick(axes);
        const onAxis = projects.filter((p) => p.axis_id === axisId);
        return {
          ...scope,
          axis_id: axisId,
          channel,
          call_id: channel === 'online' ? call.id : null,
          event_id: channel === 'workshop' ? event.id : null,
          author_user_id: null,
          title,
          body,
          lang: 'ar',
          search_text: normalize(`${title} ${body}`),
          status,
          merged_into_id: null,
          project_id: status === 'retained' && onAxis.length > 0 ? rng.pick(onAxis).id : null,
          activity_id: null,
          submitted_at: new Date(start + Math.floor((span * i) / c.proposals)).toISOString(),
        };
      });
      const inserted = await trx.insertInto('proposal').values(rows).returning('id').execute();
      const steps = inserted.map((r, k) => ({ collectivity_id: ids.id, proposal_id: r.id, at: rows[k].submitted_at, status: 'submitted', actor_role: null }));
      for (let s = 0; s < steps.length; s += STEP_CHUNK) await trx.insertInto('proposal_step').values(steps.slice(s, s + STEP_CHUNK)).execute();
    }
  });
}

export interface ProposalCommuneInfo extends ProposalCommune {
  id: number;
  /** an id in the middle of the commune's proposals (for a deep page) */
  middleId: number;
  /** share of the commune's proposals that the SEARCH_WORD query matches */
  searchShare: number;
}

export interface ProposalsInfo {
  communes: ProposalCommuneInfo[];
  reused: boolean;
  buildSeconds: number;
  /** proposals in the whole table (all collectivities) */
  total: number;
}

interface Meta {
  generator: string;
  plan: ProposalCommune[];
  buildSeconds: number;
}

/**
 * Adds the communes of `plan` to the database at `path` with their proposals. With reuse (the
 * national dataset itself was reused), a database that already holds exactly this plan, built
 * by this generator, is kept.
 */
export async function buildProposals(path: string, plan: ProposalCommune[], opts: { reuse: boolean; log: (line: string) => void }): Promise<ProposalsInfo> {
  const metaPath = `${path}.proposals.json`;
  const database = openDatabase(`sqlite:${path}`);
  const db = database.db;
  try {
    const counts = async () => {
      const out: number[] = [];
      for (const c of plan) {
        const row = await db
          .selectFrom('proposal as p')
          .innerJoin('collectivity as c', 'c.id', 'p.collectivity_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('c.slug', '=', c.slug)
          .executeTakeFirstOrThrow();
        out.push(Number(row.n));
      }
      return out;
    };
    let meta: Meta | null = null;
    if (opts.reuse && existsSync(metaPath)) {
      const m = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
      const same = m.generator === GENERATOR_VERSION && JSON.stringify(m.plan) === JSON.stringify(plan);
      // a commune planned empty (bench-submit) is emptied by its own benchmark, and filled by it
      if (same && (await counts()).every((n, i) => plan[i].proposals === 0 || n === plan[i].proposals)) meta = m;
    }
    const reused = meta !== null;
    if (reused) {
      // what an earlier run submitted there (bench/submit.ts empties it again before submitting)
      for (const c of plan.filter((x) => x.proposals === 0)) await clearCocreation(db, (await ensureCommune(db, c)).id);
    } else {
      const started = performance.now();
      for (const c of plan) {
        const t0 = performance.now();
        const ids = await ensureCommune(db, c);
        await clearCocreation(db, ids.id);
        if (c.proposals > 0) await insertProposals(db, c, ids);
        opts.log(`  ${c.slug}: ${c.proposals} proposals in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
      meta = { generator: GENERATOR_VERSION, plan, buildSeconds: (performance.now() - started) / 1000 };
      writeFileSync(metaPath, JSON.stringify(meta));
    }

    const pattern = `%${normalize(SEARCH_WORD)}%`;
    const communes: ProposalCommuneInfo[] = [];
    for (const c of plan) {
      const { id } = await db.selectFrom('collectivity').select('id').where('slug', '=', c.slug).executeTakeFirstOrThrow();
      const middle = await db
        .selectFrom('proposal')
        .select('id')
        .where('collectivity_id', '=', id)
        .orderBy('id')
        .limit(1)
        .offset(Math.floor(c.proposals / 2))
        .executeTakeFirst();
      const matches = await db
        .selectFrom('proposal')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('collectivity_id', '=', id)
        .where('search_text', 'like', pattern)
        .executeTakeFirstOrThrow();
      communes.push({ ...c, id, middleId: middle?.id ?? 0, searchShare: c.proposals > 0 ? Number(matches.n) / c.proposals : 0 });
    }
    const total = Number((await db.selectFrom('proposal').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { communes, reused, buildSeconds: meta!.buildSeconds, total };
  } finally {
    await database.close();
  }
}
