// The dialogue part of the Settat demo. Axis 4 of the programme, "creating a permanent dialogue
// mechanism" (خلق آلية دائمة للتحاور), plans periodic communication meetings between the council
// and local actors: associations, the media, ENABEL (citizen participation support programme)
// and citizens, in the commune's reception space (the commune's contribution on project 4's card).
// Here: the meetings of 2024–2025 as example data (is_example = 1, said so on their pages), with
// attendance, minutes and a few commitments, recorded through the module's own commands and
// dated as they would have been; and the next meetings placed from the load day, one of them
// taking registrations today. The figures are invented and plausible; none is Settat's record.
// The meetings so far are ad hoc ones: the mechanism's charter (membership, frequency, records) is
// itself a commitment, due at the council's February 2026 session (see tracking's note on 4.1).
// Loading again changes nothing.
import type { Actor } from '../../../platform/audit.ts';
import type { CommandResult } from '../../../platform/commands.ts';
import type { Db } from '../../../platform/db/database.ts';
import { casablancaToIso } from '../../../platform/i18n/format.ts';
import type { DemoOptions } from '../../manifest.ts';
import { type CommitmentInput, type RecordInput, addCommitment, recordMeeting, updateCommitment } from '../commands/outcome.ts';
import type { MeetingKind } from '../tables.ts';
import '../tables.ts';

type L10n = { ar: string; fr: string; en: string };

interface SeedCommitment {
  what: L10n;
  who: L10n;
  due: string;
  /** the state it reached, and the day (Casablanca) */
  closed?: { status: 'done' | 'dropped'; on: string; note: L10n };
  progress?: { on: string; note: L10n };
}

interface SeedMeeting {
  kind: MeetingKind;
  /** Casablanca wall-clock time */
  start: string;
  hours: number;
  title: L10n;
  place: L10n;
  organizer: L10n;
  languages: string;
  attendance: Omit<RecordInput, `minutes_${string}` | `questions_${string}`>;
  minutes?: L10n;
  questions?: L10n;
  commitments?: SeedCommitment[];
}

const example = { ar: '(مثال توضيحي)', fr: '(exemple fictif)', en: '(invented example)' };
const receptionSpace = { ar: 'فضاء الاستقبال بمقر جماعة سطات', fr: "Espace d'accueil de l'hôtel de ville de Settat", en: "Settat town hall's reception space" };
const council = { ar: 'مجلس جماعة سطات', fr: 'Conseil communal de Settat', en: 'Settat municipal council' };
const communication = { ar: 'مصلحة التواصل بجماعة سطات', fr: 'Service de la communication de la commune', en: "The commune's communication department" };

const people = (total: number, women: number, more: Partial<Record<'youth' | 'associations' | 'media' | 'elected' | 'ieecag' | 'online', number>>) => ({
  attendance_total: total,
  attendance_women: women,
  attendance_men: total - women,
  attendance_youth: more.youth ?? null,
  attendance_associations: more.associations ?? null,
  attendance_media: more.media ?? null,
  attendance_elected: more.elected ?? null,
  attendance_ieecag: more.ieecag ?? null,
  attendance_online: more.online ?? 0,
});

