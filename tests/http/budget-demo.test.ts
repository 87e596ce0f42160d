// The participatory budget of the Settat demo: a 2025 round voted on, whose results the pages
// and the API count from the ballots (checked here against a count of our own), and the next
// round, whose vote is open on the day the demo is loaded. With it, the rest of what the demo
// keeps open on that day: the next programme's call for proposals and the coming meetings, on
// the home in Arabic and French, gone from it once they close. Nothing here depends on the
// calendar: the demo is loaded on a fixed day and "now" is fixed with it. Loading the demo again
// changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { loadDemoContent } from '../../src/modules/demo.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { casablancaToIso, todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { buildTestApp, collectivityId, demoDay } from '../helpers/app.ts';

const titles = {
  ar: ['الميزانية التشاركية لجماعة سطات 2025', /^الميزانية التشاركية لجماعة سطات (\d{4})$/],
  fr: ['Budget participatif de la commune de Settat 2025', /^Budget participatif de la commune de Settat (\d{4})$/],
} as const;

/** The day the fixed-day tests load the demo on, and a day `n` days after it. */
const DAY = '2031-03-10';
const DAY_MS = 86_400_000;
const after = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** An instant on a Casablanca wall clock. */
const at = (day: string, time = '11:00') => Date.parse(casablancaToIso(`${day}T${time}`));

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

test('Settat has a 2025 round voted on and counted from its ballots, and a round voting on the load day', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const rounds = await demoRounds(db, settatId);
  assert.equal(rounds.length, 2);
  assert.equal(rounds[0].title_ar, titles.ar[0]);
  assert.match(rounds[1].title_ar, titles.ar[1]);
  const [r2025, rOpen] = rounds;
  assert.equal(r2025.rule, 'knapsack');
  const envelope = Number(r2025.envelope_mad);
  assert.equal(envelope, 3_000_000);

  // both rounds listed, in Arabic and in French, and by the API
  const listAr = await app.inject({ method: 'GET', url: '/ar/c/settat/budgets' });
  assert.equal(listAr.statusCode, 200);
  for (const title of [r2025.title_ar, rOpen.title_ar]) assert.ok(listAr.body.includes(title), title);
  const listFr = await app.inject({ method: 'GET', url: '/fr/c/settat/budgets' });
  assert.equal(r2025.title_fr, titles.fr[0]);
  assert.match(rOpen.title_fr!, titles.fr[1]);
  for (const title of [r2025.title_fr!, rOpen.title_fr!]) assert.ok(listFr.body.includes(title), title);
  assert.match(listFr.body, /Réalisation/);
  const api = await app.inject({ method: 'GET', url: '/api/v1/collectivities/settat/budgets' });
  assert.equal(api.statusCode, 200);
  const listed = api.json().rounds as { id: number; title: { ar: string; fr: string }; envelopeMad: number; phase: string }[];
  assert.deepEqual(listed.map((r) => r.title.fr).sort(), [r2025.title_fr, rOpen.title_fr].sort());
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

  // the open round, on the template's load day: voting opened five days before, results in 25
  assert.equal(todayInCasablanca(new Date(rOpen.voting_at)), after(demoDay, -5));
  assert.equal(todayInCasablanca(new Date(rOpen.results_at)), after(demoDay, 25));
  assert.ok(Number(titles.ar[1].exec(rOpen.title_ar)![1]) >= 2026);
  const open = await db.selectFrom('budget_project').selectAll().where('collectivity_id', '=', settatId).where('round_id', '=', rOpen.id).execute();
  assert.equal(open.length, 7);
  assert.equal(open.filter((p) => p.status === 'feasible').length, 6);
  assert.equal(open.filter((p) => p.status === 'infeasible').length, 1);
  for (const p of open) assert.match(p.description, /مثال توضيحي: بيانات تجريبية|exemple fictif : données de démonstration/);
  for (const p of open) assert.ok(p.created_at >= rOpen.submission_at && p.created_at < rOpen.review_at, p.created_at);
  const openBallots = await db.selectFrom('budget_ballot').selectAll().where('collectivity_id', '=', settatId).where('round_id', '=', rOpen.id).execute();
  assert.equal(openBallots.length, 240);
  for (const b of openBallots) assert.ok(b.cast_on >= day(rOpen.voting_at) && b.cast_on < demoDay, b.cast_on);
  const openOver = await sql<{ n: number }>`
    select count(*) as n from (
      select c.ballot_id, sum(coalesce(p.staff_cost_mad, p.estimated_cost_mad)) as total
      from budget_ballot_choice c join budget_project p on p.id = c.project_id
      where c.collectivity_id = ${settatId} and p.round_id = ${rOpen.id}
      group by c.ballot_id
    ) t where t.total > ${Number(rOpen.envelope_mad)}`.execute(db);
  assert.equal(Number(openOver.rows[0].n), 0);
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
  assert.equal(before.budget_project, 21);
  assert.equal(before.budget_ballot, 1_340);
  assert.equal(await loadDemoContent(db), false);
  // another day: the demo is there, its open parts are not placed again
  assert.equal(await loadDemoContent(db, { today: after(demoDay, 40) }), false);
  assert.deepEqual(await counts(), before);
  const programmes = await db.selectFrom('programme').select('status').execute();
  assert.equal(programmes.filter((p) => p.status === 'co_creation').length, 1);
});

