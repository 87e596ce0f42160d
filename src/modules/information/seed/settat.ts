// Settat's access-to-information demo: the information office, the expected Islamic holidays of
// 2025–2027, fourteen example requests placed from the load day so that every status and outcome
// occurs (some overdue), each with its trail of steps, and a few proactive publications (links).
// Dates are computed with the module's own rules (calendar.ts, model.ts) and each step is checked
// by model.refusal as a staff command would, so the demo cannot show what the app would refuse.
// Loading again changes nothing: holidays go in once per date, the rest only when Settat has no
// example request yet. Every request, step's request, office and publication is an example.
import type { Db } from '../../../platform/db/database.ts';
import { normalize } from '../../../platform/text/normalize.ts';
import type { DemoOptions } from '../../manifest.ts';
import { type Rules, addDays, addWorkingDays, isWorkingDay, loadRules } from '../calendar.ts';
import { type Channel, type Delivery, type InformationException, type Outcome, type PublicationCategory, type Status, type StepKind, answerDue, complaintDue, extendedDue, refusal, statusAfter } from '../model.ts';
import '../tables.ts';

// ---- the Islamic holidays (expected dates; the network administrator confirms them) -----------

type Names = [string, string, string];
const expected = { ar: 'تاريخ متوقع، يؤكده مدير الشبكة', fr: 'date prévue, à confirmer par l’administrateur du réseau', en: 'expected date, to be confirmed by the network administrator' };
const fitr: Names = ['عيد الفطر', 'Aïd al-Fitr', 'Eid al-Fitr'];
const adha: Names = ['عيد الأضحى', 'Aïd al-Adha', 'Eid al-Adha'];
const muharram: Names = ['فاتح محرم (رأس السنة الهجرية)', '1er Moharram (Nouvel an de l’hégire)', '1 Muharram (Islamic New Year)'];
const mawlid: Names = ['عيد المولد النبوي', 'Aïd al-Mawlid', 'The Mawlid (the Prophet’s birthday)'];
const secondDay = { ar: 'اليوم الثاني', fr: '2e jour', en: 'second day' };

/** Morocco gives two days for the Eids and the Mawlid, one for 1 Muharram. */
export const islamicHolidays: [string, Names, boolean][] = [
  ['2025-03-31', fitr, false], ['2025-04-01', fitr, true],
  ['2025-06-07', adha, false], ['2025-06-08', adha, true],
  ['2025-06-27', muharram, false],
  ['2025-09-05', mawlid, false], ['2025-09-06', mawlid, true],
  ['2026-03-20', fitr, false], ['2026-03-21', fitr, true],
  ['2026-05-27', adha, false], ['2026-05-28', adha, true],
  ['2026-06-17', muharram, false],
  ['2026-08-26', mawlid, false], ['2026-08-27', mawlid, true],
  ['2027-03-10', fitr, false], ['2027-03-11', fitr, true],
  ['2027-05-17', adha, false], ['2027-05-18', adha, true],
  ['2027-06-06', muharram, false],
  ['2027-08-15', mawlid, false], ['2027-08-16', mawlid, true],
];

// ---- the requests ------------------------------------------------------------------------------

interface SeedStep {
  kind: StepKind;
  /** working days after the receipt */
  after: number;
  note?: string;
}

interface SeedAnswer {
  outcome: Outcome;
  exceptions?: InformationException[];
  answer: string;
  /** the answer stays out of the public register, for this reason */
  privateReason?: string;
  transferredTo?: string;
}

interface SeedRequest {
  /** received this many working days before the load day */
  age: number;
  channel: Channel;
  language: 'ar' | 'fr';
  delivery: Delivery;
  urgent?: boolean;
  subject: string;
  details: string;
  requester?: { name: string; contact?: string; email?: string };
  steps: SeedStep[];
  answer?: SeedAnswer;
  complaintOutcome?: 'upheld' | 'rejected';
}