/** The meetings of 2024–2025 (fixed dates). */
const pastMeetings: SeedMeeting[] = [
  {
    kind: 'local_actors',
    start: '2024-03-14T15:00',
    hours: 3,
    title: { ar: 'لقاء تواصلي مع جمعيات المجتمع المدني حول برنامج الانفتاح 2024–2025', fr: "Rencontre avec les associations sur le programme d'ouverture 2024–2025", en: 'Meeting with associations on the 2024–2025 openness programme' },
    place: receptionSpace,
    organizer: communication,
    languages: 'ar,ary',
    attendance: people(46, 19, { youth: 14, associations: 21, media: 3, elected: 4, ieecag: 2 }),
    minutes: {
      ar: 'قدّم رئيس المجلس برنامج الانفتاح المعتمد ومحاوره الأربعة، وناقش ممثلو الجمعيات سبل تتبع تنفيذه. طُلب نشر محاضر اللقاءات وبرمجتها بانتظام.',
      fr: "Le président du conseil a présenté le programme d'ouverture adopté et ses quatre axes ; les associations ont discuté de son suivi. Elles ont demandé la publication des comptes rendus et des rencontres régulières.",
      en: 'The council president presented the adopted openness programme and its four axes; the associations discussed how to follow it. They asked for the minutes to be published and for regular meetings.',
    },
    questions: {
      ar: 'كيف يمكن للجمعيات الاطلاع على تقدم الأنشطة؟ متى يُعلن عن الميزانية التشاركية؟',
      fr: "Comment les associations peuvent-elles suivre l'avancement des activités ? Quand le budget participatif sera-t-il annoncé ?",
      en: 'How can associations follow the activities’ progress? When will the participatory budget be announced?',
    },
    commitments: [
      {
        what: { ar: 'نشر محاضر اللقاءات التواصلية على البوابة الإلكترونية للجماعة', fr: 'Publier les comptes rendus des rencontres sur le portail de la commune', en: "Publish the meetings' minutes on the commune's portal" },
        who: communication,
        due: '2024-06-30',
        closed: { status: 'done', on: '2024-06-12', note: { ar: 'نُشر محضر هذا اللقاء على البوابة.', fr: 'Le compte rendu de cette rencontre est publié sur le portail.', en: "This meeting's minutes are on the portal." } },
      },
    ],
  },
  {
    kind: 'thematic',
    start: '2024-06-27T10:00',
    hours: 2,
    title: { ar: 'لقاء مع المنابر الإعلامية المحلية حول الحق في الحصول على المعلومات', fr: "Rencontre avec les médias locaux sur le droit d'accès à l'information", en: 'Meeting with local media on the right of access to information' },
    place: receptionSpace,
    organizer: communication,
    languages: 'ar,fr',
    attendance: people(24, 9, { youth: 7, media: 12, elected: 3 }),
    questions: {
      ar: 'ما آجال الرد على طلبات الحصول على المعلومات عبر منصة شفافية؟',
      fr: "Quels délais de réponse aux demandes d'accès à l'information sur Chafafiya ?",
      en: 'How long do answers to access-to-information requests on Chafafiya take?',
    },
    commitments: [
      {
        what: { ar: 'تعيين مخاطب للصحافة بمصلحة التواصل', fr: 'Désigner un interlocuteur de la presse au service de la communication', en: 'Name a press contact in the communication department' },
        who: communication,
        due: '2024-09-30',
        closed: { status: 'done', on: '2024-10-15', note: { ar: 'عُيّن المخاطب بعد الأجل بأسبوعين.', fr: "L'interlocuteur a été désigné deux semaines après l'échéance.", en: 'The contact was named two weeks after the due date.' } },
      },
    ],
  },
  {
    kind: 'district',
    start: '2024-11-21T17:00',
    hours: 2,
    title: { ar: 'لقاء تواصلي مع سكان حي السلام', fr: 'Rencontre avec les habitants du quartier Essalam', en: 'Meeting with the residents of the Essalam district' },
    place: { ar: 'دار الشباب حي السلام', fr: 'Maison des jeunes du quartier Essalam', en: 'Essalam youth centre' },
    organizer: council,
    languages: 'ar,ary',
    attendance: people(58, 27, { youth: 22, associations: 6, elected: 5 }),
    commitments: [
      {
        what: { ar: 'برمجة إنارة الممر المؤدي إلى دار الشباب', fr: "Programmer l'éclairage de l'allée de la maison des jeunes", en: 'Schedule lighting for the path to the youth centre' },
        who: { ar: 'المصلحة التقنية', fr: 'Service technique', en: 'Technical department' },
        due: '2025-03-31',
        progress: { on: '2025-02-10', note: { ar: 'أُعدّ الكشف التقديري والصفقة قيد الإعداد.', fr: "L'estimation est faite, le marché est en préparation.", en: 'The estimate is done; the contract is being prepared.' } },
      },
    ],
  },
  {
    kind: 'council_session',
    start: '2025-02-04T10:00',
    hours: 4,
    title: { ar: 'دورة فبراير 2025 لمجلس الجماعة مفتوحة للعموم: تقييم سنة 2024', fr: 'Session de février 2025 du conseil, ouverte au public : évaluation de 2024', en: "The council's February 2025 session, open to the public: the 2024 evaluation" },
    place: { ar: 'قاعة الاجتماعات بمقر الجماعة', fr: "Salle des délibérations de l'hôtel de ville", en: "Town hall's council chamber" },
    organizer: council,
    languages: 'ar',
    attendance: people(71, 24, { youth: 15, associations: 12, media: 6, elected: 35, ieecag: 3, online: 0 }),
    minutes: {
      ar: 'عُرض تقييم سنة 2024 لبرنامج عمل الجماعة، وأُتيحت الكلمة للحاضرين بعد جدول الأعمال.',
      fr: "L'évaluation 2024 du programme d'action de la commune a été présentée ; la parole a été donnée au public après l'ordre du jour.",
      en: "The 2024 evaluation of the commune's action plan was presented; the public could speak after the agenda.",
    },
  },
  {
    kind: 'local_actors',
    start: '2025-05-15T15:00',
    hours: 3,
    title: { ar: 'لقاء تواصلي بشراكة مع مؤسسة ENABEL حول آلية الحوار الدائمة', fr: 'Rencontre avec Enabel sur le mécanisme permanent de dialogue', en: 'Meeting with Enabel on the permanent dialogue mechanism' },
    place: receptionSpace,
    organizer: { ar: 'جماعة سطات ومؤسسة ENABEL (برنامج دعم المشاركة المواطنة)', fr: "Commune de Settat et Enabel (programme d'appui à la participation citoyenne)", en: 'Settat commune and Enabel (citizen participation support programme)' },
    languages: 'ar,fr',
    attendance: people(38, 17, { youth: 10, associations: 16, media: 4, elected: 4, ieecag: 3, online: 9 }),
    minutes: {
      ar: 'نوقش مشروع ميثاق آلية الحوار: تركيبتها، ووتيرة لقاءاتها (كل ثلاثة أشهر)، وطريقة توثيقها ونشر محاضرها.',
      fr: 'Le projet de charte du mécanisme de dialogue a été discuté : composition, fréquence des rencontres (trimestrielle), comptes rendus et leur publication.',
      en: "The draft charter of the dialogue mechanism was discussed: membership, frequency (quarterly), records and their publication.",
    },
    commitments: [
      {
        what: { ar: 'إعداد ميثاق آلية الحوار الدائمة وعرضه على المجلس', fr: 'Rédiger la charte du mécanisme permanent de dialogue et la soumettre au conseil', en: 'Draft the charter of the permanent dialogue mechanism and submit it to the council' },
        who: { ar: 'نقطة الارتكاز ومؤسسة ENABEL', fr: 'Le point focal et Enabel', en: 'The focal point and Enabel' },
        due: '2026-02-28',
        progress: { on: '2025-10-31', note: { ar: 'المسودة جاهزة، وعرضها مبرمج في دورة فبراير 2026.', fr: 'Le projet est prêt ; sa présentation est prévue à la session de février 2026.', en: 'The draft is ready; it is scheduled for the February 2026 session.' } },
      },
      {
        what: { ar: 'بث اللقاءات مباشرة على صفحة الجماعة', fr: 'Diffuser les rencontres en direct sur la page de la commune', en: "Stream the meetings live on the commune's page" },
        who: communication,
        due: '2025-09-30',
        closed: { status: 'dropped', on: '2025-09-15', note: { ar: 'عُوّض البث المباشر بالمشاركة عن بعد عبر رابط مسبق.', fr: 'Remplacé par la participation en ligne sur lien envoyé à l’avance.', en: 'Replaced by online participation through a link sent in advance.' } },
      },
    ],
  },
  {
    kind: 'council_session',
    start: '2025-10-07T10:00',
    hours: 4,
    title: { ar: 'دورة أكتوبر 2025 لمجلس الجماعة مفتوحة للعموم: تقييم منتصف المدة', fr: "Session d'octobre 2025 du conseil, ouverte au public : évaluation à mi-parcours", en: "The council's October 2025 session, open to the public: the mid-term evaluation" },
    place: { ar: 'قاعة الاجتماعات بمقر الجماعة', fr: "Salle des délibérations de l'hôtel de ville", en: "Town hall's council chamber" },
    organizer: council,
    languages: 'ar',
    attendance: people(64, 26, { youth: 18, associations: 10, media: 5, elected: 33, ieecag: 3, online: 11 }),
  },
];

