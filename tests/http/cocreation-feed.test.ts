// Issue 10 item 16: the Atom feed of public notices declares its plain-text titles and summaries
// as text (not html), escaped so that a reader shows what staff typed. Read with fast-xml-parser,
// not with what wrote it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildTestApp, collectivityId } from '../helpers/app.ts';

const TITLE = 'Appel <b>2027</b> & "avis" <script>alert(1)</script>';
const BODY = 'Réunion à 18h < 20h & ouverte à tous';

test('Atom feed: titles and summaries are type="text" and read back exactly as typed, in every language', async (t) => {
  const { app, database } = await buildTestApp(t);
  const settat = await collectivityId(database, 'settat');
  const call = await database.db.selectFrom('call_for_proposals').select('id').where('collectivity_id', '=', settat).orderBy('published_at', 'desc').executeTakeFirstOrThrow();
  await database.db.updateTable('call_for_proposals').set({ title_fr: TITLE, body_fr: BODY, title_ar: 'إعلان <i>للعموم</i> & نقاش' }).where('id', '=', call.id).execute();

  const res = await app.inject('/fr/c/settat/announcements.atom');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /application\/atom\+xml/);
  assert.equal(XMLValidator.validate(res.body), true);
  assert.ok(!res.body.includes('type="html"'));
  assert.ok(!res.body.includes('<script>'), 'markup in a title is escaped, never raw');

  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'link'].includes(name) });
  const { feed } = parser.parse(res.body);
  assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
  assert.equal(feed.title['@_type'], 'text');
  assert.ok(feed.author.name, 'the feed names who publishes it');
  const entry = feed.entry.find((e: { id: string }) => e.id.endsWith(`/announcements/${call.id}`));
  assert.ok(entry);
  assert.deepEqual(entry.title, { '@_type': 'text', '#text': TITLE });
  assert.deepEqual(entry.summary, { '@_type': 'text', '#text': BODY });
  for (const e of feed.entry) {
    assert.equal(e.title['@_type'], 'text');
    assert.match(e.link[0]['@_href'], /^http.*\/fr\/c\/settat\//);
    assert.ok(!Number.isNaN(Date.parse(e.updated)));
  }

  const ar = parser.parse((await app.inject('/ar/c/settat/announcements.atom')).body).feed;
  assert.equal(ar['@_xml:lang'], 'ar');
  assert.ok(ar.entry.some((e: { title: { '#text': string } }) => e.title['#text'] === 'إعلان <i>للعموم</i> & نقاش'));
});
