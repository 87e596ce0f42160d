// Long co-creation lists are paged, never cut: the committee's worklist of proposals in the back
// office (100 a page, the status filter kept) and a proposal's comments on its public page (200 a
// page, oldest first, the count of them all in the heading, `?comments=` its own cache entry).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { loadBerrechid } from '../helpers/berrechid.ts';

test('the worklist of 101+ proposals: the oldest is on the last page, with the status filter kept', async (t) => {
  const { app, database } = await buildTestApp(t);
  await loadBerrechid(database.db);
  await createStaff(database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(database, 'focal@berrechid.ma', 'focal_point', 'berrechid');
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const axis = await db.selectFrom('axis').select(['id', 'programme_id']).where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  await db.updateTable('proposal').set({ status: 'under_review' }).where('collectivity_id', '=', settatId).where('status', '=', 'submitted').execute();
  for (let k = 1; k <= 101; k++) {
    await db.insertInto('proposal').values({
      collectivity_id: settatId, programme_id: axis.programme_id, axis_id: axis.id, channel: 'online', call_id: null, event_id: null, author_user_id: null,
      title: `Proposition n°${k}`, body: 'Texte', lang: 'fr', search_text: `proposition ${k}`, status: 'submitted', merged_into_id: null, project_id: null, activity_id: null,
      submitted_at: new Date().toISOString(),
    }).execute();
  }
  const committee = await new StaffClient(app).login('committee@settat.ma');
  const listed = (html: string) => [...html.matchAll(/>Proposition n°(\d+)</g)].map((m) => Number(m[1]));
  const url = '/admin/c/settat/cocreation?status=submitted';
  const first = (await committee.get(`${url}&lang=fr`)).body;
  assert.deepEqual(listed(first), Array.from({ length: 100 }, (_, i) => 101 - i));
  const next = /<a href="([^"]+)" rel="next">/.exec(first)?.[1]?.replace(/&amp;/g, '&');
  assert.match(String(next), /^\/admin\/c\/settat\/cocreation\?status=submitted&before=\d+$/);
  const second = (await committee.get(String(next))).body;
  assert.deepEqual(listed(second), [1], 'item 101 is on page 2');
  assert.doesNotMatch(second, /rel="next"/);
  // another collectivity's staff is refused the page
  const other = await new StaffClient(app).login('focal@berrechid.ma');
  assert.equal((await other.get(String(next))).statusCode, 403);
});

test('a proposal with 201 comments: the 201st is on page 2, the heading counts them all', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const proposal = await db.selectFrom('proposal').select('id').where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  await db.deleteFrom('proposal_comment').where('proposal_id', '=', proposal.id).execute();
  for (let k = 1; k <= 201; k++) {
    await db.insertInto('proposal_comment').values({ collectivity_id: settatId, proposal_id: proposal.id, author_user_id: null, body: `Commentaire n°${k}`, lang: 'fr', created_at: new Date().toISOString(), hidden_at: null, hidden_reason: null, hidden_by_role: null }).execute();
  }
  const url = `/fr/c/settat/proposals/${proposal.id}`;
  const listed = (html: string) => [...html.matchAll(/>Commentaire n°(\d+)</g)].map((m) => Number(m[1]));
  const first = (await app.inject(url)).body;
  assert.match(first, /<h2 id="comments">201 commentaires<\/h2>/);
  assert.deepEqual(listed(first), Array.from({ length: 200 }, (_, i) => i + 1));
  const next = /<a href="([^"#]+)#comments" rel="next">/.exec(first)?.[1];
  assert.match(String(next), new RegExp(`^${url}\\?comments=\\d+$`));
  const second = (await app.inject(String(next))).body;
  assert.deepEqual(listed(second), [201], 'page 2 (its own cache entry)');
  assert.match(second, /<h2 id="comments">201 commentaires<\/h2>/);
  assert.match(second, new RegExp(`<a href="${url}#comments">Première page</a>`));
  assert.equal(listed((await app.inject(url)).body).length, 200, 'page 1 is still page 1');
});

test('the moderation queue: most reported first, 100 a page, the 101st on page 2', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  await createStaff(database, 'moderator@settat.ma', 'moderator', 'settat');
  const readers = [await createStaff(database, 'a@example.ma', 'committee_member', 'settat'), await createStaff(database, 'b@example.ma', 'committee_member', 'settat')];
  const proposal = await db.selectFrom('proposal').select('id').where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  await db.deleteFrom('proposal_comment').where('collectivity_id', '=', settatId).execute();
  const ids: number[] = [];
  for (let k = 1; k <= 101; k++) {
    const row = await db.insertInto('proposal_comment').values({ collectivity_id: settatId, proposal_id: proposal.id, author_user_id: null, body: `Commentaire n°${k}`, lang: 'fr', created_at: new Date().toISOString(), hidden_at: null, hidden_reason: null, hidden_by_role: null }).returning('id').executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const report = (k: number, user: number) => ({ comment_id: ids[k - 1], user_id: user, collectivity_id: settatId, reason: 'insulte', created_at: new Date().toISOString() });
  await db.insertInto('comment_report').values([report(101, readers[0]), report(101, readers[1]), report(50, readers[0])]).execute();

  const moderator = await new StaffClient(app).login('moderator@settat.ma');
  const listed = (html: string) => [...html.matchAll(/class="body">Commentaire n°(\d+)</g)].map((m) => Number(m[1]));
  const first = (await moderator.get('/admin/c/settat/moderation?lang=fr')).body;
  const unreported = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i).filter((k) => k !== 50);
  assert.deepEqual(listed(first), [101, 50, ...unreported(100, 2)]);
  const next = /<a href="([^"]+)" rel="next">/.exec(first)?.[1];
  assert.equal(next, `/admin/c/settat/moderation?after=0-${ids[1]}`);
  assert.deepEqual(listed((await moderator.get(String(next))).body), [1]);
});
