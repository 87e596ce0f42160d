// The permission table (src/platform/auth/permissions.ts) against the app's real routes: the
// routes come from the app itself (every /admin route registers its permission through the
// onRoute hook, and the app refuses to start with one that has none), and each is tried with
// every role, in the user's own collectivity and in another. A route answers 403 (or sends an
// anonymous visitor to the login page) exactly when the table says no.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { type Action, actionOf, actions, permissions } from '../../src/platform/auth/permissions.ts';
import { type Role, roles } from '../../src/platform/auth/roles.ts';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { demoAccounts, seedDemo } from '../../src/modules/demo.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, createStaff } from '../helpers/app.ts';

const OWN = 'settat';
const OTHER = 'province-settat';
type Who = Role | 'citizen' | 'anonymous';

/** Values tried for a URL parameter; ids that name nothing (the check comes before the lookup). */
const samples: Record<string, string[]> = {
  kind: ['axes', 'projects', 'activities', 'partners', 'indicators'],
  year: ['2024'],
};

function expand(url: string, slug: string): { url: string; params: Record<string, string> }[] {
  const names = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]);
  let out = [{ url, params: {} as Record<string, string> }];
  for (const name of names) {
    const values = name === 'slug' ? [slug] : (samples[name] ?? ['999999']);
    out = out.flatMap((o) => values.map((v) => ({ url: o.url.replace(`:${name}`, v), params: { ...o.params, [name]: v } })));
  }
  return out;
}

/** What the table says, read straight from it. */
function expected(who: Who, action: Action | 'signedIn', slug: string | undefined): boolean {
  if (who === 'anonymous') return false;
  if (action === 'signedIn') return true;
  if (who === 'citizen') return false;
  const allowedRoles: readonly Role[] = permissions[action];
  return allowedRoles.includes(who) && (who === 'network_admin' || slug === undefined || slug === OWN);
}

test('every /admin route answers every role as the permission table says, in its own collectivity and another', async (t) => {
  const ctx = await buildTestApp(t);
  const { app } = ctx;
  const routes = app.adminRoutes.filter((r) => r.permission !== 'public');
  assert.ok(routes.length > 80, `the app lists its /admin routes (${routes.length})`);

  const clients = new Map<Who, StaffClient>();
  for (const role of roles) {
    const email = `${role}@test.ma`;
    await createStaff(ctx.database, email, role, role === 'network_admin' ? null : OWN);
    clients.set(role, await new StaffClient(app).login(email));
  }
  await upsertUser(ctx.database.db, { email: 'citizen@test.ma', password: TEST_PASSWORD, displayName: 'citizen', verified: true });
  clients.set('citizen', await new StaffClient(app).login('citizen@test.ma'));
  const anonymous = new StaffClient(app);
  await anonymous.get('/admin/login');
  clients.set('anonymous', anonymous);

  const mismatches: string[] = [];
  let tried = 0;
  // logging out ends the session: last
  const ordered = [...routes].sort((a, b) => Number(a.url === '/admin/logout') - Number(b.url === '/admin/logout'));
  for (const route of ordered) {
    const slugs = route.url.includes(':slug') ? [OWN, OTHER] : [''];
    for (const slug of slugs) {
      for (const { url, params } of expand(route.url, slug)) {
        const action = actionOf(route.permission, params);
        assert.ok(action && action !== 'public', `${route.method} ${route.url} names an action for ${JSON.stringify(params)}`);
        if (action !== 'signedIn') assert.ok(actions.includes(action), `${route.method} ${route.url}: ${action} is in the table`);
        for (const [who, client] of clients) {
          const res = await app.inject({
            method: route.method as 'GET' | 'POST',
            url,
            headers: { cookie: client.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
            ...(route.method === 'GET' ? {} : { payload: new URLSearchParams({ _csrf: client.csrf }).toString() }),
          });
          tried++;
          const denied = res.statusCode === 403 || (res.statusCode === 303 && String(res.headers.location).startsWith('/admin/login?next='));
          const want = expected(who, action, slug || undefined);
          if (denied === want) mismatches.push(`${route.method} ${url} as ${who}: ${res.statusCode}, the table says ${want ? 'allowed' : 'refused'} (${action})`);
        }
      }
    }
  }
  assert.deepEqual(mismatches, []);
  assert.ok(tried > 1000, `${tried} requests`);
});

test("the README's demo focal point runs Settat's whole space and nothing of another collectivity", async (t) => {
  const ctx = await buildTestApp(t);
  const demo = await seedDemo(ctx.database.db);
  const login = demo.accounts.find((a) => a.email === demoAccounts.focalPoint)!;
  assert.equal(login.role, 'focal_point');
  const focal = await new StaffClient(ctx.app).login(login.email, login.password);
  for (const page of ['import', 'reports', 'budgets', 'team', 'tracking', 'cocreation', 'process', 'programme', 'consistency', 'moderation']) {
    assert.equal((await focal.get(`/admin/c/settat/${page}`)).statusCode, 200, page);
    assert.equal((await focal.get(`/admin/c/${OTHER}/${page}`)).statusCode, 403, `${page} of another collectivity`);
  }
  assert.equal((await focal.get('/admin/outbox')).statusCode, 200);
  // the budget's census and a new round go through the permission (then the form's own checks)
  const round = await ctx.database.db.selectFrom('budget_round').select('id').orderBy('id').executeTakeFirstOrThrow();
  await focal.get(`/admin/c/settat/budgets/${round.id}`);
  assert.notEqual((await focal.postMultipart(`/admin/c/settat/budgets/${round.id}/census`, {}, [])).statusCode, 403);
  assert.equal((await focal.post('/admin/c/settat/budgets', { title_ar: '' })).statusCode, 400);
  assert.equal((await focal.post(`/admin/c/${OTHER}/budgets`, { title_ar: '' })).statusCode, 403);
  assert.equal((await focal.post(`/admin/c/${OTHER}/team`, { email: 'x@example.ma', role: 'editor' })).statusCode, 403);
  // and not the network's pages
  assert.equal((await focal.get('/admin/collectivities/new')).statusCode, 403);
});

test('docs/architecture.md shows the permission table as it is', () => {
  const short: Record<Role, string> = { network_admin: 'network admin', focal_point: 'focal point', editor: 'editor', committee_member: 'committee', moderator: 'moderator', ieecag_member: 'IEECAG' };
  const lines = [
    `| action | ${roles.map((r) => short[r]).join(' | ')} |`,
    `|---|${roles.map(() => ':-:').join('|')}|`,
    ...actions.map((a) => `| \`${a}\` | ${roles.map((r) => ((permissions[a] as readonly Role[]).includes(r) ? '✓' : '')).join(' | ')} |`),
  ];
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'architecture.md'), 'utf8');
  assert.ok(doc.includes(lines.join('\n')), `docs/architecture.md should hold:\n${lines.join('\n')}`);
});
