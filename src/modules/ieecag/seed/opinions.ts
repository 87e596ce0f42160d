// The advisory opinions of the Settat demo (is_example = 1, said so on their pages): invented and
// plausible, consistent with project 2's indicators and with tracking's notes on activity 2.4 —
// three opinions transmitted to the council (May 2024, October 2024, May 2025: 1, 2, 3 of the 4
// aimed at by the end of 2025), the first followed, the second partly followed with the council's
// reasons, the third still waiting for a response; and a fourth, on accessibility, still a draft.
// Projects that followed an opinion: 3 (digital services) in 2024, 1 (participatory budget) in 2025.
// Loading again changes nothing.
import type { Db } from '../../../platform/db/database.ts';
import type { OpinionLinkKind, OpinionOrigin, OpinionStatus, ResponseStatus } from '../tables.ts';
import '../tables.ts';

type L10n = { ar: string; fr: string; en: string };

interface SeedOpinion {
  number: number;
  year: number;
  origin: OpinionOrigin;
  status: OpinionStatus;
  subject: L10n;
  session?: L10n;
  body: L10n;
  requested?: string;
  adopted?: string;
  published?: string;
  transmitted?: string;
  response?: { status: Exclude<ResponseStatus, 'pending'>; on: string; reason?: L10n; decision?: L10n };
  /** programme items by their numbers: 'project:3', 'activity:3.2' */
  links: string[];
  created: string;
}

const example = { ar: '(مثال توضيحي)', fr: '(exemple fictif)', en: '(invented example)' };

