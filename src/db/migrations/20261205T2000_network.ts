// The network's view (issue 17).
// - A shared taxonomy of themes that the network administrator keeps; staff give each axis one,
//   so that the network can count what collectivities chose across programmes.
// - A project copied from another collectivity's programme keeps a link to its origin, so that
//   the origin can show how many collectivities reused it.
// - The day a collectivity joined the network (its row's creation when not said otherwise).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('network_theme')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    // a retired theme stays on the axes that have it but is no longer offered
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_fr', 'text')
    .addColumn('name_en', 'text')
    .addColumn('description_ar', 'text')
    .addColumn('description_fr', 'text')
    .addColumn('description_en', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('axis').addColumn('theme_id', 'integer', (c) => c.references('network_theme.id').onDelete('set null')).execute();
  await db.schema.createIndex('axis_theme').on('axis').columns(['theme_id']).execute();
  await db.schema.alterTable('project').addColumn('origin_project_id', 'integer', (c) => c.references('project.id').onDelete('set null')).execute();
  await db.schema.createIndex('project_origin').on('project').columns(['origin_project_id']).execute();
  await db.schema.alterTable('collectivity').addColumn('joined_on', 'text').execute();
  await sql`update collectivity set joined_on = substr(created_at, 1, 10)`.execute(db);

  const now = new Date().toISOString();
  const themes: [string, string, string, string][] = [
    ['participatory_budget', 'الميزانية التشاركية', 'Budget participatif', 'Participatory budget'],
    ['gender_equality', 'المساواة وتكافؤ الفرص ومقاربة النوع', 'Égalité, parité et approche genre', 'Equality and gender'],
    ['digitalisation', 'رقمنة الخدمات', 'Digitalisation des services', 'Digital services'],
    ['dialogue', 'الحوار والتشاور مع الفاعلين', 'Dialogue et concertation', 'Dialogue and consultation'],
    ['access_to_information', 'الحق في الحصول على المعلومات', "Accès à l'information", 'Access to information'],
    ['budget_transparency', 'شفافية الميزانية والتدبير المالي', 'Transparence budgétaire', 'Budget transparency'],
    ['citizen_participation', 'المشاركة المواطنة والعرائض', 'Participation citoyenne et pétitions', 'Citizen participation and petitions'],
    ['accountability', 'المساءلة والتتبع والتقييم', 'Redevabilité, suivi et évaluation', 'Accountability, monitoring and evaluation'],
    ['open_data', 'البيانات المفتوحة', 'Données ouvertes', 'Open data'],
    ['capacity_building', 'تقوية القدرات والتحسيس', 'Renforcement des capacités et sensibilisation', 'Capacity building and awareness'],
    ['integrity', 'النزاهة ومحاربة الفساد', 'Intégrité et lutte contre la corruption', 'Integrity and anti-corruption'],
  ];
  await db
    .insertInto('network_theme')
    .values(themes.map(([key, ar, fr, en], i) => ({ key, position: i + 1, name_ar: ar, name_fr: fr, name_en: en, created_at: now, updated_at: now })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('project_origin').execute();
  await db.schema.alterTable('project').dropColumn('origin_project_id').execute();
  await db.schema.dropIndex('axis_theme').execute();
  await db.schema.alterTable('axis').dropColumn('theme_id').execute();
  await db.schema.alterTable('collectivity').dropColumn('joined_on').execute();
  await db.schema.dropTable('network_theme').execute();
}
