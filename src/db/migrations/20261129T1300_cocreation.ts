// Co-creation: the participatory process, the monitoring committee, participation events,
// calls for proposals, proposals with their trail, contributions to the draft.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'));
  const l10n = <T extends { addColumn: Function }>(t: T, name: string, required = false): T =>
    t
      .addColumn(`${name}_ar`, 'text', (c: any) => (required ? c.notNull() : c))
      .addColumn(`${name}_fr`, 'text')
      .addColumn(`${name}_en`, 'text') as T;
  const programmeRef = (c: any) => c.notNull().references('programme.id').onDelete('cascade');

  // Dated stages of the co-creation (a day, a month, or a range of days).
  let stage = table('process_stage')
    .addColumn('programme_id', 'integer', programmeRef)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('month_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull());
  stage = l10n(stage, 'title', true);
  stage = l10n(stage, 'description');
  await stage.addColumn('document_url', 'text').execute();
  await db.schema.createIndex('process_stage_programme').on('process_stage').columns(['collectivity_id', 'programme_id', 'starts_on']).execute();

  let committee = table('committee').addColumn('programme_id', 'integer', programmeRef);
  committee = l10n(committee, 'name', true).addColumn('decision_number', 'text').addColumn('decision_date', 'text');
  await l10n(committee, 'decision_text').execute();
  await db.schema.createIndex('committee_programme').on('committee').columns(['collectivity_id', 'programme_id']).execute();

  let member = table('committee_member')
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committee.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('represents_ieecag', 'integer', (c) => c.notNull().defaultTo(0));
  await l10n(member, 'title').execute();
  await db.schema.createIndex('committee_member_committee').on('committee_member').columns(['collectivity_id', 'committee_id', 'position']).execute();

  let event = table('participation_event')
    .addColumn('programme_id', 'integer', programmeRef)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull());
  event = l10n(event, 'title', true);
  event = l10n(event, 'place');
  await event
    .addColumn('attendance_total', 'integer')
    .addColumn('attendance_women', 'integer')
    .addColumn('attendance_ieecag', 'integer')
    .addColumn('associations_represented', 'integer')
    .execute();
  await db.schema.createIndex('participation_event_programme').on('participation_event').columns(['collectivity_id', 'programme_id', 'held_on']).execute();

  let call = table('call_for_proposals')
    .addColumn('programme_id', 'integer', programmeRef)
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull());
  call = l10n(call, 'title', true);
  await l10n(call, 'body').execute();
  await db.schema.createIndex('call_programme').on('call_for_proposals').columns(['collectivity_id', 'published_at']).execute();

  await table('proposal')
    .addColumn('programme_id', 'integer', programmeRef)
    .addColumn('axis_id', 'integer', (c) => c.notNull().references('axis.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('call_id', 'integer', (c) => c.references('call_for_proposals.id').onDelete('set null'))
    .addColumn('event_id', 'integer', (c) => c.references('participation_event.id').onDelete('set null'))
    .addColumn('author_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('merged_into_id', 'integer', (c) => c.references('proposal.id').onDelete('set null'))
    .addColumn('project_id', 'integer', (c) => c.references('project.id').onDelete('set null'))
    .addColumn('activity_id', 'integer', (c) => c.references('activity.id').onDelete('set null'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  // the public list: newest first, filtered by status / axis / channel within a collectivity
  await db.schema.createIndex('proposal_list').on('proposal').columns(['collectivity_id', 'id']).execute();
  await db.schema.createIndex('proposal_axis').on('proposal').columns(['collectivity_id', 'axis_id', 'id']).execute();
  await db.schema.createIndex('proposal_status').on('proposal').columns(['collectivity_id', 'status', 'id']).execute();
  await db.schema.createIndex('proposal_event').on('proposal').column('event_id').execute();
  await db.schema.createIndex('proposal_project').on('proposal').columns(['collectivity_id', 'project_id']).execute();
  await db.schema.createIndex('proposal_activity').on('proposal').columns(['collectivity_id', 'activity_id']).execute();

  // The trail of a proposal: how it came, then each status change with its public answer.
  let step = table('proposal_step')
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposal.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text');
  await l10n(step, 'answer').execute();
  await db.schema.createIndex('proposal_step_proposal').on('proposal_step').columns(['collectivity_id', 'proposal_id', 'at']).execute();

  // One support per account and proposal: the primary key enforces it, even under concurrent requests.
  await db.schema
    .createTable('proposal_support')
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposal.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proposal_support_pk', ['proposal_id', 'user_id'])
    .execute();

  // Contributions to the draft programme, per draft project (online or at a consultation workshop).
  await table('consultation_contribution')
    .addColumn('programme_id', 'integer', programmeRef)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.references('participation_event.id').onDelete('set null'))
    .addColumn('author_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_programme').on('consultation_contribution').columns(['collectivity_id', 'programme_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['consultation_contribution', 'proposal_support', 'proposal_step', 'proposal', 'call_for_proposals', 'participation_event', 'committee_member', 'committee', 'process_stage']) {
    await db.schema.dropTable(t).execute();
  }
}
