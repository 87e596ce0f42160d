// Access to information (law 31.13).
// - The network's rules: one row of day counts (answer 20 working days, extension once by 20,
//   urgent 3, the complaint windows), the weekend, the reminders, the per-account daily limit;
//   and the public holidays (fixed ones recur every year; Islamic ones are dated, entered each year
//   by the network administrator). Defaults from the law; configuration, not code.
// - A collectivity's information office: the person in charge (law 31.13, art. 12), reminded by mail.
// - Requests: who asked stays private (account or desk record); subject, dates, status and the
//   published answer form the public register. Each transition is a step, dated, by whom (kept for
//   staff), with a public note. Answer files are stored in the database like every other upload.
// - Proactive publication (art. 10): the list of what the collectivity publishes without being asked.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const owned = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', pg ? 'serial' : 'integer', id)
      .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'));
  const l10n = <T extends { addColumn: (...a: any[]) => T }>(t: T, name: string, required = false): T =>
    t
      .addColumn(`${name}_ar`, 'text', (c: any) => (required ? c.notNull() : c))
      .addColumn(`${name}_fr`, 'text')
      .addColumn(`${name}_en`, 'text');
  const stamps = <T extends { addColumn: (...a: any[]) => T }>(t: T): T =>
    t.addColumn('created_at', 'text', (c: any) => c.notNull()).addColumn('updated_at', 'text', (c: any) => c.notNull());
  const file = <T extends { addColumn: (...a: any[]) => T }>(t: T): T =>
    t
      .addColumn('sha256', 'text', (c: any) => c.notNull())
      .addColumn('size', 'integer', (c: any) => c.notNull())
      .addColumn('mime', 'text', (c: any) => c.notNull())
      .addColumn('original_name', 'text', (c: any) => c.notNull())
      .addColumn('content', pg ? 'bytea' : 'blob', (c: any) => c.notNull());

  // ── the network's rules (one row, id = 1) ─────────────────────────────────────────────────
  await stamps(
    db.schema
      .createTable('information_rules')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('answer_days', 'integer', (c) => c.notNull()) // art. 16: 20 working days
      .addColumn('extension_days', 'integer', (c) => c.notNull()) // art. 16: once, 20 more
      .addColumn('urgent_days', 'integer', (c) => c.notNull()) // art. 17: 3 working days
      .addColumn('complaint_window_days', 'integer', (c) => c.notNull()) // art. 19: 20 working days
      .addColumn('complaint_answer_days', 'integer', (c) => c.notNull()) // art. 19: 15 working days
      .addColumn('cdai_window_days', 'integer', (c) => c.notNull()) // art. 20: 30 days
      // ISO weekdays (1 = Monday … 7 = Sunday), comma-separated
      .addColumn('weekend', 'text', (c) => c.notNull())
      // working days before a deadline on which the person in charge is reminded, comma-separated
      .addColumn('reminder_days', 'text', (c) => c.notNull())
      // requests one account may file in a day (across collectivities)
      .addColumn('daily_limit', 'integer', (c) => c.notNull()),
  ).execute();

  let holiday = db.schema
    .createTable('public_holiday')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    // 'fixed': every year on month_day (MM-DD), from from_year on if set; 'dated': on `on_date` only
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('month_day', 'text')
    .addColumn('from_year', 'integer')
    .addColumn('on_date', 'text');
  holiday = l10n(holiday, 'name', true);
  await stamps(holiday).execute();
  await db.schema.createIndex('public_holiday_dated').on('public_holiday').columns(['on_date']).execute();

  // ── a collectivity's information office ───────────────────────────────────────────────────
  let office = db.schema
    .createTable('information_office')
    .addColumn('collectivity_id', 'integer', (c) => c.primaryKey().references('collectivity.id').onDelete('cascade'))
    // the person in charge (art. 12): a staff account, reminded of deadlines; named in public
    .addColumn('officer_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('officer_name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0));
  for (const name of ['officer_title', 'address', 'hours']) office = l10n(office, name);
  await stamps(office).execute();

  // ── requests ──────────────────────────────────────────────────────────────────────────────
  await stamps(
    owned('information_request')
      // private: the account that filed it, or null for a desk, mail or Chafafiya request
      .addColumn('requester_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      // private: a desk request's requester (name, address or e-mail to answer to)
      .addColumn('requester_name', 'text')
      .addColumn('requester_contact', 'text')
      .addColumn('requester_email', 'text')
      .addColumn('channel', 'text', (c) => c.notNull()) // online | desk | mail | email | chafafiya
      // who typed it in for a desk request (private)
      .addColumn('filed_by_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      // public: a short subject; private: the request's full text (it may name people)
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull()) // ar | fr | en
      .addColumn('delivery', 'text', (c) => c.notNull()) // copy | consultation | electronic
      .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      // calendar dates (YYYY-MM-DD, Casablanca)
      .addColumn('received_on', 'text', (c) => c.notNull()) // first receipt
      .addColumn('clock_from', 'text', (c) => c.notNull()) // receipt of the complete request
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('extended', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('extension_reason', 'text')
      .addColumn('answered_on', 'text')
      .addColumn('outcome', 'text') // full | partial | refused | not_held | transferred
      .addColumn('exceptions', 'text') // JSON array of exception keys (art. 7)
      .addColumn('answer', 'text')
      .addColumn('answer_public', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('answer_private_reason', 'text')
      .addColumn('transferred_to', 'text')
      .addColumn('complaint_on', 'text')
      .addColumn('complaint_due_on', 'text')
      .addColumn('complaint_decided_on', 'text')
      .addColumn('complaint_outcome', 'text') // upheld | rejected
      .addColumn('cdai_on', 'text')
      // reminders claimed: the deadline each was sent for (a new deadline re-arms them)
      .addColumn('reminded_first_for', 'text')
      .addColumn('reminded_last_for', 'text')
      .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
      // the normalised subject and answer, searched with LIKE terms (platform/text)
      .addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('information_request_register').on('information_request').columns(['collectivity_id', 'received_on', 'id']).execute();
  await db.schema.createIndex('information_request_status').on('information_request').columns(['collectivity_id', 'status', 'due_on']).execute();
  await db.schema.createIndex('information_request_requester').on('information_request').columns(['requester_user_id', 'created_at']).execute();
  await db.schema.createIndex('information_request_due').on('information_request').columns(['status', 'due_on']).execute();

  await owned('information_step')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('information_request.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull()) // the day it happened (Casablanca)
    .addColumn('at', 'text', (c) => c.notNull()) // when it was recorded
    .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null')) // private
    .addColumn('actor_role', 'text') // a staff role, or 'requester'
    .addColumn('note', 'text') // public
    .addColumn('due_on', 'text') // the deadline after this step
    .execute();
  await db.schema.createIndex('information_step_trail').on('information_step').columns(['request_id', 'at', 'id']).execute();

  await file(
    owned('information_file')
      .addColumn('request_id', 'integer', (c) => c.notNull().references('information_request.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('information_file_request').on('information_file').columns(['request_id']).execute();

  // ── proactive publication ─────────────────────────────────────────────────────────────────
  let publication = owned('information_publication')
    // budget | council_decisions | minutes | procurement | programme | statistics | other
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('sha256', 'text')
    .addColumn('size', 'integer')
    .addColumn('mime', 'text')
    .addColumn('original_name', 'text')
    .addColumn('content', pg ? 'bytea' : 'blob')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0));
  publication = l10n(publication, 'title', true);
  publication = l10n(publication, 'description');
  await stamps(publication).execute();
  await db.schema.createIndex('information_publication_list').on('information_publication').columns(['collectivity_id', 'category', 'published_on']).execute();

  // ── defaults ──────────────────────────────────────────────────────────────────────────────
  const now = new Date().toISOString();
  await db
    .insertInto('information_rules')
    .values({
      id: 1, answer_days: 20, extension_days: 20, urgent_days: 3, complaint_window_days: 20, complaint_answer_days: 15, cdai_window_days: 30,
      weekend: '6,7', reminder_days: '5,1', daily_limit: 5, created_at: now, updated_at: now,
    })
    .execute();
  // Morocco's fixed public holidays (décret 2-77-169 and its amendments)
  const fixed: [string, number | null, string, string, string][] = [
    ['01-01', null, 'رأس السنة الميلادية', "Nouvel an", "New Year's Day"],
    ['01-11', null, 'ذكرى تقديم وثيقة الاستقلال', "Manifeste de l'indépendance", 'Independence Manifesto Day'],
    ['01-14', 2024, 'رأس السنة الأمازيغية', 'Nouvel an amazigh', 'Amazigh New Year'],
    ['05-01', null, 'عيد الشغل', 'Fête du travail', 'Labour Day'],
    ['07-30', null, 'عيد العرش', 'Fête du trône', 'Throne Day'],
    ['08-14', null, 'ذكرى استرجاع إقليم وادي الذهب', "Allégeance d'Oued Eddahab", 'Oued Eddahab Day'],
    ['08-20', null, 'ذكرى ثورة الملك والشعب', 'Révolution du roi et du peuple', 'Revolution of the King and the People'],
    ['08-21', null, 'عيد الشباب', 'Fête de la jeunesse', 'Youth Day'],
    ['10-31', 2025, 'عيد الوحدة', "Fête de l'unité", 'Unity Day'],
    ['11-06', null, 'ذكرى المسيرة الخضراء', 'Marche verte', 'Green March Day'],
    ['11-18', null, 'عيد الاستقلال', "Fête de l'indépendance", 'Independence Day'],
  ];
  await db
    .insertInto('public_holiday')
    .values(fixed.map(([md, from, ar, fr, en]) => ({ kind: 'fixed', month_day: md, from_year: from, on_date: null, name_ar: ar, name_fr: fr, name_en: en, created_at: now, updated_at: now })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['information_publication', 'information_file', 'information_step', 'information_request', 'information_office', 'public_holiday', 'information_rules']) {
    await db.schema.dropTable(t).execute();
  }
}
