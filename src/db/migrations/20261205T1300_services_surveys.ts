// Digital services (axis 3 of Settat's programme) and satisfaction surveys.
// - The national platforms a collectivity can join are one list for the whole network, kept by
//   the network administrator; each collectivity records its membership of each.
// - A collectivity's own services, their monthly figures (one row per service and month, unique),
//   and its awareness campaigns.
// - Surveys: questions and their options, responses (one per account: a unique index; one per
//   device token for anonymous surveys), one answer row per question (per chosen option for a
//   multiple choice), and single-use codes handed out at a service's desk.
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

  // ── digital services ──────────────────────────────────────────────────────────────────────
  // the network's shared list (no collectivity): Rokhas, Watiqa, Chikaya, Chafafiya, GID-CL, …
  let platform = db.schema
    .createTable('digital_platform')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    // a retired platform stays in the memberships' history but is no longer offered
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0));
  platform = l10n(platform, 'name', true);
  platform = l10n(platform, 'purpose');
  await stamps(platform).execute();

  let membership = db.schema
    .createTable('platform_membership')
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('platform_id', 'integer', (c) => c.notNull().references('digital_platform.id').onDelete('cascade'))
    .addColumn('joined', 'integer', (c) => c.notNull().defaultTo(0))
    // calendar date (YYYY-MM-DD, Casablanca); the platforms metric counts from it
    .addColumn('joined_on', 'text')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('platform_membership_pk', ['collectivity_id', 'platform_id']);
  membership = l10n(membership, 'services');
  membership = l10n(membership, 'desk');
  await stamps(membership).execute();

  let service = owned('public_service')
    .addColumn('position', 'integer', (c) => c.notNull())
    // the national platform through which it is served online, if any
    .addColumn('platform_id', 'integer', (c) => c.references('digital_platform.id').onDelete('set null'))
    .addColumn('online_url', 'text')
    // legal processing time in days (law 55-19: at most 60, 30 for investment)
    .addColumn('legal_days', 'integer')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0));
  for (const name of ['name', 'how_to_apply', 'documents_needed', 'desk']) service = l10n(service, name, name === 'name');
  await stamps(service).execute();
  await db.schema.createIndex('public_service_list').on('public_service').columns(['collectivity_id', 'position']).execute();

  await stamps(
    owned('service_month')
      .addColumn('service_id', 'integer', (c) => c.notNull().references('public_service.id').onDelete('cascade'))
      // YYYY-MM
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('received', 'integer', (c) => c.notNull())
      .addColumn('online', 'integer', (c) => c.notNull())
      .addColumn('paper', 'integer', (c) => c.notNull())
      .addColumn('median_days', 'real')
      .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('service_month_one').on('service_month').columns(['service_id', 'month']).unique().execute();
  await db.schema.createIndex('service_month_by_month').on('service_month').columns(['collectivity_id', 'month']).execute();

  let campaign = owned('awareness_campaign')
    // calendar date (YYYY-MM-DD)
    .addColumn('held_on', 'text', (c) => c.notNull())
    // 'radio' | 'social_media' | 'caravan' | 'schools' | 'desk_posters' | 'other'
    .addColumn('channel', 'text', (c) => c.notNull())
    // people reached, and women among them, where known
    .addColumn('reached', 'integer')
    .addColumn('women', 'integer')
    .addColumn('materials_url', 'text')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0));
  campaign = l10n(campaign, 'title', true);
  campaign = l10n(campaign, 'description');
  await stamps(campaign).execute();
  await db.schema.createIndex('awareness_campaign_list').on('awareness_campaign').columns(['collectivity_id', 'held_on']).execute();

  // ── satisfaction surveys ──────────────────────────────────────────────────────────────────
  let survey = owned('survey')
    // 'draft' (staff only) | 'published' (public; answers taken within the window)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    // instants (ISO 8601, UTC): answers are taken from opens_at until closes_at
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    // 1: no account; one answer per device token, plus rate limits. 0: signed, one per account
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    // 'everyone' | 'meeting' (the people registered for a dialogue meeting) | 'service' (holders
    // of a single-use code handed out at the service's desk)
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('everyone'))
    .addColumn('meeting_id', 'integer')
    .addColumn('service_id', 'integer', (c) => c.references('public_service.id').onDelete('set null'))
    // what the satisfaction is about: 'services' | 'council' | 'meeting' | 'other' (metric variants)
    .addColumn('topic', 'text', (c) => c.notNull().defaultTo('services'))
    .addColumn('published_at', 'text')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0));
  survey = l10n(survey, 'title', true);
  survey = l10n(survey, 'intro');
  await stamps(survey).execute();
  await db.schema.createIndex('survey_list').on('survey').columns(['collectivity_id', 'status', 'opens_at']).execute();

  let question = owned('survey_question')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // 'csat' (1–5) | 'yes_no' | 'single' | 'multiple' | 'scale' (0–10) | 'text'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    // 'gender' | 'age_band' | null: a question that asks who answers (anonymous surveys), so that
    // results can be broken down by it; signed surveys take both from the account
    .addColumn('about', 'text');
  question = l10n(question, 'text', true);
  question = l10n(question, 'help');
  await stamps(question).execute();
  await db.schema.createIndex('survey_question_order').on('survey_question').columns(['survey_id', 'position']).execute();

  let option = owned('survey_option')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id').onDelete('cascade'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('survey_question.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull());
  option = l10n(option, 'label', true);
  await option.execute();
  await db.schema.createIndex('survey_option_order').on('survey_option').columns(['question_id', 'position']).execute();

  await owned('survey_response')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id').onDelete('cascade'))
    // signed surveys: the account (unique per survey); null for anonymous or paper answers
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    // anonymous surveys: SHA-256 of the device's token (unique per survey)
    .addColumn('device_hash', 'text')
    // 'online' | 'paper' | 'desk'
    .addColumn('channel', 'text', (c) => c.notNull())
    // staff who typed a paper or desk answer in
    .addColumn('entered_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    // 'female' | 'male' | null and the account's age bands: from the account, or from a question
    .addColumn('gender', 'text')
    .addColumn('age_band', 'text')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_response_account').on('survey_response').columns(['survey_id', 'user_id']).unique().execute();
  await db.schema.createIndex('survey_response_device').on('survey_response').columns(['survey_id', 'device_hash']).unique().execute();
  await db.schema.createIndex('survey_response_list').on('survey_response').columns(['survey_id', 'created_at']).execute();
  await db.schema.createIndex('survey_response_user').on('survey_response').columns(['user_id']).execute();

  await owned('survey_answer')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id').onDelete('cascade'))
    .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_response.id').onDelete('cascade'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('survey_question.id').onDelete('cascade'))
    // single and multiple choice: the chosen option (one row per chosen option)
    .addColumn('option_id', 'integer', (c) => c.references('survey_option.id').onDelete('cascade'))
    // csat 1–5, scale 0–10, yes_no 1/0
    .addColumn('value', 'integer')
    // free text, public only once moderated: 'pending' | 'public' | 'hidden'
    .addColumn('text', 'text')
    .addColumn('text_status', 'text')
    // the response's channel, gender and age band, copied (they never change): the results and
    // their breakdowns are one GROUP BY over an index, without a join to the responses
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('age_band', 'text')
    .execute();
  // results: one GROUP BY per survey over these
  await db.schema.createIndex('survey_answer_values').on('survey_answer').columns(['survey_id', 'question_id', 'value']).execute();
  await db.schema.createIndex('survey_answer_options').on('survey_answer').columns(['survey_id', 'question_id', 'option_id']).execute();
  await db.schema.createIndex('survey_answer_response').on('survey_answer').columns(['response_id']).execute();
  await db.schema.createIndex('survey_answer_texts').on('survey_answer').columns(['survey_id', 'text_status', 'id']).execute();

  await owned('survey_code')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id').onDelete('cascade'))
    // SHA-256 of the code printed on the slip handed out at the desk
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_code_one').on('survey_code').columns(['survey_id', 'code_hash']).unique().execute();

  // the national platforms (reference data, not demo): the network administrator keeps the list
  const now = new Date().toISOString();
  const platforms: [string, string | null, string, string, string, string, string, string][] = [
    ['rokhas', 'https://www.rokhas.ma', 'رخص', 'Rokhas', 'Rokhas',
      'منصة رقمية لإيداع ومعالجة طلبات رخص التعمير والأنشطة الاقتصادية', "Plateforme de dépôt et d'instruction des autorisations d'urbanisme et d'activités économiques", 'Platform for urban-planning and business permits'],
    ['watiqa', 'https://www.watiqa.ma', 'وثيقة', 'Watiqa', 'Watiqa',
      'طلب وثائق الحالة المدنية عن بعد', "Demande en ligne des actes d'état civil", 'Online requests for civil-status documents'],
    ['chikaya', 'https://www.chikaya.ma', 'شكاية', 'Chikaya', 'Chikaya',
      'البوابة الوطنية للشكايات والملاحظات والاقتراحات', 'Portail national des réclamations, observations et suggestions', 'National portal for complaints, observations and suggestions'],
    ['chafafiya', 'https://www.chafafiya.ma', 'شفافية', 'Chafafiya', 'Chafafiya',
      'بوابة الحق في الحصول على المعلومات (القانون 31.13)', "Portail du droit d'accès à l'information (loi 31.13)", 'Right of access to information portal (law 31.13)'],
    ['gid-cl', null, 'التدبير المندمج للنفقات للجماعات الترابية', 'GID-CL', 'GID-CL',
      'التدبير المندمج لنفقات الجماعات الترابية', 'Gestion intégrée de la dépense des collectivités territoriales', 'Integrated expenditure management of local authorities'],
    ['marches-publics', 'https://www.marchespublics.gov.ma', 'بوابة الصفقات العمومية', 'Portail des marchés publics', 'Public procurement portal',
      'نشر طلبات العروض ونتائجها', "Publication des appels d'offres et de leurs résultats", 'Calls for tenders and their results'],
    ['own-portal', null, 'البوابة الإلكترونية للجماعة', 'Portail de la collectivité', "The collectivity's portal",
      'الموقع الرسمي للجماعة وخدماتها', 'Le site officiel de la collectivité et ses services', "The collectivity's official website and services"],
  ];
  await db
    .insertInto('digital_platform')
    .values(platforms.map(([key, url, ar, fr, en, par, pfr, pen], i) => ({
      key, url, position: i + 1, name_ar: ar, name_fr: fr, name_en: en, purpose_ar: par, purpose_fr: pfr, purpose_en: pen, created_at: now, updated_at: now,
    })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['survey_code', 'survey_answer', 'survey_response', 'survey_option', 'survey_question', 'survey', 'awareness_campaign', 'service_month', 'public_service', 'platform_membership', 'digital_platform']) {
    await db.schema.dropTable(t).execute();
  }
}
