// Issue 12: proposals search through a trigram index (SQLite FTS5, PostgreSQL pg_trgm) must
// answer exactly what `LIKE '%term%'` over the normalised text answered: every term a substring,
// Arabic article and hamza folded as before, 2-letter terms, filters and keyset pages alike; and
// stay in step with the proposals (written, edited, withdrawn, deleted; existing rows indexed
// by the migration). Run on SQLite, and on PostgreSQL with TEST_DATABASE=postgres.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, demoDay } from '../helpers/app.ts';
import { emptyDatabase, migrate } from '../helpers/migrations.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { type ProposalFilters, listProposals } from '../../src/modules/cocreation/repository.ts';
import { modules } from '../../src/modules/index.ts';
import { likeTerm } from '../../src/platform/text/like.ts';
import { normalize, searchTerms } from '../../src/platform/text/normalize.ts';

/** The list as it was before the index: the same filters, every term a LIKE over all the rows. */
async function likeList(db: Db, collectivityId: number, programmeId: number, f: ProposalFilters, limit: number) {
  const terms = f.q ? searchTerms(f.q) : [];
  const rows = await db
    .selectFrom('proposal as p')
    .select('p.id')
    .where('p.collectivity_id', '=', collectivityId)
    .where('p.programme_id', '=', programmeId)
    .$if(f.axisId !== undefined, (q) => q.where('p.axis_id', '=', f.axisId!))
    .$if(f.channel !== undefined, (q) => q.where('p.channel', '=', f.channel!))
    .$if(f.status !== undefined, (q) => q.where('p.status', '=', f.status!))
    .$if(f.before !== undefined, (q) => q.where('p.id', '<', f.before!))
    .$if(terms.length > 0, (q) => q.where((eb) => eb.and(terms.map((t) => likeTerm(eb.ref('p.search_text'), t)))))
    .orderBy('p.id', 'desc')
    .limit(limit + 1)
    .execute();
  return rows.map((r) => r.id);
}

async function settat(db: Db) {
  const c = await db.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirstOrThrow();
  const p = await db.selectFrom('programme').select('id').where('collectivity_id', '=', c.id).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const axes = (await db.selectFrom('axis').select('id').where('programme_id', '=', p.id).orderBy('number').execute()).map((a) => a.id);
  return { collectivityId: c.id, programmeId: p.id, axes };
}

const ids = async (db: Db, s: { collectivityId: number; programmeId: number }, f: ProposalFilters, limit = 20) =>
  (await listProposals(db, s.collectivityId, s.programmeId, f, limit)).items.map((p) => p.id);

// Written first, so that 3,600 newer proposals stand between them and the first page: more than
// the 1,000 newest rows listProposals reads before the index, also within one status or channel.
const SPECIAL = [
  { title: 'برنامج للرقمنة الإدارية', body: 'رقمنة الوثائق والمساطر', lang: 'ar' },
  { title: 'إنشاء مكتبة عمومية', body: 'مكتبة للأطفال بالحي', lang: 'ar' },
  { title: 'انشاء فضاء رقمي', body: 'فضاء للشباب', lang: 'ar' },
  { title: 'أنشأ المجلس مسبحا', body: 'مسبح جماعي', lang: 'ar' },
  { title: "Création d'une bibliothèque numérique à Settat", body: 'Des livres et des ordinateurs.', lang: 'fr' },
  { title: 'Wifi gratuit au parc', body: 'Un accès Internet libre.', lang: 'fr' },
  { title: 'حي السلام: تهيئة الطريق', body: 'الطريق المؤدية إلى المدرسة', lang: 'ar' },
  { title: 'Bibliothèque du quartier El Qods', body: 'Ouverte le soir, 2025.', lang: 'fr' },
];

