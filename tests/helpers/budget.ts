// Shared set-up of the participatory-budget tests: a round of Settat in a chosen phase with four
// projects reviewed, signed-in citizens, the census upload, verification and ballots over HTTP.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { upsertUser } from '../../src/platform/auth/users.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId, createStaff } from './app.ts';

export const HOUR = 3_600_000;
export const iso = (offset: number) => new Date(Date.now() + offset).toISOString();

/** A round of Settat in its voting phase (or another phase), with four projects reviewed. */
export async function addRound(db: Db, settatId: number, options: { rule?: 'knapsack' | 'approval'; changeable?: boolean; voting?: 'open' | 'before' | 'after'; min?: number; max?: number } = {}) {
  const v = options.voting ?? 'open';
  const shift = v === 'open' ? 0 : v === 'before' ? 100 * HOUR : -100 * HOUR;
  const round = await db
    .insertInto('budget_round')
    .values({
      collectivity_id: settatId,
      title_ar: 'الميزانية التشاركية 2025',
      title_fr: 'Budget participatif 2025',
      title_en: null,
      envelope_mad: 1_000_000,
      rule: options.rule ?? 'knapsack',
      min_choices: options.rule === 'approval' ? (options.min ?? 1) : null,
      max_choices: options.rule === 'approval' ? (options.max ?? 2) : null,
      changeable: options.changeable ? 1 : 0,
      information_at: iso(shift - 40 * HOUR),
      submission_at: iso(shift - 30 * HOUR),
      review_at: iso(shift - 20 * HOUR),
      voting_at: iso(shift - 10 * HOUR),
      results_at: iso(shift + 10 * HOUR),
      implementation_at: iso(shift + 20 * HOUR),
      created_at: iso(0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const project = async (title: string, cost: number, status: string) =>
    (
      await db
        .insertInto('budget_project')
        .values({ collectivity_id: settatId, round_id: round.id, title, description: `وصف ${title}`, neighbourhood: 'حي السلام', estimated_cost_mad: cost, status, review_reason: status === 'infeasible' ? 'خارج اختصاص الجماعة' : null, staff_cost_mad: null, created_at: iso(0) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const p = {
    garden: await project('تهيئة حديقة الحي', 400_000, 'feasible'),
    lights: await project('الإنارة العمومية لزنقة الأمل', 300_000, 'feasible'),
    library: await project('مكتبة القرب', 500_000, 'feasible'),
    stadium: await project('ملعب القرب', 200_000, 'infeasible'),
  };
  return { roundId: round.id, p };
}

export async function citizen(app: FastifyInstance, db: Db, email: string, verified = true) {
  const user = await upsertUser(db, { email, password: TEST_PASSWORD, displayName: 'مواطن' });
  if (verified) await db.updateTable('app_user').set({ email_verified_at: iso(0) }).where('id', '=', user.id).execute();
  const client = new StaffClient(app);
  await client.get('/ar/account/login');
  const res = await client.post('/ar/account/login', { email, password: TEST_PASSWORD });
  assert.equal(res.statusCode, 303);
  return client;
}

export const CENSUS = [
  ['CIN', 'date_naissance'],
  ['BK123456', '1980-05-17'],
  ['ab 654321', '02/11/1992'],
  ['W998877', '1975-01-30'],
  ['JC112233', '2001-12-31'],
];

export async function uploadCensus(admin: StaffClient, roundId: number, rows: string[][] = CENSUS, csrf?: string) {
  await admin.get(`/admin/c/settat/budgets/${roundId}`);
  const boundary = '----infitah-test-boundary';
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf ?? admin.csrf}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="census.csv"\r\nContent-Type: text/csv\r\n\r\n${rows.map((r) => r.join(';')).join('\n')}\r\n` +
    `--${boundary}--\r\n`;
  const res = await admin.app.inject({
    method: 'POST',
    url: `/admin/c/settat/budgets/${roundId}/census`,
    headers: { cookie: admin.jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  admin.jar.store(res.headers['set-cookie']);
  return res;
}

export async function setup(t: Parameters<typeof buildTestApp>[0], options: Parameters<typeof addRound>[2] = {}) {
  const ctx = await buildTestApp(t);
  // the demo's rounds are removed: every count in this file is of the rounds it creates
  await ctx.database.db.deleteFrom('budget_round').execute();
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  await createStaff(ctx.database, 'admin@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(ctx.app).login('admin@settat.ma');
  const round = await addRound(db, settatId, options);
  const up = await uploadCensus(admin, round.roundId);
  assert.equal(up.statusCode, 303, up.body.slice(0, 500));
  return { ...ctx, db, settatId, admin, ...round };
}

export async function verify(client: StaffClient, roundId: number, cin: string, birth: string) {
  await client.get(`/ar/c/settat/budgets/${roundId}/verify`);
  return client.post(`/ar/c/settat/budgets/${roundId}/verify`, { cin, birth_date: birth });
}

export async function vote(client: StaffClient, roundId: number, projects: number[], action = 'cast', csrf?: string) {
  await client.get(`/ar/c/settat/budgets/${roundId}/ballot`);
  return client.post(`/ar/c/settat/budgets/${roundId}/ballot`, { projects: projects.map(String), action }, csrf === undefined ? {} : { csrf });
}

