// The participatory budget of the Settat demo: a 2025 round voted on, whose results the pages
// and the API count from the ballots (checked here against a count of our own), and a 2026
// round open for submissions. Loading the demo again changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { loadDemoContent } from '../../src/modules/demo.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { buildTestApp, collectivityId } from '../helpers/app.ts';

const titles = {
  ar: ['الميزانية التشاركية لجماعة سطات 2025', 'الميزانية التشاركية لجماعة سطات 2026'],
  fr: ['Budget participatif de la commune de Settat 2025', 'Budget participatif de la commune de Settat 2026'],
};

const decode = (html: string) => html.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The results table of a round page: one row per project on the ballot. */
function resultRows(html: string) {
  const table = /<table>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr[^>]*>\s*<td class="num">(\d+)<\/td>\s*<th scope="row"[^>]*>([^<]*)<\/th>\s*<td class="num">(\d+)<\/td>\s*<td class="num">[^<]*<\/td>\s*<td>([^<]*)<\/td>/g)].map((m) => ({
    rank: Number(m[1]),
    title: decode(m[2]),
    votes: Number(m[3]),
    winner: m[4] === 'Retenu',
  }));
}

async function demoRounds(db: Db, settatId: number) {
  return db.selectFrom('budget_round').selectAll().where('collectivity_id', '=', settatId).orderBy('information_at').execute();
}