/** The next meetings, from the load day: days after it, and whether registration is open today. */
const nextMeetings: (Omit<SeedMeeting, 'start' | 'attendance'> & { inDays: number; time: string; registration?: { capacity: number; openedDaysAgo: number; closesInDays: number } })[] = [
  {
    kind: 'local_actors',
    inDays: 12,
    time: '15:00',
    hours: 3,
    title: { ar: 'لقاء تواصلي مع الفاعلين المحليين: حصيلة برنامج الانفتاح', fr: "Rencontre avec les acteurs locaux : bilan du programme d'ouverture", en: "Meeting with local actors: the openness programme's results" },
    place: receptionSpace,
    organizer: communication,
    languages: 'ar,ary,fr',
    registration: { capacity: 60, openedDaysAgo: 3, closesInDays: 11 },
  },
  {
    kind: 'online',
    inDays: 40,
    time: '18:00',
    hours: 2,
    title: { ar: 'لقاء عن بعد مع الشباب حول الخدمات الرقمية للجماعة', fr: 'Rencontre en ligne avec les jeunes sur les services numériques de la commune', en: "Online meeting with young people on the commune's digital services" },
    place: { ar: 'عن بعد', fr: 'En ligne', en: 'Online' },
    organizer: communication,
    languages: 'ar,fr',
  },
];

