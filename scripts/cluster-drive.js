#!/usr/bin/env node
// What scripts/cluster-check.sh does through the balancer, as a visitor would:
//   node scripts/cluster-drive.js journey BASE DATABASE_URL
//     a citizen reads the programme, signs up, follows the link of the verification mail (read
//     from the outbox: no SMTP here), proposes an idea (POST with CSRF) and reads it back
//   node scripts/cluster-drive.js ready BASE [PID]
//     waits until BASE/healthz answers 200 (at most 60 s; fails at once if process PID exits), then
//     GETs each page of the load once (an instance just started renders them; a running one has them)
//   node scripts/cluster-drive.js load BASE SECONDS CONNECTIONS MAX_FAILED
//     GET public pages from CONNECTIONS loops for SECONDS; prints what was sent, answered and
//     failed; exits 1 when more than MAX_FAILED failed
// Plain JavaScript: runs without a build, with the project's own dependencies (pg).
import { setTimeout as sleep } from 'node:timers/promises';

const [command, base, ...rest] = process.argv.slice(2);

/** A browser's cookie jar, reduced to what the site sets: name=value, no paths or expiry. */
function visitor() {
  const jar = new Map();
  return async function go(path, init = {}) {
    const headers = { ...init.headers, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    const res = await fetch(new URL(path, base), { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
}

function expect(condition, what) {
  if (!condition) throw new Error(`journey: ${what}`);
}

const csrfOf = (html) => html.match(/name="_csrf" value="([^"]+)"/)?.[1];
const form = (fields) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function journey(databaseUrl) {
  const go = visitor();
  const step = (text) => console.log(`  journey: ${text}`);

  let res = await go('/fr/c/settat');
  expect(res.status === 200, `the programme page answered ${res.status}`);
  step('programme page /fr/c/settat 200');

  const email = `citizen-${Date.now()}@example.ma`;
  res = await go('/fr/account/signup');
  const signUpToken = csrfOf(await res.text());
  expect(signUpToken, 'no CSRF token on the sign-up form');
  res = await go('/fr/account/signup', form({
    _csrf: signUpToken, kind: 'person', email, password: 'Qalb-Settat-2026-zitoun', display_name: 'Salma Cluster', next: '',
  }));
  expect(res.status === 303, `sign-up answered ${res.status}`);
  step(`signed up as ${email} (303 to ${res.headers.get('location')})`);

  // The verification mail waits in the outbox (held: no SMTP_URL); its link carries the token.
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let link;
  try {
    for (let i = 0; i < 50 && !link; i++) {
      const { rows } = await client.query('select text_body from mail_outbox where to_address = $1 order by id desc limit 1', [email]);
      link = rows[0]?.text_body.match(/https?:\/\/\S+\/account\/verify\?\S+/)?.[0];
      if (!link) await sleep(100);
    }
  } finally {
    await client.end();
  }
  expect(link, 'no verification link in the outbox');
  const verify = new URL(link);
  res = await go(verify.pathname + verify.search);
  expect(res.status === 303, `the verification link answered ${res.status}`);
  step('verification link from the outbox followed: signed in');

  res = await go('/fr/c/settat/proposals/new');
  const page = await res.text();
  expect(res.status === 200, `the proposal form answered ${res.status}`);
  const axis = page.match(/name="axis_id"[\s\S]*?<option value="(\d+)"/)?.[1];
  expect(axis, 'no axis offered on the proposal form');
  const title = `Des bancs ombragés devant la bibliothèque ${Date.now()}`;
  res = await go('/fr/c/settat/proposals/new', form({
    _csrf: csrfOf(page), title, body: 'Des bancs et des arbres devant la bibliothèque municipale, pour lire dehors.', axis_id: axis, step: 'publish',
  }));
  const location = res.headers.get('location') ?? '';
  expect(res.status === 303 && /\/proposals\/\d+$/.test(location), `publishing answered ${res.status} ${location}`);
  step(`proposal published (303 to ${location})`);

  // read back through the balancer, so possibly from the other instance
  res = await go(location);
  const shown = await res.text();
  expect(res.status === 200 && shown.includes(title), `the proposal page answered ${res.status} without its title`);
  step('proposal read back 200, with its title');
}

/** Public pages a visitor reads; all cacheable, so the load measures the balancer, not rendering. */
const pages = ['/fr/c/settat', '/ar/c/settat', '/fr/c/settat/proposals', '/en/c/settat/meetings', '/fr', '/healthz'];

async function load(seconds, connections, maxFailed) {
  const until = Date.now() + seconds * 1000;
  const counts = { sent: 0, answered: 0, failed: 0 };
  const failures = new Map();
  const byInstance = new Map();
  async function loop(n) {
    for (let i = n; Date.now() < until; i++) {
      counts.sent++;
      try {
        const res = await fetch(new URL(pages[i % pages.length], base), { headers: { 'accept-encoding': 'gzip' } });
        await res.arrayBuffer();
        const upstream = res.headers.get('x-upstream') ?? '?';
        byInstance.set(upstream, (byInstance.get(upstream) ?? 0) + 1);
        if (res.status < 400) counts.answered++;
        else {
          counts.failed++;
          failures.set(`HTTP ${res.status}`, (failures.get(`HTTP ${res.status}`) ?? 0) + 1);
        }
      } catch (err) {
        counts.failed++;
        const what = err.cause?.code ?? err.message;
        failures.set(what, (failures.get(what) ?? 0) + 1);
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, (_, n) => loop(n)));
  // nginx names every upstream it tried (X-Upstream: `a, b`): two names, a request it retried
  const retried = [...byInstance].filter(([k]) => k.includes(',')).reduce((sum, [, v]) => sum + v, 0);
  const served = [...byInstance].filter(([k]) => !k.includes(',')).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`  load: ${counts.sent} requests sent, ${counts.answered} answered, ${counts.failed} failed` +
    ` (${Math.round(counts.sent / seconds)}/s); answered by ${served}; ${retried} retried by nginx on the other instance`);
  if (failures.size > 0) console.log(`  load: failures: ${[...failures].map(([k, v]) => `${k} × ${v}`).join(', ')}`);
  if (counts.failed > maxFailed) {
    console.error(`  load: FAILED: ${counts.failed} failed requests, at most ${maxFailed} allowed`);
    process.exit(1);
  }
}

async function ready(pid) {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(new URL('/healthz', base));
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (pid) {
      try {
        process.kill(Number(pid), 0);
      } catch {
        throw new Error(`ready: the process ${pid} behind ${base} exited`);
      }
    }
    if (Date.now() > until) throw new Error(`ready: ${base}/healthz not 200 after 60 s`);
    await sleep(100);
  }
  for (const page of pages) {
    const res = await fetch(new URL(page, base));
    await res.arrayBuffer();
    if (res.status >= 400) throw new Error(`ready: ${page} answered ${res.status}`);
  }
}

if (command === 'journey' && base && rest[0]) await journey(rest[0]);
else if (command === 'ready' && base) await ready(rest[0]);
else if (command === 'load' && base && rest.length === 3) await load(Number(rest[0]), Number(rest[1]), Number(rest[2]));
else {
  console.error('usage: cluster-drive.js journey BASE DATABASE_URL | ready BASE [PID] | load BASE SECONDS CONNECTIONS MAX_FAILED');
  process.exit(2);
}