export const settatOpinions: SeedOpinion[] = [
  {
    number: 1,
    year: 2024,
    origin: 'president',
    status: 'published',
    requested: '2024-03-18',
    adopted: '2024-04-22',
    published: '2024-04-25',
    transmitted: '2024-05-06',
    created: '2024-03-25',
    subject: {
      ar: 'ولوج النساء إلى خدمات الجماعة وخدماتها الرقمية',
      fr: "L'accès des femmes aux services de la commune et à ses services numériques",
      en: "Women's access to the commune's services and its digital services",
    },
    session: { ar: 'دورة ماي 2024: نقطة رقمنة الخدمات الجماعية', fr: 'Session de mai 2024 : point sur la digitalisation des services communaux', en: "May 2024 session: item on the digitalisation of the commune's services" },
    body: {
      ar: 'تلاحظ الهيئة أن النساء، ولا سيما في الأحياء الهامشية والدواوير، أقل استعمالا للخدمات الرقمية للجماعة بسبب ضعف الولوج إلى الأنترنت وقلة المواكبة. وتوصي بإحداث شباك للمواكبة الرقمية بفضاء الاستقبال تؤطره موظفات، وبتنظيم حملات تحسيسية موجهة للنساء بالدارجة والأمازيغية، وبتتبع عدد المستفيدات من الخدمات الرقمية حسب النوع.',
      fr: "L'Instance constate que les femmes, surtout dans les quartiers périphériques et les douars, utilisent moins les services numériques de la commune, faute d'accès à Internet et d'accompagnement. Elle recommande d'ouvrir un guichet d'accompagnement numérique à l'espace d'accueil, tenu par des agentes, de mener des campagnes de sensibilisation destinées aux femmes en darija et en amazighe, et de suivre le nombre de bénéficiaires des services numériques par sexe.",
      en: "The Commission notes that women, especially in outlying neighbourhoods and villages, use the commune's digital services less, for lack of internet access and support. It recommends opening a digital support desk in the reception space, staffed by women officers, running awareness campaigns aimed at women in Darija and Amazigh, and following the number of users of the digital services by gender.",
    },
    response: {
      status: 'followed',
      on: '2024-05-14',
      decision: {
        ar: 'قرر المجلس إحداث شباك للمواكبة الرقمية بفضاء الاستقبال وإدراج حملات تحسيسية موجهة للنساء ضمن النشاط 3.2 من برنامج الانفتاح.',
        fr: "Le conseil a décidé d'ouvrir un guichet d'accompagnement numérique à l'espace d'accueil et d'inscrire des campagnes de sensibilisation destinées aux femmes dans l'activité 3.2 du programme d'ouverture.",
        en: 'The council decided to open a digital support desk in the reception space and to include awareness campaigns aimed at women in activity 3.2 of the openness programme.',
      },
    },
    links: ['project:3', 'activity:3.2'],
  },
  {
    number: 2,
    year: 2024,
    origin: 'council',
    status: 'published',
    requested: '2024-09-09',
    adopted: '2024-09-30',
    published: '2024-10-02',
    transmitted: '2024-10-07',
    created: '2024-09-12',
    subject: {
      ar: 'مشروع ميزانية 2025 من منظور النوع ومعايير الميزانية التشاركية',
      fr: 'Le projet de budget 2025 du point de vue du genre et les critères du budget participatif',
      en: 'The draft 2025 budget from a gender perspective and the participatory budget criteria',
    },
    session: { ar: 'دورة أكتوبر 2024: مشروع ميزانية 2025', fr: "Session d'octobre 2024 : projet de budget 2025", en: 'October 2024 session: draft 2025 budget' },
    body: {
      ar: 'توصي الهيئة بأن تتضمن ضوابط الميزانية التشاركية معايير مراعية للنوع في انتقاء المشاريع (أثر المشروع على النساء والفتيات، وسلامة الفضاءات العمومية، وقرب الخدمات)، وبتمثيلية متوازنة للنساء والشباب في لجنة الدراسة التقنية، وبترميز اعتمادات ميزانية 2025 حسب أثرها على النوع.',
      fr: "L'Instance recommande que le règlement du budget participatif comporte des critères sensibles au genre pour la sélection des projets (effet du projet pour les femmes et les filles, sécurité des espaces publics, proximité des services), une représentation équilibrée des femmes et des jeunes dans le comité d'étude technique, et le marquage des crédits du budget 2025 selon leur effet sur le genre.",
      en: "The Commission recommends that the participatory budget's rules include gender-sensitive criteria for selecting projects (the project's effect on women and girls, the safety of public spaces, the proximity of services), a balanced representation of women and young people on the technical review committee, and tagging the 2025 budget's appropriations by their effect on gender.",
    },
    response: {
      status: 'partly',
      on: '2025-02-10',
      reason: {
        ar: 'أخذ المجلس بمعايير النوع في انتقاء مشاريع الميزانية التشاركية وبالتمثيلية المتوازنة في لجنة الدراسة التقنية، ولم يأخذ بترميز الاعتمادات حسب النوع لأن منظومة التدبير المندمج للنفقات لا تتيح ذلك بعد؛ وسيعاد النظر فيه عند إعداد ميزانية 2026.',
        fr: "Le conseil a retenu les critères de genre pour la sélection des projets du budget participatif et la représentation équilibrée dans le comité d'étude technique ; il n'a pas retenu le marquage des crédits selon le genre, que le système de gestion intégrée des dépenses ne permet pas encore ; la question sera réexaminée lors de la préparation du budget 2026.",
        en: 'The council adopted the gender criteria for selecting participatory budget projects and the balanced representation on the technical review committee; it did not adopt tagging appropriations by gender, which the integrated expenditure management system does not allow yet; this will be reconsidered when the 2026 budget is prepared.',
      },
      decision: {
        ar: 'صادق المجلس في دورة فبراير 2025 على ضوابط الميزانية التشاركية متضمنة معايير النوع.',
        fr: 'Le conseil a adopté à sa session de février 2025 le règlement du budget participatif, critères de genre compris.',
        en: "At its February 2025 session the council adopted the participatory budget's rules, gender criteria included.",
      },
    },
    links: ['project:1', 'activity:1.4'],
  },
  {
    number: 1,
    year: 2025,
    origin: 'self',
    status: 'published',
    adopted: '2025-04-28',
    published: '2025-04-30',
    transmitted: '2025-05-05',
    created: '2025-03-20',
    subject: {
      ar: 'تكافؤ الفرص في الاستفادة من المرافق الرياضية الجماعية',
      fr: "L'égalité des chances dans l'accès aux équipements sportifs communaux",
      en: "Equal opportunities in access to the commune's sports facilities",
    },
    session: { ar: 'دورة ماي 2025', fr: 'Session de mai 2025', en: 'May 2025 session' },
    body: {
      ar: 'تلاحظ الهيئة أن الفتيات والنساء يستفدن قليلا من الملاعب والقاعات الرياضية الجماعية بسبب توزيع الحصص وغياب المرافق الملائمة. وتوصي بتخصيص حصص زمنية للفتيات والنساء، وبتجهيز مستودعات ملابس منفصلة، وبنشر جداول استعمال المرافق على بوابة الجماعة.',
      fr: "L'Instance constate que les filles et les femmes profitent peu des terrains et salles de sport communaux, du fait de la répartition des créneaux et de l'absence d'équipements adaptés. Elle recommande de réserver des créneaux aux filles et aux femmes, d'aménager des vestiaires séparés et de publier les plannings d'utilisation sur le portail de la commune.",
      en: "The Commission notes that girls and women make little use of the commune's sports grounds and halls, because of how time slots are shared and the lack of suitable facilities. It recommends reserving slots for girls and women, fitting separate changing rooms, and publishing the facilities' schedules on the commune's portal.",
    },
    links: [],
  },
  {
    number: 2,
    year: 2025,
    origin: 'self',
    status: 'draft',
    created: '2025-11-20',
    subject: {
      ar: 'ولوجية الفضاءات العمومية ولقاءات الحوار للأشخاص في وضعية إعاقة',
      fr: "L'accessibilité des espaces publics et des rencontres de dialogue aux personnes en situation de handicap",
      en: 'The accessibility of public spaces and dialogue meetings for people with disabilities',
    },
    body: {
      ar: 'مسودة قيد النقاش مع جمعيات الأحياء: ولوجية قاعات لقاءات الحوار (الولوج دون درج، الترجمة إلى لغة الإشارة، مكان مخصص للمرافقين)، وأرصفة الشوارع الرئيسية ومداخل المرافق الجماعية.',
      fr: "Projet en discussion avec les associations de quartier : l'accessibilité des salles des rencontres de dialogue (accès de plain-pied, interprétation en langue des signes, place pour les accompagnants), des trottoirs des grandes artères et des entrées des équipements communaux.",
      en: "Draft under discussion with neighbourhood associations: the accessibility of the dialogue meetings' rooms (step-free access, sign-language interpretation, room for companions), of the main streets' pavements and of the entrances to the commune's facilities.",
    },
    links: ['project:4', 'activity:4.1'],
  },
];

