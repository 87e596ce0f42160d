// The permanent dialogue mechanism (project 4 of Settat's programme): public meetings with local
// actors, their agenda and links to the plan, registrations with a waiting list, attendance,
// minutes and photos, commitments followed in public, and attendees' feedback.
// One registration and one feedback per account and meeting are unique indexes, so that they hold
// under concurrent requests and across app instances. Mails may carry one attachment (the .ics).
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', pg ? 'serial' : 'integer', id)
      .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'));
  const meetingRef = (c: any) => c.notNull().references('meeting.id').onDelete('cascade');
  const l10n = <T extends { addColumn: (...a: any[]) => T }>(t: T, name: string, required = false): T =>
    t
      .addColumn(`${name}_ar`, 'text', (c: any) => (required ? c.notNull() : c))
      .addColumn(`${name}_fr`, 'text')
      .addColumn(`${name}_en`, 'text');

  let meeting = table('meeting')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    // instants in UTC (ISO); shown in Casablanca time
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    // the first announced start, kept when the meeting is postponed
    .addColumn('postponed_from', 'text')
    .addColumn('map_url', 'text')
    .addColumn('online_url', 'text')
    // language codes, comma-separated: 'ar,fr' (ary: Darija, zgh: Amazigh)
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('ar'))
    .addColumn('registration_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('capacity', 'integer')
    .addColumn('registration_opens_at', 'text')
    .addColumn('registration_closes_at', 'text')
    // attendance, recorded by staff after the meeting (null until then)
    .addColumn('attendance_total', 'integer')
    .addColumn('attendance_women', 'integer')
    .addColumn('attendance_men', 'integer')
    .addColumn('attendance_youth', 'integer')
    .addColumn('attendance_associations', 'integer')
    .addColumn('attendance_media', 'integer')
    .addColumn('attendance_elected', 'integer')
    .addColumn('attendance_ieecag', 'integer')
    .addColumn('attendance_online', 'integer')
    // iCal SEQUENCE: bumped by every change a calendar should pick up
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    // the day-before reminder, claimed once across instances
    .addColumn('reminder_claimed_at', 'text')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  for (const name of ['title', 'description', 'place', 'organizer', 'accessibility', 'cancel_reason', 'minutes', 'questions']) {
    meeting = l10n(meeting, name, name === 'title');
  }
  await meeting.execute();
  await db.schema.createIndex('meeting_calendar').on('meeting').columns(['collectivity_id', 'starts_at']).execute();
  await db.schema.createIndex('meeting_kind').on('meeting').columns(['collectivity_id', 'kind', 'starts_at']).execute();
  await db.schema.createIndex('meeting_reminder').on('meeting').columns(['status', 'starts_at']).execute();

  await l10n(table('meeting_agenda_point').addColumn('meeting_id', 'integer', meetingRef).addColumn('position', 'integer', (c) => c.notNull()), 'text', true).execute();
  await db.schema.createIndex('meeting_agenda_point_meeting').on('meeting_agenda_point').columns(['meeting_id', 'position']).execute();

  // the programme items (axis, project, activity) and proposals a meeting is about
  await db.schema
    .createTable('meeting_link')
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('meeting_id', 'integer', meetingRef)
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_link_pk', ['meeting_id', 'target_kind', 'target_id'])
    .execute();
  await db.schema.createIndex('meeting_link_target').on('meeting_link').columns(['collectivity_id', 'target_kind', 'target_id']).execute();

  await table('meeting_registration')
    .addColumn('meeting_id', 'integer', meetingRef)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    // an association registers N of its members; a person registers 1
    .addColumn('seats', 'integer', (c) => c.notNull().defaultTo(1))
    // 'confirmed' | 'waitlisted' | 'cancelled'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_registration_one').on('meeting_registration').columns(['meeting_id', 'user_id']).unique().execute();
  await db.schema.createIndex('meeting_registration_queue').on('meeting_registration').columns(['meeting_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('meeting_registration_user').on('meeting_registration').columns(['user_id', 'meeting_id']).execute();

  await table('meeting_photo')
    .addColumn('meeting_id', 'integer', meetingRef)
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('caption_ar', 'text')
    .addColumn('caption_fr', 'text')
    .addColumn('caption_en', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_photo_meeting').on('meeting_photo').columns(['collectivity_id', 'meeting_id']).execute();

  // the minutes as a PDF, beside or instead of their text
  await table('meeting_minutes_file')
    .addColumn('meeting_id', 'integer', meetingRef)
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_minutes_file_meeting').on('meeting_minutes_file').columns(['collectivity_id', 'meeting_id']).execute();

  let commitment = table('meeting_commitment')
    .addColumn('meeting_id', 'integer', meetingRef)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'text')
    // 'open' | 'in_progress' | 'done' | 'dropped'
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_on', 'text')
    // the programme activity the commitment became, if any
    .addColumn('activity_id', 'integer', (c) => c.references('activity.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  for (const name of ['what', 'who', 'follow_up']) commitment = l10n(commitment, name, name === 'what');
  await commitment.execute();
  await db.schema.createIndex('meeting_commitment_meeting').on('meeting_commitment').columns(['collectivity_id', 'meeting_id', 'position']).execute();
  await db.schema.createIndex('meeting_commitment_activity').on('meeting_commitment').column('activity_id').execute();
  await db.schema.createIndex('meeting_commitment_meeting_fk').on('meeting_commitment').column('meeting_id').execute();

  await table('meeting_feedback')
    .addColumn('meeting_id', 'integer', meetingRef)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_feedback_one').on('meeting_feedback').columns(['meeting_id', 'user_id']).unique().execute();
  await db.schema.createIndex('meeting_feedback_user').on('meeting_feedback').column('user_id').execute();

  // one attachment per mail (a meeting's .ics with its confirmation)
  await db.schema.alterTable('mail_outbox').addColumn('attachment_name', 'text').execute();
  await db.schema.alterTable('mail_outbox').addColumn('attachment_type', 'text').execute();
  await db.schema.alterTable('mail_outbox').addColumn('attachment_content', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['attachment_content', 'attachment_type', 'attachment_name']) {
    await db.schema.alterTable('mail_outbox').dropColumn(column).execute();
  }
  for (const t of ['meeting_feedback', 'meeting_commitment', 'meeting_minutes_file', 'meeting_photo', 'meeting_registration', 'meeting_link', 'meeting_agenda_point', 'meeting']) {
    await db.schema.dropTable(t).execute();
  }
}