export const settatRequests: SeedRequest[] = [
  {
    age: 6,
    channel: 'desk',
    language: 'ar',
    delivery: 'copy',
    subject: 'رخص البناء المسلمة بحي سيدي عبد الكريم',
    details: 'أطلب الاطلاع على رخص البناء المسلمة بحي سيدي عبد الكريم.',
    requester: { name: 'مواطن (مثال)', contact: 'سطات' },
    steps: [{ kind: 'clarification_asked', after: 2, note: 'طُلب من صاحب الطلب تحديد الفترة المعنية ونوع الرخص (بناء، إصلاح، تسوية).' }],
  },
  {
    age: 8,
    channel: 'desk',
    language: 'ar',
    delivery: 'copy',
    subject: 'بيان تنفيذ ميزانية الجماعة برسم السنة المالية الماضية',
    details: 'أطلب نسخة من بيان تنفيذ الميزانية (المداخيل والنفقات) كما عرض على المجلس في دورة مايو.',
    requester: { name: 'جمعية مدنية (مثال)', contact: 'سطات' },
    steps: [{ kind: 'processing', after: 1, note: 'أحيل الطلب على قسم الميزانية والشؤون المالية.' }],
  },
  {
    age: 30,
    channel: 'online',
    language: 'ar',
    delivery: 'electronic',
    subject: 'عقد التدبير المفوض للإنارة العمومية وملاحقه',
    details: 'أطلب نسخة من عقد التدبير المفوض لمرفق الإنارة العمومية وملاحقه وتقارير التتبع السنوية.',
    steps: [
      { kind: 'processing', after: 2, note: 'أحيل الطلب على المصلحة التقنية.' },
      { kind: 'extended', after: 18, note: 'تمديد الأجل لكثرة الوثائق المطلوبة وضرورة جمع تقارير التتبع من المفوض إليه (المادة 16).' },
    ],
  },
  {
    age: 28,
    channel: 'chafafiya',
    language: 'ar',
    delivery: 'electronic',
    subject: 'إحصائيات رخص البناء والسكن المسلمة خلال السنتين الأخيرتين',
    details: 'أطلب عدد رخص البناء ورخص السكن المسلمة كل شهر، حسب نوع البناء.',
    steps: [{ kind: 'processing', after: 3, note: 'أحيل الطلب على قسم التعمير.' }],
  },
  {
    age: 40,
    channel: 'online',
    language: 'fr',
    delivery: 'electronic',
    subject: 'Procès-verbal de la session ordinaire de février du conseil communal',
    details: 'Je souhaite recevoir le procès-verbal de la session ordinaire de février et la liste des points adoptés.',
    steps: [
      { kind: 'processing', after: 1 },
      { kind: 'answered', after: 12 },
    ],
    answer: { outcome: 'full', answer: 'Le procès-verbal de la session de février (12 points adoptés) est joint à cette réponse ; il est aussi publié dans la rubrique « Procès-verbaux ».' },
  },
  {
    age: 45,
    channel: 'mail',
    language: 'ar',
    delivery: 'copy',
    subject: 'عقد امتياز تدبير السوق الأسبوعي ولائحة المستغلين',
    details: 'أطلب نسخة من عقد امتياز السوق الأسبوعي ولائحة مستغلي المحلات مع مبالغ الكراء.',
    requester: { name: 'مواطن (مثال)', contact: 'صندوق البريد، سطات' },
    steps: [
      { kind: 'processing', after: 2, note: 'أحيل الطلب على مصلحة الممتلكات والأسواق.' },
      { kind: 'answered', after: 19 },
    ],
    answer: {
      outcome: 'partial',
      exceptions: ['private_life'],
      answer: 'سُلمت نسخة من عقد الامتياز ومبالغ الكراء لكل محل. حُذفت أسماء المستغلين الأشخاص الذاتيين وعناوينهم حماية لمعطياتهم الشخصية (المادة 7).',
    },
  },
  {
    age: 35,
    channel: 'desk',
    language: 'ar',
    delivery: 'consultation',
    subject: 'ملف رخصة البناء الخاص بمسكني',
    details: 'أطلب الاطلاع على ملف رخصة البناء الخاص بمسكني ورأي اللجنة التقنية فيه.',
    requester: { name: 'مواطن (مثال)', contact: 'سطات' },
    steps: [
      { kind: 'processing', after: 1 },
      { kind: 'answered', after: 6 },
    ],
    answer: {
      outcome: 'full',
      answer: 'اطلع صاحب الطلب على ملفه كاملا بمقر قسم التعمير وسُلمت له نسخة من رأي اللجنة التقنية.',
      privateReason: 'الجواب يخص ملفا شخصيا لصاحب الطلب ويتضمن معطيات شخصية عنه: لا ينشر في السجل العمومي.',
    },
  },
  {
    age: 38,
    channel: 'chafafiya',
    language: 'ar',
    delivery: 'electronic',
    subject: 'دراسة الجدوى الخاصة بتثنية الطريق الجهوية المؤدية إلى المدينة',
    details: 'أطلب دراسة الجدوى والتكلفة التقديرية لتثنية الطريق الجهوية.',
    steps: [
      { kind: 'processing', after: 2 },
      { kind: 'answered', after: 9 },
    ],
    answer: { outcome: 'not_held', answer: 'لا تتوفر الجماعة على هذه الدراسة: الطريق الجهوية من اختصاص مجلس الجهة والمديرية الإقليمية للتجهيز.' },
  },
  {
    age: 42,
    channel: 'email',
    language: 'fr',
    delivery: 'electronic',
    subject: 'Nombre d’agréments de taxis délivrés dans la province',
    details: 'Je souhaite connaître le nombre d’agréments de grands et petits taxis délivrés ces cinq dernières années.',
    requester: { name: 'Chercheur (exemple)', email: 'chercheur@example.org' },
    steps: [
      { kind: 'processing', after: 1 },
      { kind: 'answered', after: 4 },
    ],
    answer: { outcome: 'transferred', answer: 'Les agréments de taxis relèvent de l’autorité provinciale : la demande a été transmise à la province de Settat, qui répondra directement.', transferredTo: 'Province de Settat — عمالة إقليم سطات' },
  },
  {
    age: 45,
    channel: 'online',
    language: 'ar',
    delivery: 'electronic',
    subject: 'عروض المتنافسين في صفقة جمع النفايات المنزلية',
    details: 'أطلب نسخا من العروض التقنية والمالية لجميع المتنافسين في صفقة جمع النفايات المنزلية ومحضر فتح الأظرفة.',
    steps: [
      { kind: 'processing', after: 1 },
      { kind: 'answered', after: 10 },
      { kind: 'complaint', after: 20, note: 'قدم صاحب الطلب شكاية إلى رئيس المجلس.' },
    ],
    answer: {
      outcome: 'partial',
      exceptions: ['competition', 'intellectual_property'],
      answer: 'سُلم محضر فتح الأظرفة ونتائج الصفقة المنشورة ببوابة الصفقات العمومية. أما العروض التقنية للمتنافسين فتتضمن أسرارا تجارية محمية (المادة 7).',
    },
  },
  {
    age: 70,
    channel: 'mail',
    language: 'ar',
    delivery: 'copy',
    subject: 'لائحة المستفيدين من رخص احتلال الملك العمومي مع عناوينهم',
    details: 'أطلب لائحة كاملة بأسماء وعناوين المستفيدين من رخص الاحتلال المؤقت للملك العمومي الجماعي.',
    requester: { name: 'مواطن (مثال)', contact: 'سطات' },
    steps: [
      { kind: 'processing', after: 1 },
      { kind: 'answered', after: 15 },
      { kind: 'complaint', after: 20 },
      { kind: 'complaint_decided', after: 30, note: 'رفض رئيس المجلس الشكاية: قدمت الإحصائيات حسب الأحياء والأنشطة، وتبقى الأسماء والعناوين معطيات شخصية.' },
    ],
    answer: { outcome: 'refused', exceptions: ['private_life'], answer: 'رُفض تسليم الأسماء والعناوين لأنها معطيات شخصية (المادة 7). يمكن تقديم عدد الرخص حسب الحي ونوع النشاط.' },
    complaintOutcome: 'rejected',
  },
  {
    age: 100,
    channel: 'chafafiya',
    language: 'ar',
    delivery: 'electronic',
    subject: 'المخطط التفصيلي لمواقع كاميرات المراقبة بالمدينة',
    details: 'أطلب الخريطة التفصيلية لمواقع كاميرات المراقبة التي مولتها الجماعة.',
    steps: [
      { kind: 'processing', after: 2 },
      { kind: 'answered', after: 20 },
      { kind: 'complaint', after: 22 },
      { kind: 'complaint_decided', after: 35 },
      { kind: 'cdai', after: 45, note: 'أحال صاحب الطلب الملف على لجنة الحق في الحصول على المعلومات.' },
    ],
    answer: { outcome: 'refused', exceptions: ['state_security'], answer: 'رُفض الطلب: نشر مواقع الكاميرات بالتفصيل يمس بالأمن العام (المادة 7). كلفة المشروع وعدد الكاميرات منشوران في ميزانية الجماعة.' },
    complaintOutcome: 'rejected',
  },
  {
    age: 1,
    channel: 'email',
    language: 'ar',
    delivery: 'electronic',
    urgent: true,
    subject: 'برنامج تدخلات المكتب الصحي الجماعي لمحاربة الناموس هذا الأسبوع',
    details: 'أطلب على وجه الاستعجال برنامج حملة رش المبيدات بالأحياء، لوجود أطفال مرضى بالحساسية في المنزل.',
    requester: { name: 'مواطنة (مثال)', email: 'demande@example.org' },
    steps: [],
  },
  {
    age: 33,
    channel: 'online',
    language: 'ar',
    delivery: 'electronic',
    subject: 'تقارير البحث الإداري المنجز بشأن موظف بالجماعة',
    details: 'أطلب نسخة من تقارير البحث الإداري المنجز بشأن موظف بقسم الجبايات.',
    steps: [
      { kind: 'processing', after: 1 },
      { kind: 'answered', after: 8 },
    ],
    answer: { outcome: 'refused', exceptions: ['investigations', 'private_life'], answer: 'رُفض الطلب: التقارير جزء من بحث إداري جار وتتضمن معطيات شخصية عن موظف (المادة 7).' },
  },
];