async function insertCorpus(db: Db, s: Awaited<ReturnType<typeof settat>>) {
  const row = (title: string, body: string, lang: string, i: number) => ({
    collectivity_id: s.collectivityId,
    programme_id: s.programmeId,
    axis_id: s.axes[i % s.axes.length],
    channel: i % 2 === 0 ? 'online' : 'workshop',
    title,
    body,
    lang,
    search_text: normalize(`${title} ${body}`),
    status: ['submitted', 'retained', 'withdrawn'][i % 3],
    submitted_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  });
  const special: number[] = [];
  for (const [i, p] of SPECIAL.entries()) special.push((await db.insertInto('proposal').values(row(p.title, p.body, p.lang, i)).returning('id').executeTakeFirstOrThrow()).id);
  // every filler speaks of cleanliness; one in 10 of lighting, one in 150 of a swimming pool (rare)
  const fillers = Array.from({ length: 3600 }, (_, i) => {
    const extra = [i % 10 === 0 ? 'وتحسين الإنارة العمومية' : '', i % 150 === 0 ? 'وبناء المسبح البلدي' : ''].join(' ');
    return row(`اقتراح رقم ${i} حول النظافة`, `النظافة في الأحياء ${extra}`.trim(), 'ar', i + SPECIAL.length);
  });
  for (let k = 0; k < fillers.length; k += 400) await db.insertInto('proposal').values(fillers.slice(k, k + 400)).execute();
  return special;
}

const QUERIES = [
  'الرقمنة', 'رقمنة', 'للرقمنة', 'الرَّقْمَنَة', // article, l-article, diacritics
  'إنشاء', 'انشاء', 'أنشاء', 'انشا', 'إنشا', // hamza variants: انشا
  'مكتبة', 'مكتبه', 'المكتبة العمومية',
  'bibliothèque', 'BIBLIOTHEQUE', 'bibliotheque numerique', 'création', 'creation settat',
  'wi', 'wi parc', 'حي', 'حي السلام', 'السلام حي', 'el', 'el qods', // 2-letter terms, alone and with others
  'zzqx', 'مكتبة zzqx', 'qx', // nothing
  'النظافة', 'الإنارة', 'المسبح', 'مسبح', 'المسبح النظافة', 'الإنارة المسبح', 'رقم 11', 'رقم 3599', '2025',
];

test('search through the index answers what LIKE answered: Arabic and French, filters, keyset pages', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.db;
  const s = await settat(db);
  const special = await insertCorpus(db, s);
  const newest = (await db.selectFrom('proposal').select('id').where('programme_id', '=', s.programmeId).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
  const befores = [undefined, newest - 50, newest - 600, special.at(-1)! + 1, special[3]];
  const filterSets: ProposalFilters[] = [{}, { status: 'retained' }, { channel: 'workshop' }, { axisId: s.axes[0] }, { status: 'withdrawn', channel: 'online' }];
  let compared = 0;
  let nonEmpty = 0;
  for (const q of QUERIES) {
    for (const filters of filterSets) {
      for (const before of befores) {
        for (const limit of [20, 3]) {
          const f = { ...filters, q, before };
          const expected = await likeList(db, s.collectivityId, s.programmeId, f, limit);
          const got = await listProposals(db, s.collectivityId, s.programmeId, f, limit);
          assert.deepEqual(got.items.map((p) => p.id), expected.slice(0, limit), `q=${q} ${JSON.stringify(f)} limit ${limit}`);
          assert.equal(got.next, expected.length > limit ? expected[limit - 1] : null, `next: q=${q} ${JSON.stringify(f)}`);
          compared++;
          if (expected.length > 0) nonEmpty++;
        }
      }
    }
  }
  assert.ok(nonEmpty > compared / 3, `most comparisons find something (${nonEmpty} of ${compared})`);

  // walking every page of a search gives the whole LIKE answer, in order
  for (const q of ['النظافة', 'الإنارة', 'المسبح', 'حي', 'bibliothèque']) {
    const all = await likeList(db, s.collectivityId, s.programmeId, { q }, 100_000);
    const walked: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await listProposals(db, s.collectivityId, s.programmeId, { q, before }, 20);
      walked.push(...page.items.map((p) => p.id));
      if (page.next === null) break;
      before = page.next;
    }
    assert.deepEqual(walked, all, q);
  }

  // and what the cases mean, stated plainly (among the proposals written here: the demo's may match too)
  const [digital, library, space, pool, bibliotheque, wifi, salam, qods] = special;
  const mine = async (q: string) => (await ids(db, s, { q }, 100)).filter((id) => special.includes(id));
  assert.deepEqual(await mine('الرقمنة'), [digital]); // "للرقمنة" and "رقمنة"
  assert.deepEqual(await mine('إنشاء'), [pool, space, library]); // إنشاء, انشاء and أنشأ are all انشا
  assert.deepEqual(await mine('BIBLIOTHEQUE'), [qods, bibliotheque]);
  assert.deepEqual(await mine('wi'), [wifi]);
  assert.deepEqual(await mine('حي السلام'), [salam]);
  assert.deepEqual(await ids(db, s, { q: 'zzqx' }), []);
  assert.deepEqual(await mine('مسبح'), [pool]);
});