/** The "open now" and "coming" parts of a home page. */
function homeParts(html: string, comingSoon: string) {
  const section = /<section aria-labelledby="open-now">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  const [open, upcoming = ''] = section.split(`<h3>${comingSoon}</h3>`);
  return { open, upcoming };
}

test('on the day the demo is loaded, and weeks after, a vote, a call and meetings are open or coming; then they close', async (t) => {
  const { app, database } = await buildTestApp(t, { demoDay: DAY });
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  t.mock.timers.enable({ apis: ['Date'], now: at(DAY) });
  const [, vote] = await demoRounds(db, settatId);
  // named after the year its projects are carried out (two months on), whatever the day
  assert.equal(vote.title_ar, 'الميزانية التشاركية لجماعة سطات 2031');
  const call = await db.selectFrom('call_for_proposals').selectAll().where('collectivity_id', '=', settatId).orderBy('opens_at', 'desc').executeTakeFirstOrThrow();
  assert.equal(call.opens_at, casablancaToIso(`${after(DAY, -7)}T09:00`));
  assert.match(call.title_fr!, /programme d'ouverture 2032-2033 .*\(exemple fictif\)$/); // the next programme's period

  const look = async (when: number) => {
    t.mock.timers.setTime(when);
    const [ar, fr] = await Promise.all([app.inject('/ar/c/settat'), app.inject('/fr/c/settat')]);
    assert.equal(ar.statusCode, 200);
    assert.equal(fr.statusCode, 200);
    return { ar: homeParts(ar.body, 'قريبا'), fr: homeParts(fr.body, 'Prochainement') };
  };
  const voteLink = (locale: string) => new RegExp(`href="/${locale}/c/settat/budgets/${vote.id}"`);
  const callLink = (locale: string) => new RegExp(`href="/${locale}/c/settat/announcements/${call.id}"`);

  // the load day, and nine days later: the vote and the call are open, both meetings coming
  for (const when of [at(DAY), at(after(DAY, 9), '20:00')]) {
    const home = await look(when);
    for (const locale of ['ar', 'fr'] as const) {
      assert.match(home[locale].open, voteLink(locale), `${locale}: the vote is open`);
      assert.match(home[locale].open, callLink(locale), `${locale}: the call is open`);
    }
    assert.match(home.ar.open, /الميزانية التشاركية لجماعة سطات 2031/);
    assert.match(home.fr.open, /Avis au public : appel à propositions et idées pour le programme d(&#39;|&#x27;|')ouverture 2032-2033/);
    assert.match(home.fr.upcoming, /Réunion|Bilan de la mise en œuvre du programme 2024-2025/);
    assert.match(home.fr.upcoming, /href="\/fr\/c\/settat\/process"/); // the committee's meeting
    assert.match(home.fr.upcoming, /href="\/fr\/c\/settat\/programmes\/2032-2033\/process"/); // the workshop
    assert.match(home.ar.upcoming, /ورشة الإعداد المشترك لبرنامج الانفتاح \u200E2032-\u20602033/);
  }
  // the API says the same of the vote
  const phase = async () => ((await app.inject('/api/v1/collectivities/settat/budgets')).json().rounds as { id: number; phase: string }[]).find((r) => r.id === vote.id)?.phase;
  assert.equal(await phase(), 'voting');
  // the round's page takes ballots
  t.mock.timers.setTime(at(DAY));
  assert.match((await app.inject(`/fr/c/settat/budgets/${vote.id}`)).body, new RegExp(`href="/fr/c/settat/budgets/${vote.id}/ballot"`));

  // between the meetings: the committee has met, the workshop is still coming
  const between = await look(at(after(DAY, 12)));
  assert.doesNotMatch(between.fr.upcoming, /Bilan de la mise en œuvre/);
  assert.match(between.fr.upcoming, /programmes\/2032-2033\/process/);

  // three weeks on, the vote and the call are still open (they close on day +21 and +25)
  const weeks = await look(at(after(DAY, 20), '22:00'));
  for (const locale of ['ar', 'fr'] as const) {
    assert.match(weeks[locale].open, voteLink(locale));
    assert.match(weeks[locale].open, callLink(locale));
  }
  // the committee's meeting and the workshop are past; only the dialogue's meetings may be coming
  assert.doesNotMatch(weeks.fr.upcoming, /\/process"/);
  assert.equal([...weeks.fr.upcoming.matchAll(/<li>/g)].length, [...weeks.fr.upcoming.matchAll(/href="\/fr\/c\/settat\/meetings\/\d+"/g)].length);

  // past the call's close and the vote's (day +21 and +25): nothing of it is open any more
  const later = await look(at(after(DAY, 26)));
  for (const locale of ['ar', 'fr'] as const) {
    assert.doesNotMatch(later[locale].open, voteLink(locale));
    assert.doesNotMatch(later[locale].open, callLink(locale));
    assert.doesNotMatch(later[locale].upcoming, /programmes\/2032-2033\/process|href="\/[a-z]{2}\/c\/settat\/process"/);
  }
  assert.equal(await phase(), 'results');
});