// ---- proactive publication (art. 10) --------------------------------------------------------

interface SeedPublication {
  category: PublicationCategory;
  /** calendar days before the load day */
  daysAgo: number;
  url: string;
  title: { ar: string; fr: string; en: string };
}

// example.org: these are examples, not the commune's real documents
export const settatPublications: SeedPublication[] = [
  { category: 'budget', daysAgo: 20, url: 'https://www.example.org/settat/budget.pdf', title: { ar: 'ميزانية الجماعة للسنة المالية الجارية', fr: 'Budget de la commune pour l’exercice en cours', en: 'The commune’s budget for the current year' } },
  { category: 'council_decisions', daysAgo: 45, url: 'https://www.example.org/settat/decisions-octobre.pdf', title: { ar: 'مقررات دورة أكتوبر للمجلس الجماعي', fr: 'Délibérations de la session d’octobre du conseil communal', en: 'Decisions of the municipal council’s October session' } },
  { category: 'minutes', daysAgo: 40, url: 'https://www.example.org/settat/pv-octobre.pdf', title: { ar: 'محضر دورة أكتوبر العادية', fr: 'Procès-verbal de la session ordinaire d’octobre', en: 'Minutes of the ordinary October session' } },
  { category: 'procurement', daysAgo: 60, url: 'https://www.marchespublics.gov.ma/', title: { ar: 'البرنامج التوقعي للصفقات العمومية', fr: 'Programme prévisionnel des marchés publics', en: 'Forecast public procurement programme' } },
  { category: 'statistics', daysAgo: 15, url: 'https://www.example.org/settat/etat-civil.csv', title: { ar: 'إحصائيات الحالة المدنية الشهرية', fr: 'Statistiques mensuelles de l’état civil', en: 'Monthly civil-status statistics' } },
  { category: 'programme', daysAgo: 300, url: 'https://www.example.org/settat/pac.pdf', title: { ar: 'برنامج عمل الجماعة', fr: 'Programme d’action de la commune (PAC)', en: 'Municipal action plan (PAC)' } },
  { category: 'services', daysAgo: 90, url: 'https://www.example.org/settat/guide-urbanisme.pdf', title: { ar: 'دليل مساطر رخص التعمير', fr: 'Guide des procédures d’urbanisme', en: 'Guide to urban-planning procedures' } },
];