test('Settat has a 2025 round voted on and counted from its ballots, and a 2026 round open for submissions', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const rounds = await demoRounds(db, settatId);
  assert.deepEqual(rounds.map((r) => r.title_ar), titles.ar);
  const [r2025, r2026] = rounds;
  assert.equal(r2025.rule, 'knapsack');
  const envelope = Number(r2025.envelope_mad);
  assert.equal(envelope, 3_000_000);

  // both rounds listed, in Arabic and in French, and by the API
  const listAr = await app.inject({ method: 'GET', url: '/ar/c/settat/budgets' });
  assert.equal(listAr.statusCode, 200);
  for (const title of titles.ar) assert.ok(listAr.body.includes(title), title);
  const listFr = await app.inject({ method: 'GET', url: '/fr/c/settat/budgets' });
  for (const title of titles.fr) assert.ok(listFr.body.includes(title), title);
  assert.match(listFr.body, /Réalisation/);
  const api = await app.inject({ method: 'GET', url: '/api/v1/collectivities/settat/budgets' });
  assert.equal(api.statusCode, 200);
  const listed = api.json().rounds as { id: number; title: { ar: string; fr: string }; envelopeMad: number; phase: string }[];
  assert.deepEqual(listed.map((r) => r.title.fr).sort(), [...titles.fr].sort());
  assert.equal(listed.find((r) => r.id === r2025.id)?.phase, 'implementation');
  assert.equal(listed.find((r) => r.id === r2025.id)?.envelopeMad, envelope);

  // the review: 11 feasible, 2 not (with a public reason), 1 merged into the project it repeats
  const projects = await db.selectFrom('budget_project').selectAll().where('collectivity_id', '=', settatId).where('round_id', '=', r2025.id).orderBy('id').execute();
  const byStatus = (s: string) => projects.filter((p) => p.status === s);
  assert.equal(projects.length, 14);
  assert.equal(byStatus('feasible').length, 11);
  assert.ok(byStatus('feasible').some((p) => p.staff_cost_mad !== null && p.staff_cost_mad !== p.estimated_cost_mad));
  assert.equal(byStatus('infeasible').length, 2);
  for (const p of byStatus('infeasible')) assert.ok(p.review_reason && p.review_reason.length > 20);
  const [merged] = byStatus('merged');
  assert.ok(merged.review_reason);
  assert.equal(projects.find((p) => p.id === merged.merged_into_id)?.status, 'feasible');
  // marked as demo data: the rounds (a notice on the page, a flag in the API) and each project's own text
  for (const p of projects) assert.match(p.description, /مثال توضيحي: بيانات تجريبية|exemple fictif : données de démonstration/);
  const demoPage = await app.inject(`/fr/c/settat/budgets/${r2025.id}`);
  assert.match(demoPage.body, /Cette édition est un exemple inventé pour la démonstration/);
  const apiRounds = JSON.parse((await app.inject('/api/v1/collectivities/settat/budgets')).body);
  assert.ok(apiRounds.rounds.every((r: { demo: boolean }) => r.demo));

  // voters: demo hashes, not CINs; each ballot has its voter's "has voted" mark, which keeps the
  // census entry's gender and age band; the ballot itself names nobody and keeps the day only
  const census = await db.selectFrom('budget_census').selectAll().where('collectivity_id', '=', settatId).where('round_id', '=', r2025.id).execute();
  assert.equal(census.length, 1_500);
  assert.ok(census.every((v) => /^[0-9a-f]{64}$/.test(v.voter_hash)));
  assert.ok(census.some((v) => v.gender === null) && census.some((v) => v.age_band === null));
  const ballots = await db.selectFrom('budget_ballot').selectAll().where('collectivity_id', '=', settatId).where('round_id', '=', r2025.id).execute();
  assert.equal(ballots.length, 1_100);
  const marks = await db.selectFrom('budget_voted').selectAll().where('collectivity_id', '=', settatId).where('round_id', '=', r2025.id).execute();
  assert.equal(marks.length, 1_100);
  const censusOf = new Map(census.map((v) => [v.voter_hash, v]));
  for (const m of marks) {
    const v = censusOf.get(m.voter_hash);
    assert.ok(v, 'every voter is from the census');
    assert.equal(m.gender, v.gender);
    assert.equal(m.age_band, v.age_band);
  }
  const day = (iso: string) => todayInCasablanca(new Date(iso));
  for (const b of ballots) {
    assert.match(b.id, /^[0-9a-f]{32}$/);
    assert.equal(b.change_key, null);
    assert.ok(b.cast_on >= day(r2025.voting_at) && b.cast_on < day(r2025.results_at), b.cast_on);
  }
  const paper = ballots.filter((b) => b.channel === 'paper').length;
  assert.ok(paper > 150 && paper < 300, `${paper} paper ballots`);

  // every ballot keeps within the envelope, at the costs the ballot used
  const over = await sql<{ n: number }>`
    select count(*) as n from (
      select c.ballot_id, sum(coalesce(p.staff_cost_mad, p.estimated_cost_mad)) as total
      from budget_ballot_choice c join budget_project p on p.id = c.project_id
      where c.collectivity_id = ${settatId} and p.round_id = ${r2025.id}
      group by c.ballot_id
    ) t where t.total > ${envelope}`.execute(db);
  assert.equal(Number(over.rows[0].n), 0);

  // our own count of the votes: ballots of the round naming each project
  const counted = await sql<{ project_id: number; n: number }>`
    select project_id, count(distinct ballot_id) as n from budget_ballot_choice
    where collectivity_id = ${settatId} and ballot_id in (select id from budget_ballot where round_id = ${r2025.id})
    group by project_id`.execute(db);
  const votes = new Map(counted.rows.map((r) => [Number(r.project_id), Number(r.n)]));
  assert.ok([...votes.keys()].every((id) => byStatus('feasible').some((p) => p.id === id)), 'only feasible projects were on the ballot');

  // the round page: implementation now, results counted by the app equal ours
  const page = await app.inject({ method: 'GET', url: `/fr/c/settat/budgets/${r2025.id}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Réalisation/);
  assert.match(page.body, /1\.100 bulletins|1[\s\u202f\u00a0]100 bulletins/);
  const rows = resultRows(page.body);
  assert.equal(rows.length, 11);
  const idOf = new Map(projects.map((p) => [p.title, p]));
  let allocated = 0;
  for (const row of rows) {
    const p = idOf.get(row.title);
    assert.ok(p, row.title);
    assert.equal(row.votes, votes.get(p.id) ?? 0, row.title);
    if (row.winner) allocated += Number(p.staff_cost_mad ?? p.estimated_cost_mad);
  }
  assert.deepEqual(rows.map((r) => r.votes), [...rows.map((r) => r.votes)].sort((a, b) => b - a), 'ranked by votes');
  assert.ok(rows.filter((r) => r.winner).length >= 3);
  assert.ok(allocated <= envelope && allocated > envelope / 2, `${allocated} allocated`);

  // the API publishes the same results
  const results = await app.inject({ method: 'GET', url: `/api/v1/collectivities/settat/budgets/${r2025.id}/results` });
  assert.equal(results.statusCode, 200);
  const doc = results.json() as { participation: { total: number; paper: number }; allocatedMad: number; projects: { id: number; votes: number; winner: boolean }[] };
  assert.equal(doc.participation.total, 1_100);
  assert.equal(doc.participation.paper, paper);
  assert.equal(doc.allocatedMad, allocated);
  for (const p of doc.projects) assert.equal(p.votes, votes.get(p.id) ?? 0);

  // 2026: projects submitted, not reviewed yet, shown with their status until the vote
  const submitted = await db.selectFrom('budget_project').select(['status']).where('collectivity_id', '=', settatId).where('round_id', '=', r2026.id).execute();
  assert.equal(submitted.length, 3);
  assert.ok(submitted.every((p) => p.status === 'submitted'));
  if (new Date().toISOString() < r2026.voting_at) {
    const open = await app.inject({ method: 'GET', url: `/ar/c/settat/budgets/${r2026.id}` });
    assert.equal(open.statusCode, 200);
    assert.equal(open.body.match(/في انتظار الدراسة التقنية/g)?.length, 3);
  }
});

test('loading the demo again changes no round, project, voter or ballot', async (t) => {
  const { database } = await buildTestApp(t);
  const db = database.db;
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ['budget_round', 'budget_project', 'budget_census', 'budget_ballot', 'budget_ballot_choice', 'change_log'] as const) {
      out[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    }
    return out;
  };
  const before = await counts();
  assert.equal(before.budget_round, 2);
  assert.equal(before.budget_project, 17);
  assert.equal(before.budget_ballot, 1_100);
  assert.equal(await loadDemoContent(db), false);
  assert.deepEqual(await counts(), before);
});
