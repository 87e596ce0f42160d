// Helpers for the tests of requests for information: a signed-in citizen, the staff of Settat and
// of another collectivity, a request filed at the desk on a fixed past date, and the mails queued.
import type { FastifyInstance } from 'fastify';
import { createSession } from '../../src/platform/auth/sessions.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { type OpenDatabase } from '../../src/platform/db/database.ts';
import { StaffClient, createStaff } from './app.ts';

/** A verified citizen account with a session, as a browser holding its cookie. */
export async function citizen(app: FastifyInstance, db: Db, email: string, locale = 'ar') {
  const at = new Date().toISOString();
  const { id } = await db
    .insertInto('app_user')
    .values({ email, password_hash: 'x', display_name: email.split('@')[0]!, created_at: at, email_verified_at: at, account_kind: 'person', locale })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(db, id);
  const client = new StaffClient(app);
  client.jar.store(`infitah_session=${token}; Path=/`);
  return Object.assign(client, { id, email });
}

/** Settat's focal point, editor and moderator, and a focal point of another collectivity. */
export async function team(app: FastifyInstance, database: OpenDatabase) {
  await createStaff(database, 'focal@settat.ma', 'focal_point', 'settat');
  await createStaff(database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(database, 'moderator@settat.ma', 'moderator', 'settat');
  await createStaff(database, 'focal@province.ma', 'focal_point', 'province-settat');
  return {
    focal: await new StaffClient(app).login('focal@settat.ma'),
    editor: await new StaffClient(app).login('editor@settat.ma'),
    moderator: await new StaffClient(app).login('moderator@settat.ma'),
    other: await new StaffClient(app).login('focal@province.ma'),
  };
}

export const base = '/admin/c/settat/information';

/** A desk request's form; override any field. */
export const deskForm = (o: Record<string, string> = {}): Record<string, string> => ({
  channel: 'desk',
  received_on: '2025-06-02',
  requester_name: 'فاطمة الزهراء',
  requester_contact: 'حي السلام، سطات',
  requester_email: 'fatima@example.ma',
  subject: 'محاضر دورات المجلس لسنة 2024',
  details: 'أطلب نسخة من محاضر دورات المجلس الجماعي العادية والاستثنائية.',
  delivery: 'copy',
  language: 'ar',
  ...o,
});

/** Files a desk request through the form; returns its id. */
export async function fileAtDesk(staff: StaffClient, o: Record<string, string> = {}): Promise<number> {
  await staff.get(`${base}/new`);
  const res = await staff.post(`${base}/new`, deskForm(o));
  if (res.statusCode !== 303) throw new Error(`desk filing refused: ${res.statusCode}\n${res.body.slice(0, 3000)}`);
  return Number(/\/information\/(\d+)$/.exec(String(res.headers.location))![1]);
}

/** Posts one step's form from the request's page (with its CSRF token). */
export async function step(staff: StaffClient, id: number, kind: string, form: Record<string, string | string[]>) {
  await staff.get(`${base}/${id}`);
  return staff.post(`${base}/${id}/${kind}`, form);
}

export const mailsTo = (db: Db, to: string) => db.selectFrom('mail_outbox').select(['subject', 'text_body']).where('to_address', '=', to).orderBy('id').execute();

/** Only the holidays the test sets: the demo's dated (Islamic) ones would move its deadlines. */
export async function onlyFixedHolidays(db: Db) {
  await db.deleteFrom('public_holiday').where('kind', '=', 'dated').execute();
}

export async function addHoliday(db: Db, onDate: string) {
  const at = new Date().toISOString();
  await db.insertInto('public_holiday').values({ kind: 'dated', month_day: null, from_year: null, on_date: onDate, name_ar: 'عطلة تجريبية', name_fr: null, name_en: null, created_at: at, updated_at: at }).execute();
}