// ---- loading --------------------------------------------------------------------------------

/** The working day `n` working days before `day` (or `day` itself for 0, moved back to a working day). */
function workingDaysBefore(rules: Rules, day: string, n: number): string {
  let date = day;
  while (!isWorkingDay(rules.calendar, date)) date = addDays(date, -1);
  for (let left = n; left > 0; ) {
    date = addDays(date, -1);
    if (isWorkingDay(rules.calendar, date)) left--;
  }
  return date;
}

type Row = Record<string, unknown> & { status: Status; due_on: string; clock_from: string; received_on: string };

/** A request's columns and steps from its story, each step checked as a command would. */
export function playRequest(rules: Rules, s: SeedRequest, today: string) {
  const received = workingDaysBefore(rules, today, s.age);
  const urgent = s.urgent === true;
  const r: Row = {
    status: 'received',
    urgent: urgent ? 1 : 0,
    received_on: received,
    clock_from: received,
    due_on: answerDue(rules, received, urgent),
    extended: 0,
    extension_reason: null,
    answered_on: null,
    outcome: null,
    exceptions: null,
    answer: null,
    answer_public: 0,
    answer_private_reason: null,
    transferred_to: null,
    complaint_on: null,
    complaint_due_on: null,
    complaint_decided_on: null,
    complaint_outcome: null,
    cdai_on: null,
  };
  const steps: { kind: StepKind; on_date: string; note: string | null; due_on: string | null; actor_role: string }[] = [
    { kind: 'received', on_date: received, note: null, due_on: r.due_on, actor_role: s.channel === 'online' ? 'requester' : 'editor' },
  ];
  for (const step of s.steps) {
    const on = addWorkingDays(rules.calendar, received, step.after);
    const why = refusal(rules, { ...r, urgent: urgent, extended: r.extended === 1 } as never, step.kind, on, today);
    if (why) throw new Error(`information demo: ${s.subject}: ${step.kind} on ${on}: ${why}`);
    switch (step.kind) {
      case 'clarified':
        r.clock_from = on;
        r.due_on = answerDue(rules, on, urgent);
        break;
      case 'extended':
        r.due_on = extendedDue(rules, r.due_on);
        r.extended = 1;
        r.extension_reason = step.note ?? null;
        break;
      case 'answered': {
        const a = s.answer!;
        Object.assign(r, {
          answered_on: on,
          outcome: a.outcome,
          exceptions: a.exceptions ? JSON.stringify(a.exceptions) : null,
          answer: a.answer,
          answer_public: a.privateReason ? 0 : 1,
          answer_private_reason: a.privateReason ?? null,
          transferred_to: a.transferredTo ?? null,
        });
        break;
      }
      case 'complaint':
        r.complaint_on = on;
        r.complaint_due_on = complaintDue(rules, on);
        break;
      case 'complaint_decided':
        r.complaint_decided_on = on;
        r.complaint_outcome = s.complaintOutcome ?? 'rejected';
        break;
      case 'cdai':
        r.cdai_on = on;
        break;
    }
    r.status = statusAfter(step.kind);
    const due = step.kind === 'complaint' ? (r.complaint_due_on as string) : ['received', 'clarified', 'processing', 'extended'].includes(step.kind) ? r.due_on : null;
    const actor = ['complaint', 'cdai', 'clarified'].includes(step.kind) ? 'requester' : step.kind === 'complaint_decided' ? 'focal_point' : 'editor';
    steps.push({ kind: step.kind, on_date: on, note: step.note ?? null, due_on: due, actor_role: actor });
  }
  return { request: r, steps };
}