test('the index follows the proposals: written, edited, withdrawn, deleted', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.db;
  const s = await settat(db);
  const special = await insertCorpus(db, s);
  const [, library, , , bibliotheque, wifi, , qods] = special;
  let fresh = 0;
  // among the proposals written here (the demo's may match too)
  const search = async (q: string, f: ProposalFilters = {}) => (await ids(db, s, { ...f, q })).filter((id) => special.includes(id) || id === fresh);

  // edited: the old words are no longer found, the new ones are
  assert.deepEqual(await search('مكتبة'), [library]);
  await db.updateTable('proposal').set({ title: 'إنشاء ملعب للقرب', search_text: normalize('إنشاء ملعب للقرب ملعب للأطفال بالحي') }).where('id', '=', library).execute();
  assert.deepEqual(await search('مكتبة'), []);
  assert.deepEqual(await search('ملعب'), [library]);
  assert.deepEqual(await search('ملعب للقرب'), [library]);

  // withdrawn: its text is still found (the list shows withdrawn proposals), under its new status
  await db.updateTable('proposal').set({ status: 'withdrawn' }).where('id', '=', wifi).execute();
  assert.deepEqual(await search('wifi'), [wifi]);
  assert.deepEqual(await search('wifi gratuit', { status: 'withdrawn' }), [wifi]);
  assert.deepEqual(await search('wifi', { status: 'submitted' }), []);

  // deleted: gone from the answers
  assert.deepEqual(await search('bibliothèque'), [qods, bibliotheque]);
  await db.deleteFrom('proposal').where('id', '=', bibliotheque).execute();
  assert.deepEqual(await search('bibliothèque'), [qods]);
  assert.deepEqual(await search('numerique'), []);

  // written: a new proposal is found at once, first
  fresh = (
    await db
    .insertInto('proposal')
    .values({
      collectivity_id: s.collectivityId,
      programme_id: s.programmeId,
      axis_id: s.axes[0],
      channel: 'online',
      title: 'Médiathèque mobile',
      body: 'Une bibliothèque sur roues.',
      lang: 'fr',
      search_text: normalize('Médiathèque mobile Une bibliothèque sur roues.'),
      status: 'submitted',
      submitted_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  ).id;
  assert.deepEqual(await search('bibliothèque'), [fresh, qods]);
  assert.deepEqual(await search('mediatheque'), [fresh]);

  // a whole programme's proposals deleted with it (cascade): none left to find
  await db.deleteFrom('proposal').where('programme_id', '=', s.programmeId).execute();
  assert.deepEqual(await ids(db, s, { q: 'النظافة' }), []);
  assert.deepEqual(await ids(db, s, { q: 'bibliothèque' }), []);
});

test('the migration indexes the proposals already written', async (t) => {
  const database = await emptyDatabase(t);
  await migrate(database, '20261205T0800_proposal_search_index');
  // the demo as it was then: the modules that came later (dialogue, IEECAG, services, surveys…)
  // have their tables in later migrations
  const then = ['collectivities', 'accounts', 'programme', 'cocreation', 'tracking', 'evaluation', 'transfer', 'budget'];
  for (const m of modules.filter((x) => then.includes(x.name))) await m.seedDemo?.(database.db, { today: demoDay });
  const db = database.db;
  const s = await settat(db);
  await insertCorpus(db, s); // more than the 1,000 newest rows: rare words are looked up in the index
  await migrate(database);
  let found = 0;
  const demo = await db.selectFrom('proposal').select('title').where('programme_id', '=', s.programmeId).orderBy('id').limit(10).execute();
  for (const q of [...QUERIES, 'الحالة المدنية', 'الأرشيف', ...demo.map((p) => p.title)]) {
    const expected = await likeList(db, s.collectivityId, s.programmeId, { q }, 20);
    assert.deepEqual(await ids(db, s, { q }), expected.slice(0, 20), q);
    found += expected.length;
  }
  assert.ok(found > 100);
  if (database.dialect === 'sqlite') {
    // every proposal has its row in the FTS5 table, no more
    const n = await sql<{ n: number }>`select count(*) as n from proposal_search`.execute(db);
    const total = await db.selectFrom('proposal').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.rows[0].n), Number(total.n));
  }
});
