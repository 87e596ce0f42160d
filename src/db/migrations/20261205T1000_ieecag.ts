// The equality commission's e-space (IEECAG, axis 2 of Settat's programme): the commission and
// its members, its advisory opinions with the council's response, its trainings and documents,
// and citizens' referrals. An opinion's number is unique per collectivity (a unique index, so two
// members drafting at once cannot take the same one).
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', pg ? 'serial' : 'integer', id)
      .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'));
  const l10n = <T extends { addColumn: (...a: any[]) => T }>(t: T, name: string, required = false): T =>
    t
      .addColumn(`${name}_ar`, 'text', (c: any) => (required ? c.notNull() : c))
      .addColumn(`${name}_fr`, 'text')
      .addColumn(`${name}_en`, 'text');
  const file = <T extends { addColumn: (...a: any[]) => T }>(t: T): T =>
    t
      .addColumn('sha256', 'text', (c: any) => c.notNull())
      .addColumn('size', 'integer', (c: any) => c.notNull())
      .addColumn('mime', 'text', (c: any) => c.notNull())
      .addColumn('original_name', 'text', (c: any) => c.notNull())
      .addColumn('content', pg ? 'bytea' : 'blob', (c: any) => c.notNull());

  // one per collectivity: what the commission is, where to find it, how long the council has to answer
  let commission = db.schema
    .createTable('ieecag_commission')
    .addColumn('collectivity_id', 'integer', (c) => c.primaryKey().references('collectivity.id').onDelete('cascade'))
    .addColumn('founded_on', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    // an opinion transmitted longer ago than this without a response is shown as overdue
    .addColumn('response_delay_days', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  for (const name of ['founding_act', 'mission', 'office_address', 'office_hours']) commission = l10n(commission, name);
  await commission.execute();

  // the founding act (the council's deliberation) as a PDF
  await file(table('ieecag_founding_file').addColumn('created_at', 'text', (c) => c.notNull())).execute();
  await db.schema.createIndex('ieecag_founding_file_collectivity').on('ieecag_founding_file').column('collectivity_id').unique().execute();

  let member = table('ieecag_member')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // 'president' | 'rapporteur' | 'member'
    .addColumn('role', 'text', (c) => c.notNull())
    // 'association' | 'expert' | 'youth' | 'gender' | 'elected' | 'administration' | 'other'
    .addColumn('category', 'text', (c) => c.notNull())
    // 'f' | 'm' | null: the commission's own composition is part of the gender lens
    .addColumn('gender', 'text')
    .addColumn('mandate_start', 'text')
    .addColumn('mandate_end', 'text')
    // the name is public only with the member's consent; otherwise the role and category only
    .addColumn('name_public', 'integer', (c) => c.notNull().defaultTo(0))
    // sits on the programme's monitoring committee too
    .addColumn('on_monitoring_committee', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  member = l10n(member, 'organisation');
  await member.execute();
  await db.schema.createIndex('ieecag_member_list').on('ieecag_member').columns(['collectivity_id', 'position']).execute();

  let opinion = table('ieecag_opinion')
    // shown as "N/YEAR" with the year it was drafted; unique per collectivity
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    // 'council' | 'president' | 'self'
    .addColumn('origin', 'text', (c) => c.notNull())
    // 'draft' | 'adopted' | 'published': drafted by members, adopted by the commission, then public
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    // calendar dates (YYYY-MM-DD, Casablanca)
    .addColumn('requested_on', 'text')
    .addColumn('adopted_on', 'text')
    .addColumn('transmitted_on', 'text')
    .addColumn('published_at', 'text')
    // 'pending' | 'followed' | 'partly' | 'not_followed'
    .addColumn('response_status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('response_on', 'text')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  for (const name of ['subject', 'council_session', 'body', 'response_reason', 'response_decision']) opinion = l10n(opinion, name, name === 'subject');
  await opinion.execute();
  await db.schema.createIndex('ieecag_opinion_number').on('ieecag_opinion').columns(['collectivity_id', 'year', 'number']).unique().execute();
  await db.schema.createIndex('ieecag_opinion_register').on('ieecag_opinion').columns(['collectivity_id', 'status', 'id']).execute();

  await file(table('ieecag_opinion_file').addColumn('opinion_id', 'integer', (c) => c.notNull().references('ieecag_opinion.id').onDelete('cascade')).addColumn('created_at', 'text', (c) => c.notNull())).execute();
  await db.schema.createIndex('ieecag_opinion_file_opinion').on('ieecag_opinion_file').columns(['collectivity_id', 'opinion_id']).execute();

  // the programme items (axis, project, activity), budget projects and proposals an opinion concerns
  await db.schema
    .createTable('ieecag_opinion_link')
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('opinion_id', 'integer', (c) => c.notNull().references('ieecag_opinion.id').onDelete('cascade'))
    // 'axis' | 'project' | 'activity' | 'proposal' | 'budget_project'
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ieecag_opinion_link_pk', ['opinion_id', 'target_kind', 'target_id'])
    .execute();
  await db.schema.createIndex('ieecag_opinion_link_target').on('ieecag_opinion_link').columns(['collectivity_id', 'target_kind', 'target_id']).execute();

  let training = table('ieecag_training')
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('participants_women', 'integer')
    .addColumn('participants_men', 'integer')
    .addColumn('participants_total', 'integer')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  for (const name of ['theme', 'trainer', 'summary']) training = l10n(training, name, name === 'theme');
  await training.execute();
  await db.schema.createIndex('ieecag_training_list').on('ieecag_training').columns(['collectivity_id', 'held_on']).execute();

  let document = table('ieecag_document')
    // 'report' | 'study' | 'diagnostic' | 'training' | 'other'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    // title and summary in every locale, normalised (platform/text) for search
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  for (const name of ['title', 'summary']) document = l10n(document, name, name === 'title');
  await document.execute();
  await db.schema.createIndex('ieecag_document_list').on('ieecag_document').columns(['collectivity_id', 'published_on', 'id']).execute();
  await file(table('ieecag_document_file').addColumn('document_id', 'integer', (c) => c.notNull().references('ieecag_document.id').onDelete('cascade')).addColumn('created_at', 'text', (c) => c.notNull())).execute();
  await db.schema.createIndex('ieecag_document_file_document').on('ieecag_document_file').columns(['collectivity_id', 'document_id']).unique().execute();

  // a citizen's or association's matter for the commission; public only once answered publicly
  await table('ieecag_referral')
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // the service or project it is about, in the author's words
    .addColumn('concerns', 'text')
    // 'received' | 'answered' | 'hidden'
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received'))
    .addColumn('answer', 'text')
    .addColumn('answer_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_on', 'text')
    .addColumn('hidden_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ieecag_referral_list').on('ieecag_referral').columns(['collectivity_id', 'status', 'id']).execute();
  await db.schema.createIndex('ieecag_referral_user').on('ieecag_referral').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'ieecag_referral',
    'ieecag_document_file',
    'ieecag_document',
    'ieecag_training',
    'ieecag_opinion_link',
    'ieecag_opinion_file',
    'ieecag_opinion',
    'ieecag_member',
    'ieecag_founding_file',
    'ieecag_commission',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