/** An instant on a calendar day, as the steps' `at` (10:00 in Casablanca, a few minutes apart). */
const atOn = (day: string, i: number) => `${day}T09:${String(i * 5).padStart(2, '0')}:00.000Z`;

export async function loadSettatInformation(db: Db, options: DemoOptions): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const stamp = `${options.today}T08:00:00.000Z`;
    // the expected Islamic holidays, once per date (whatever else the administrator entered)
    const known = new Set((await trx.selectFrom('public_holiday').select('on_date').where('kind', '=', 'dated').execute()).map((h) => h.on_date));
    const missing = islamicHolidays.filter(([date]) => !known.has(date));
    if (missing.length > 0) {
      await trx
        .insertInto('public_holiday')
        .values(
          missing.map(([date, [ar, fr, en], second]) => ({
            kind: 'dated' as const,
            month_day: null,
            from_year: null,
            on_date: date,
            name_ar: `${ar}${second ? ` (${secondDay.ar})` : ''} — ${expected.ar}`,
            name_fr: `${fr}${second ? ` (${secondDay.fr})` : ''} — ${expected.fr}`,
            name_en: `${en}${second ? ` (${secondDay.en})` : ''} — ${expected.en}`,
            created_at: stamp,
            updated_at: stamp,
          })),
        )
        .execute();
    }

    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return;

    // the office: the person in charge is the demo's focal point account when there is one
    const office = await trx.selectFrom('information_office').select('collectivity_id').where('collectivity_id', '=', c.id).executeTakeFirst();
    if (!office) {
      const focal = await trx
        .selectFrom('role_assignment as a')
        .innerJoin('app_user as u', 'u.id', 'a.user_id')
        .select(['u.id', 'u.display_name'])
        .where('a.collectivity_id', '=', c.id)
        .where('a.role', '=', 'focal_point')
        .where('u.deleted_at', 'is', null)
        .orderBy('u.id')
        .executeTakeFirst();
      await trx
        .insertInto('information_office')
        .values({
          collectivity_id: c.id,
          officer_user_id: focal?.id ?? null,
          officer_name: focal?.display_name || null,
          email: null,
          phone: null,
          is_example: 1,
          officer_title_ar: 'الشخص المكلف بتلقي طلبات الحصول على المعلومات ومعالجتها',
          officer_title_fr: 'Personne chargée de recevoir et de traiter les demandes d’accès à l’information',
          officer_title_en: 'Person in charge of receiving and handling requests for information',
          address_ar: 'مكتب الضبط، مقر جماعة سطات',
          address_fr: 'Bureau d’ordre, siège de la commune de Settat',
          address_en: 'Registry office, Settat commune headquarters',
          hours_ar: 'من الإثنين إلى الجمعة، من 8:30 إلى 16:30',
          hours_fr: 'Du lundi au vendredi, de 8 h 30 à 16 h 30',
          hours_en: 'Monday to Friday, 8:30 to 16:30',
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
    }

    // any example request (whatever the day it was loaded on): the demo is there
    const already = await trx.selectFrom('information_request').select('id').where('collectivity_id', '=', c.id).where('is_example', '=', 1).executeTakeFirst();
    if (already) return;
    // the rules as they are now, with the holidays just entered
    const rules = await loadRules(trx);
    for (const s of settatRequests) {
      const { request: r, steps } = playRequest(rules, s, options.today);
      const last = steps.at(-1)!;
      const row = await trx
        .insertInto('information_request')
        .values({
          ...r,
          collectivity_id: c.id,
          requester_user_id: null,
          requester_name: s.requester?.name ?? null,
          requester_contact: s.requester?.contact ?? null,
          requester_email: s.requester?.email ?? null,
          channel: s.channel,
          filed_by_user_id: null,
          subject: s.subject,
          details: s.details,
          language: s.language,
          delivery: s.delivery,
          is_example: 1,
          search_text: normalize(`${s.subject} ${r.answer_public === 1 ? (r.answer as string) : ''}`),
          created_at: atOn(r.received_on, 0),
          updated_at: atOn(last.on_date, steps.length - 1),
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('information_step')
        .values(steps.map((step, i) => ({ collectivity_id: c.id, request_id: row.id, kind: step.kind, on_date: step.on_date, at: atOn(step.on_date, i), actor_user_id: null, actor_role: step.actor_role, note: step.note, due_on: step.due_on })))
        .execute();
    }

    await trx
      .insertInto('information_publication')
      .values(
        settatPublications.map((p) => ({
          collectivity_id: c.id,
          category: p.category,
          published_on: addDays(options.today, -p.daysAgo),
          url: p.url,
          is_example: 1,
          title_ar: p.title.ar,
          title_fr: p.title.fr,
          title_en: p.title.en,
          description_ar: null,
          description_fr: null,
          description_en: null,
          created_at: stamp,
          updated_at: stamp,
        })),
      )
      .execute();
  });
}