const demoActor: Actor = { userId: null, role: 'focal_point' };

function must<T>(result: CommandResult<T> | null): T {
  if (!result || !result.ok) throw new Error(`dialogue demo: ${JSON.stringify(result && !result.ok ? result.errors : 'not found')}`);
  return result.value;
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
const l10n = (name: string, t: L10n | undefined) => ({ [`${name}_ar`]: t?.ar ?? null, [`${name}_fr`]: t?.fr ?? null, [`${name}_en`]: t?.en ?? null });

export async function loadSettatDialogue(db: Db, options: DemoOptions): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return false;
    // any example meeting (whatever the day it was loaded on): the demo is there
    const already = await trx.selectFrom('meeting').select('id').where('collectivity_id', '=', c.id).where('is_example', '=', 1).executeTakeFirst();
    if (already) return false;
    const scope = { actor: demoActor, collectivityId: c.id };

    const insert = async (m: Omit<SeedMeeting, 'attendance' | 'start'>, startsAt: string, extra: Record<string, unknown> = {}) => {
      const row = await trx
        .insertInto('meeting')
        .values({
          collectivity_id: c.id,
          kind: m.kind,
          status: 'planned',
          starts_at: startsAt,
          ends_at: hoursAfter(startsAt, m.hours),
          languages: m.languages,
          is_example: 1,
          title_ar: `${m.title.ar} ${example.ar}`,
          title_fr: `${m.title.fr} ${example.fr}`,
          title_en: `${m.title.en} ${example.en}`,
          ...l10n('place', m.place),
          ...l10n('organizer', m.organizer),
          created_at: hoursAfter(startsAt, -24 * 21),
          updated_at: hoursAfter(startsAt, -24 * 21),
          ...extra,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };

    for (const m of pastMeetings) {
      const startsAt = casablancaToIso(m.start);
      const id = await insert(m, startsAt);
      const recordedAt = hoursAfter(startsAt, m.hours + 20);
      must(await recordMeeting(trx, scope, id, { ...m.attendance, ...l10n('minutes', m.minutes), ...l10n('questions', m.questions) } as RecordInput, recordedAt));
      for (const k of m.commitments ?? []) {
        const input: CommitmentInput = { what_ar: k.what.ar, what_fr: k.what.fr, what_en: k.what.en, who_ar: k.who.ar, who_fr: k.who.fr, who_en: k.who.en, due_on: k.due, status: 'open', follow_up_ar: null, follow_up_fr: null, follow_up_en: null };
        const cid = must(await addCommitment(trx, scope, id, input, recordedAt));
        const step = k.closed ?? (k.progress ? { status: 'in_progress' as const, on: k.progress.on, note: k.progress.note } : null);
        if (step) {
          const at = casablancaToIso(`${step.on}T12:00`);
          must(await updateCommitment(trx, scope, id, cid, { ...input, status: step.status, follow_up_ar: step.note.ar, follow_up_fr: step.note.fr, follow_up_en: step.note.en }, at));
        }
      }
      await trx.updateTable('meeting').set({ updated_at: recordedAt }).where('collectivity_id', '=', c.id).where('id', '=', id).execute();
    }

    for (const m of nextMeetings) {
      const day = addDays(options.today, m.inDays);
      const startsAt = casablancaToIso(`${day}T${m.time}`);
      const r = m.registration;
      await insert(
        m,
        startsAt,
        r
          ? {
              registration_enabled: 1,
              capacity: r.capacity,
              registration_opens_at: casablancaToIso(`${addDays(options.today, -r.openedDaysAgo)}T09:00`),
              registration_closes_at: casablancaToIso(`${addDays(options.today, r.closesInDays)}T23:59`),
              created_at: casablancaToIso(`${addDays(options.today, -r.openedDaysAgo - 1)}T10:00`),
              updated_at: casablancaToIso(`${addDays(options.today, -r.openedDaysAgo - 1)}T10:00`),
            }
          : { created_at: casablancaToIso(`${addDays(options.today, -2)}T10:00`), updated_at: casablancaToIso(`${addDays(options.today, -2)}T10:00`) },
      );
    }
    return true;
  });
}