const l10n = (name: string, t: L10n | undefined) => ({ [`${name}_ar`]: t?.ar ?? null, [`${name}_fr`]: t?.fr ?? null, [`${name}_en`]: t?.en ?? null });
const noon = (day: string) => `${day}T11:00:00.000Z`;

export async function loadSettatOpinions(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return false;
    const already = await trx.selectFrom('ieecag_opinion').select('id').where('collectivity_id', '=', c.id).where('is_example', '=', 1).executeTakeFirst();
    if (already) return false;
    const programme = await trx.selectFrom('programme').select('id').where('collectivity_id', '=', c.id).where('start_year', '=', 2024).where('end_year', '=', 2025).orderBy('id').executeTakeFirst();
    const projects = programme
      ? await trx.selectFrom('project').select(['id', 'number']).where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).execute()
      : [];
    const activities = programme
      ? await trx
          .selectFrom('activity as a')
          .innerJoin('project as p', 'p.id', 'a.project_id')
          .select(['a.id', 'a.number', 'p.number as project'])
          .where('a.collectivity_id', '=', c.id)
          .where('a.programme_id', '=', programme.id)
          .execute()
      : [];
    const target = (ref: string): { kind: OpinionLinkKind; id: number } | null => {
      const [kind, key] = ref.split(':');
      if (kind === 'project') {
        const p = projects.find((x) => x.number === Number(key));
        return p ? { kind: 'project', id: p.id } : null;
      }
      const a = activities.find((x) => `${x.project}.${x.number}` === key);
      return a ? { kind: 'activity', id: a.id } : null;
    };
    for (const o of settatOpinions) {
      const updated = o.response ? o.response.on : (o.transmitted ?? o.published ?? o.created);
      const row = await trx
        .insertInto('ieecag_opinion')
        .values({
          collectivity_id: c.id,
          number: o.number,
          year: o.year,
          origin: o.origin,
          status: o.status,
          requested_on: o.requested ?? null,
          adopted_on: o.adopted ?? null,
          transmitted_on: o.transmitted ?? null,
          published_at: o.published ? noon(o.published) : null,
          response_status: o.response?.status ?? 'pending',
          response_on: o.response?.on ?? null,
          is_example: 1,
          created_by: null,
          created_at: noon(o.created),
          updated_at: noon(updated),
          subject_ar: `${o.subject.ar} ${example.ar}`,
          subject_fr: `${o.subject.fr} ${example.fr}`,
          subject_en: `${o.subject.en} ${example.en}`,
          ...l10n('council_session', o.session),
          ...l10n('body', o.body),
          ...l10n('response_reason', o.response?.reason),
          ...l10n('response_decision', o.response?.decision),
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      const links = o.links.map(target).filter((l) => l !== null);
      if (links.length > 0) {
        await trx
          .insertInto('ieecag_opinion_link')
          .values(links.map((l) => ({ collectivity_id: c.id, opinion_id: row.id, target_kind: l.kind, target_id: l.id })))
          .execute();
      }
    }
    return true;
  });
}
