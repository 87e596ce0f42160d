// Foundation: tenancy, accounts and sessions, the programme model, the change log.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // An auto-incremented integer key, spelled as each database wants it.
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()));
  const tenant = (c: any) => c.notNull().references('collectivity.id').onDelete('cascade');
  const l10n = <T extends { addColumn: Function }>(t: T, name: string, required = false): T =>
    t
      .addColumn(`${name}_ar`, 'text', (c: any) => (required ? c.notNull() : c))
      .addColumn(`${name}_fr`, 'text')
      .addColumn(`${name}_en`, 'text') as T;

  await l10n(table('collectivity').addColumn('slug', 'text', (c) => c.notNull().unique()), 'name', true)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('collectivity.id').onDelete('set null'))
    .addColumn('content_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('app_user')
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('role_assignment')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('collectivity_id', 'integer', (c) => c.references('collectivity.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('role_assignment_user').on('role_assignment').column('user_id').execute();

  await db.schema
    .createTable('user_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_session_expires').on('user_session').column('expires_at').execute();

  await table('login_attempt')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempt_key_at').on('login_attempt').columns(['key', 'at']).execute();

  let programme = l10n(table('programme').addColumn('collectivity_id', 'integer', tenant), 'title', true)
    .addColumn('start_year', 'integer', (c) => c.notNull())
    .addColumn('end_year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull());
  programme = l10n(programme, 'adoption_session').addColumn('adoption_date', 'text');
  await l10n(programme, 'adoption_reference').addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await db.schema.createIndex('programme_collectivity').on('programme').columns(['collectivity_id', 'start_year']).execute();

  await l10n(table('partner').addColumn('collectivity_id', 'integer', tenant), 'name', true)
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_collectivity').on('partner').column('collectivity_id').execute();

  await l10n(
    table('axis')
      .addColumn('collectivity_id', 'integer', tenant)
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull()),
    'title',
    true,
  )
    .addUniqueConstraint('axis_programme_number', ['programme_id', 'number'])
    .execute();

  let project = l10n(
    table('project')
      .addColumn('collectivity_id', 'integer', tenant)
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
      .addColumn('axis_id', 'integer', (c) => c.notNull().references('axis.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull()),
    'title',
    true,
  );
  for (const f of ['objectives', 'expected_results', 'partners_contribution']) project = l10n(project, f);
  await project
    .addColumn('duration_months', 'integer')
    .addUniqueConstraint('project_programme_number', ['programme_id', 'number'])
    .execute();
  await db.schema.createIndex('project_axis').on('project').column('axis_id').execute();

  // Partners named on a project card or an activity, in the document's order.
  const partnerLinks = async (owner: 'project' | 'activity') => {
    await db.schema
      .createTable(`${owner}_partner`)
      .addColumn('collectivity_id', 'integer', tenant)
      .addColumn(`${owner}_id`, 'integer', (c) => c.notNull().references(`${owner}.id`).onDelete('cascade'))
      .addColumn('partner_id', 'integer', (c) => c.notNull().references('partner.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${owner}_partner_pk`, [`${owner}_id`, 'partner_id'])
      .execute();
    await db.schema.createIndex(`${owner}_partner_partner`).on(`${owner}_partner`).column('partner_id').execute();
    // reads go by tenant, then owner, in the document's order
    await db.schema
      .createIndex(`${owner}_partner_tenant`)
      .on(`${owner}_partner`)
      .columns(['collectivity_id', `${owner}_id`, 'position'])
      .execute();
  };
  await partnerLinks('project');

  const activity = l10n(
    table('activity')
      .addColumn('collectivity_id', 'integer', tenant)
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull()),
    'title',
    true,
  )
    .addColumn('cost_kind', 'text', (c) => c.notNull())
    .addColumn('cost_amount_mad', 'bigint');
  await l10n(activity, 'cost_note')
    .addColumn('funding_kind', 'text', (c) => c.notNull())
    .addColumn('funding_partner_id', 'integer', (c) => c.references('partner.id').onDelete('set null'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('activity_project_number', ['project_id', 'number'])
    .execute();
  await db.schema.createIndex('activity_collectivity').on('activity').columns(['collectivity_id', 'programme_id']).execute();
  await partnerLinks('activity');

  let indicator = l10n(
    table('indicator')
      .addColumn('collectivity_id', 'integer', tenant)
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull()),
    'statement',
    true,
  );
  await l10n(indicator, 'unit')
    .addColumn('baseline', 'double precision')
    .addColumn('target', 'double precision')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_tenant')
    .on('indicator')
    .columns(['collectivity_id', 'programme_id', 'project_id', 'position'])
    .execute();

  await table('change_log')
    .addColumn('collectivity_id', 'integer', tenant)
    .addColumn('programme_id', 'integer')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('actor_role', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('change_log_entity')
    .on('change_log')
    .columns(['collectivity_id', 'entity_type', 'entity_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'change_log', 'indicator', 'activity_partner', 'activity', 'project_partner', 'project', 'axis',
    'partner', 'programme', 'login_attempt', 'user_session', 'role_assignment', 'app_user', 'collectivity',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
