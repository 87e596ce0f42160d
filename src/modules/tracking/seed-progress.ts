// Example progress of Settat's 2024–2025 programme, for the demo: dated progress notes that move
// the activities along (written through the tracking module's own command, so the activities'
// public history shows each change with its reason).
// Everything here is invented, plausible example data, flagged as such (is_demo, and the mark in
// each note and reason), never passed off as what Settat did. It agrees with the other modules'
// figures: the participatory-budget activities end when the 2025 round ran (budget seed), the
// advisory-opinion activity follows the commission's example opinions (ieecag module: 3 of 4
// transmitted), the portal activity the measurements in seed.ts (5 of 6 platforms), and the periodic dialogue meetings have not started: the six meetings of the
// dialogue module's demo were held one by one, before the mechanism's charter. Evidence is named in the note's text (a register,
// a page, minutes), never a made-up file. Loading again changes nothing.
import type { Actor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { casablancaToIso } from '../../platform/i18n/format.ts';
import type { ActivityStatus } from '../programme/progress.ts';
import { addProgressNote } from './commands/progress-note.ts';
import './tables.ts';

type L10n = { ar: string; fr: string; en: string };

/** The mark every example note and reason carries, as the demo proposals and budget projects do. */
export const demoMark: L10n = { ar: '(مثال توضيحي)', fr: '(exemple fictif)', en: '(invented example)' };

export interface SeedNote {
  /** project.activity, as in the matrix */
  activity: `${number}.${number}`;
  on: string;
  body: L10n;
  /** the progress and status the note sets (none: a note only) */
  progress?: number;
  status?: ActivityStatus;
  /** why the change, for the public history (in Arabic, as the commune's staff would write it) */
  reason?: string;
}

/** The demo's picture at the end of 2025: 9 activities done, 2 late with the reason, 1 not started. */
export const settatNotes: SeedNote[] = [
  // 1.1 digital awareness content on the participatory budget (2024)
  {
    activity: '1.1', on: '2024-04-15', progress: 40, status: 'in_progress',
    body: {
      ar: 'نشر أول ثلاثة مقاطع فيديو قصيرة وملصقات تفاعلية تشرح الميزانية التشاركية على البوابة الإلكترونية للجماعة وصفحتها على فيسبوك. الإثبات: المنشورات متاحة على صفحة الجماعة.',
      fr: 'Publication des trois premières courtes vidéos et infographies interactives expliquant le budget participatif sur le portail de la commune et sa page Facebook. Justificatif : les publications restent en ligne sur la page de la commune.',
      en: "The first three short videos and interactive infographics explaining the participatory budget published on the commune's portal and Facebook page. Evidence: the posts remain online on the commune's page.",
    },
    reason: 'انطلاق نشر المواد الرقمية',
  },
  {
    activity: '1.1', on: '2024-11-28', progress: 100, status: 'done',
    body: {
      ar: 'اكتملت السلسلة: ثمانية مقاطع فيديو ودليل مبسط للمواطن حول مراحل الميزانية التشاركية. الإثبات: صفحة «الميزانية التشاركية» بالبوابة الإلكترونية للجماعة.',
      fr: "Série achevée : huit vidéos et un guide simplifié du citoyen sur les étapes du budget participatif. Justificatif : la page « Budget participatif » du portail de la commune.",
      en: "Series completed: eight videos and a plain-language citizen's guide to the stages of the participatory budget. Evidence: the 'Participatory budget' page of the commune's portal.",
    },
    reason: 'اكتمال نشر المواد الرقمية',
  },
  // 1.2 meetings with students and at cultural events (2024)
  {
    activity: '1.2', on: '2024-03-20', progress: 30, status: 'in_progress',
    body: {
      ar: 'لقاء أول مع طلبة كلية العلوم القانونية والاقتصادية والاجتماعية بجامعة الحسن الأول حول الميزانية التشاركية. الإثبات: لائحة الحضور لدى مصلحة التواصل.',
      fr: "Première rencontre avec les étudiants de la Faculté des sciences juridiques, économiques et sociales de l'Université Hassan Ier sur le budget participatif. Justificatif : la liste de présence, au service de la communication.",
      en: 'A first meeting on the participatory budget with students of the Faculty of Law, Economics and Social Sciences of Hassan I University. Evidence: the attendance sheet, held by the communication department.',
    },
    reason: 'أول لقاء مع الطلبة',
  },
  {
    activity: '1.2', on: '2024-12-18', progress: 100, status: 'done',
    body: {
      ar: 'آخر لقاءات السنة برواق خلال اليوم العالمي للمهاجر، بعد لقاءات في ثلاث ثانويات وفي معرض الكتاب المحلي. الإثبات: تقرير مصلحة التواصل عن اللقاءات.',
      fr: "Dernière rencontre de l'année, avec un stand lors de la Journée internationale des migrants, après des rencontres dans trois lycées et au salon local du livre. Justificatif : le compte rendu des rencontres du service de la communication.",
      en: "The year's last meeting, a stand on International Migrants Day, after meetings in three secondary schools and at the local book fair. Evidence: the communication department's report on the meetings.",
    },
    reason: 'اكتمال برنامج اللقاءات التحسيسية',
  },
  // 1.3 training of elected members and staff (2024, Enabel)
  {
    activity: '1.3', on: '2024-06-27', progress: 50, status: 'in_progress',
    body: {
      ar: 'دورة تكوينية أولى لمدة يومين لفائدة المنتخبين والموظفين المعنيين حول مراحل الميزانية التشاركية، بتأطير من مؤسسة Enabel. الإثبات: لوائح الحضور وبرنامج الدورة.',
      fr: "Première session de formation de deux jours pour les élus et les fonctionnaires concernés sur les étapes du budget participatif, animée avec Enabel. Justificatif : les listes de présence et le programme de la session.",
      en: 'A first two-day training session for the elected members and staff concerned on the stages of the participatory budget, run with Enabel. Evidence: the attendance sheets and the session programme.',
    },
    reason: 'انعقاد الدورة التكوينية الأولى',
  },
  {
    activity: '1.3', on: '2024-10-10', progress: 100, status: 'done',
    body: {
      ar: 'دورة ثانية حول دراسة المشاريع المقترحة وتنظيم التصويت وتتبع التنفيذ. الإثبات: لوائح الحضور وتقرير التقييم الذي أعدته Enabel.',
      fr: "Seconde session sur l'examen des projets proposés, l'organisation du vote et le suivi de l'exécution. Justificatif : les listes de présence et le rapport d'évaluation d'Enabel.",
      en: "A second session on reviewing proposed projects, organising the vote and following the works. Evidence: the attendance sheets and Enabel's evaluation report.",
    },
    reason: 'انعقاد الدورة التكوينية الثانية',
  },
  // 1.4 the programme that prepares, runs, follows and evaluates the participatory budget:
  // carried through by the 2025 round of the budget module (information 1 Feb, vote in June,
  // results 1 July, works from 1 September)
  {
    activity: '1.4', on: '2024-09-30', progress: 40, status: 'in_progress',
    body: {
      ar: 'إعداد مشروع ميثاق الميزانية التشاركية وجدولتها الزمنية (الإخبار، تلقي المقترحات، الدراسة، التصويت، النتائج، التنفيذ) بدعم من Enabel. الإثبات: مشروع الميثاق المعروض على المكتب.',
      fr: "Projet de charte du budget participatif et calendrier (information, dépôt des propositions, examen, vote, résultats, exécution) préparés avec l'appui d'Enabel. Justificatif : le projet de charte soumis au bureau.",
      en: "Draft charter of the participatory budget and its calendar (information, submissions, review, vote, results, works) prepared with Enabel's support. Evidence: the draft charter put to the bureau.",
    },
    reason: 'إعداد ميثاق الميزانية التشاركية',
  },
  {
    activity: '1.4', on: '2025-02-01', progress: 60, status: 'in_progress',
    body: {
      ar: 'انطلاق الدورة الأولى «الميزانية التشاركية لجماعة سطات 2025» بمرحلة الإخبار؛ يمتد النشاط إلى ما بعد تاريخ نهايته المقرر ليواكب الدورة حتى النتائج. الإثبات: صفحة الدورة على المنصة.',
      fr: "Lancement de la première édition, « Budget participatif de la commune de Settat 2025 », par sa phase d'information ; l'activité se prolonge au-delà de sa fin prévue pour accompagner l'édition jusqu'aux résultats. Justificatif : la page de l'édition sur la plateforme.",
      en: "The first round, 'Settat participatory budget 2025', opens with its information phase; the activity runs past its planned end to carry the round through to its results. Evidence: the round's page on the platform.",
    },
    reason: 'انطلاق دورة 2025 للميزانية التشاركية بعد نهاية المدة المقررة للنشاط',
  },
  {
    activity: '1.4', on: '2025-07-01', progress: 100, status: 'done',
    body: {
      ar: 'نشر نتائج تصويت دورة 2025 (1100 ورقة تصويت) وإدراج المشاريع الفائزة في تنفيذ ميزانية الجماعة ابتداء من فاتح شتنبر 2025. الإثبات: صفحة النتائج على المنصة.',
      fr: "Publication des résultats du vote de l'édition 2025 (1 100 bulletins) et inscription des projets lauréats à l'exécution du budget de la commune à partir du 1er septembre 2025. Justificatif : la page des résultats sur la plateforme.",
      en: "The results of the 2025 round's vote (1,100 ballots) published, and the winning projects entered in the commune's budget for works from 1 September 2025. Evidence: the results page on the platform.",
    },
    reason: 'نشر نتائج دورة 2025',
  },
  // 2.1 the IEECAG's space on the commune's portal (2024)
  {
    activity: '2.1', on: '2024-02-29', progress: 50, status: 'in_progress',
    body: {
      ar: 'الاتفاق مع الهيئة على محتوى فضائها الإلكتروني: التركيبة، محاضر الاجتماعات، الآراء الاستشارية، وسيلة التواصل.',
      fr: "Contenu de l'espace électronique convenu avec l'Instance : composition, procès-verbaux des réunions, avis consultatifs, moyen de contact.",
      en: "The content of the Commission's online space agreed with it: members, minutes of meetings, advisory opinions, a way to contact it.",
    },
    reason: 'تحديد محتوى الفضاء الإلكتروني للهيئة',
  },
  {
    activity: '2.1', on: '2024-05-15', progress: 100, status: 'done',
    body: {
      ar: 'فضاء الهيئة متاح على البوابة الإلكترونية للجماعة، وتنشر فيه محاضرها وآراؤها. الإثبات: صفحة الهيئة بالبوابة.',
      fr: "L'espace de l'Instance est en ligne sur le portail de la commune, avec ses procès-verbaux et ses avis. Justificatif : la page de l'Instance sur le portail.",
      en: "The Commission's space is online on the commune's portal, with its minutes and opinions. Evidence: the Commission's page on the portal.",
    },
    reason: 'إطلاق فضاء الهيئة على البوابة',
  },
  // 2.2 training of the IEECAG (2024, Enabel)
  {
    activity: '2.2', on: '2024-04-25', progress: 50, status: 'in_progress',
    body: {
      ar: 'دورة تكوينية أولى لأعضاء الهيئة حول الميزانية المستجيبة للنوع. الإثبات: لائحة الحضور.',
      fr: "Première session de formation des membres de l'Instance sur la budgétisation sensible au genre. Justificatif : la liste de présence.",
      en: "A first training session for the Commission's members on gender-responsive budgeting. Evidence: the attendance sheet.",
    },
    reason: 'انعقاد الدورة التكوينية الأولى للهيئة',
  },
  {
    activity: '2.2', on: '2024-11-14', progress: 100, status: 'done',
    body: {
      ar: 'دورة ثانية حول صياغة الآراء الاستشارية وتتبع أخذ المجلس بها. الإثبات: لائحة الحضور وتقرير Enabel.',
      fr: "Seconde session sur la rédaction des avis consultatifs et le suivi de leur prise en compte par le conseil. Justificatif : la liste de présence et le rapport d'Enabel.",
      en: "A second session on drafting advisory opinions and following how the council takes them up. Evidence: the attendance sheet and Enabel's report.",
    },
    reason: 'انعقاد الدورة التكوينية الثانية للهيئة',
  },
  // 2.3 an office for the IEECAG (2024)
  {
    activity: '2.3', on: '2024-02-15', progress: 100, status: 'done',
    body: {
      ar: 'تخصيص مكتب مجهز للهيئة بملحقة مقر الجماعة بقرار من رئيس المجلس. الإثبات: قرار التخصيص.',
      fr: "Un bureau équipé attribué à l'Instance dans l'annexe de l'hôtel de ville, par arrêté du président du conseil. Justificatif : l'arrêté d'attribution.",
      en: "A furnished office assigned to the Commission in the town hall's annex, by decision of the council's president. Evidence: the decision.",
    },
    reason: 'تخصيص مكتب للهيئة',
  },
  // 2.4 the IEECAG's advisory opinions (2024–2025): 1, 2, 3 of the 4 aimed at (ieecag/seed/opinions.ts)
  {
    activity: '2.4', on: '2024-06-30', progress: 25, status: 'in_progress',
    body: {
      ar: 'قدمت الهيئة رأيها الاستشاري الأول، حول ولوج النساء إلى خدمات الجماعة، إلى المجلس في دورة ماي 2024. الإثبات: سجل الآراء الاستشارية للهيئة.',
      fr: "L'Instance a remis au conseil, lors de la session de mai 2024, son premier avis consultatif, sur l'accès des femmes aux services de la commune. Justificatif : le registre des avis consultatifs de l'Instance.",
      en: "The Commission submitted its first advisory opinion, on women's access to the commune's services, to the council's May 2024 session. Evidence: the register of the Commission's advisory opinions.",
    },
    reason: 'الرأي الاستشاري الأول للهيئة',
  },
  {
    activity: '2.4', on: '2024-12-31', progress: 50, status: 'in_progress',
    body: {
      ar: 'الرأي الاستشاري الثاني، حول مشروع ميزانية 2025 من منظور النوع، قدم في دورة أكتوبر 2024. الإثبات: سجل الآراء الاستشارية للهيئة.',
      fr: "Deuxième avis consultatif, sur le projet de budget 2025 du point de vue du genre, remis lors de la session d'octobre 2024. Justificatif : le registre des avis consultatifs de l'Instance.",
      en: 'The second advisory opinion, on the draft 2025 budget from a gender perspective, submitted at the October 2024 session. Evidence: the register of the Commission\'s advisory opinions.',
    },
    reason: 'الرأي الاستشاري الثاني للهيئة',
  },
  {
    activity: '2.4', on: '2025-06-30', progress: 75, status: 'in_progress',
    body: {
      ar: 'الرأي الاستشاري الثالث، حول تكافؤ الفرص في الاستفادة من المرافق الرياضية، قدم في دورة ماي 2025. الإثبات: سجل الآراء الاستشارية للهيئة.',
      fr: "Troisième avis consultatif, sur l'égalité des chances dans l'accès aux équipements sportifs, remis lors de la session de mai 2025. Justificatif : le registre des avis consultatifs de l'Instance.",
      en: 'The third advisory opinion, on equal access to sports facilities, submitted at the May 2025 session. Evidence: the register of the Commission\'s advisory opinions.',
    },
    reason: 'الرأي الاستشاري الثالث للهيئة',
  },
  {
    activity: '2.4', on: '2025-12-15', status: 'delayed',
    body: {
      ar: 'تأخر الرأي الاستشاري الرابع، حول ولوجية الفضاءات العمومية للأشخاص في وضعية إعاقة: لم يكتمل في أجل دورة أكتوبر 2025 لأن الهيئة وسعت استشارتها إلى جمعيات الأحياء، وتعتزم تقديمه في دورة فبراير 2026.',
      fr: "Le quatrième avis consultatif, sur l'accessibilité des espaces publics aux personnes en situation de handicap, est en retard : il n'était pas prêt pour la session d'octobre 2025, l'Instance ayant élargi sa consultation aux associations de quartier ; elle prévoit de le remettre à la session de février 2026.",
      en: "The fourth advisory opinion, on the accessibility of public spaces for people with disabilities, is late: it was not ready for the October 2025 session because the Commission widened its consultation to neighbourhood associations; it plans to submit it at the February 2026 session.",
    },
    reason: 'تأخر الرأي الاستشاري الرابع إلى دورة فبراير 2026',
  },
  // 3.1 the official platforms (2024–2025): the share joined, counted by the services module from
  // the memberships of its demo (services/seed/settat.ts): 2, 4, then 6 of the 7, Watiqa missing
  {
    activity: '3.1', on: '2024-03-31', progress: 29, status: 'in_progress',
    body: {
      ar: 'المصالح الجماعية تعمل بمنصتين من سبع: البوابة الإلكترونية للجماعة ومنصة الشكايات (شكاية). الإثبات: جرد مصلحة المعلوميات.',
      fr: "Les services de la commune utilisent deux plateformes sur sept : le portail de la commune et la plateforme des réclamations (Chikaya). Justificatif : l'inventaire du service informatique.",
      en: "The commune's departments use two platforms of seven: the commune's portal and the complaints platform (Chikaya). Evidence: the IT department's inventory.",
    },
    reason: 'جرد المنصات الرقمية المعتمدة',
  },
  {
    activity: '3.1', on: '2024-12-31', progress: 57, status: 'in_progress',
    body: {
      ar: 'انضمام الجماعة إلى منصة رخص (التعمير والأنشطة الاقتصادية) وبوابة الحق في الحصول على المعلومات (شفافية): أربع منصات من سبع. الإثبات: جرد مصلحة المعلوميات.',
      fr: "La commune a rejoint Rokhas (urbanisme et activités économiques) et le portail du droit d'accès à l'information (Chafafiya) : quatre plateformes sur sept. Justificatif : l’inventaire du service informatique.",
      en: "The commune joined Rokhas (planning and business permits) and the right-to-information portal (Chafafiya): four platforms of seven. Evidence: the IT department's inventory.",
    },
    reason: 'الانضمام إلى منصتين جديدتين',
  },
  {
    activity: '3.1', on: '2025-09-30', progress: 86, status: 'in_progress',
    body: {
      ar: 'انضمام الجماعة إلى منظومة التدبير المندمج للنفقات وبوابة الصفقات العمومية: ست منصات من سبع. الإثبات: جرد مصلحة المعلوميات.',
      fr: "La commune a rejoint la gestion intégrée de la dépense (GID-CL) et le portail des marchés publics : six plateformes sur sept. Justificatif : l'inventaire du service informatique.",
      en: "The commune joined the integrated expenditure management (GID-CL) and the public procurement portal: six platforms of seven. Evidence: the IT department's inventory.",
    },
    reason: 'الانضمام إلى منصتين جديدتين',
  },
  {
    activity: '3.1', on: '2025-12-20', status: 'delayed',
    body: {
      ar: 'تأخر الانضمام إلى المنصة السابعة، وثيقة (طلب وثائق الحالة المدنية عن بعد): يتوقف على رقمنة سجلات الحالة المدنية للجماعة، المبرمجة مع المديرية العامة للجماعات الترابية سنة 2026.',
      fr: "L'adhésion à la septième plateforme, Watiqa (actes d'état civil en ligne), est en retard : elle attend la numérisation des registres d'état civil de la commune, programmée avec la DGCT en 2026.",
      en: "Joining the seventh platform, Watiqa (civil-status documents online), is late: it waits for the digitisation of the commune's civil-status registers, scheduled with the DGCT for 2026.",
    },
    reason: 'تأخر المنصة السابعة إلى 2026',
  },
  // 3.2 awareness campaigns on the commune's digital services (2024)
  {
    activity: '3.2', on: '2024-06-20', progress: 40, status: 'in_progress',
    body: {
      ar: 'حملة أولى بمكاتب الاستقبال ومكاتب الحالة المدنية حول منصة رخص وبوابة الصفقات العمومية: مطويات وشاشة عرض. الإثبات: نموذج المطوية.',
      fr: "Première campagne aux guichets d'accueil et d'état civil sur Rokhas et le portail des marchés publics : dépliants et écran d'information. Justificatif : le modèle du dépliant.",
      en: "A first campaign at the reception and civil-registry desks on Rokhas and the procurement portal: leaflets and an information screen. Evidence: the leaflet.",
    },
    reason: 'انطلاق الحملة التحسيسية الأولى',
  },
  {
    activity: '3.2', on: '2024-12-10', progress: 100, status: 'done',
    body: {
      ar: 'حملة ثانية عبر الإذاعة الجهوية ومواقع التواصل حول منصتي شكاية ووثيقتي. الإثبات: تسجيل الفقرة الإذاعية والمنشورات.',
      fr: 'Seconde campagne à la radio régionale et sur les réseaux sociaux, sur Chikaya et Watiqa. Justificatif : l’enregistrement de l’émission et les publications.',
      en: 'A second campaign on regional radio and social media, on Chikaya and Watiqa. Evidence: the recording of the radio spot and the posts.',
    },
    reason: 'اكتمال الحملات التحسيسية',
  },
  // 4.1 periodic meetings with local actors (2024–2025): not started as a cycle; the indicator
  // counts the dialogue module's meetings held, the six example ones of 2024–2025 (dialogue/seed)
  {
    activity: '4.1', on: '2025-10-31',
    body: {
      ar: 'عُقدت ستة لقاءات تواصلية مع الفاعلين المحليين كل على حدة (انظر صفحة اللقاءات)، لكن اللقاءات الدورية لم تنطلق بعد: ينتظر ميثاق آلية الحوار (التركيبة، الوتيرة، طريقة التوثيق) مصادقة المجلس، المبرمجة في دورة فبراير 2026.',
      fr: "Six rencontres avec les acteurs locaux ont eu lieu une à une (voir la page des rencontres), mais les rencontres périodiques n'ont pas commencé : la charte du mécanisme de dialogue (composition, fréquence, compte rendu) attend l'approbation du conseil, prévue à la session de février 2026.",
      en: "Six meetings with local actors were held one by one (see the meetings page), but the periodic meetings have not started: the charter of the dialogue mechanism (membership, frequency, records) awaits the council's approval, planned for the February 2026 session.",
    },
  },
  // 4.2 the yearly evaluation of the commune's action plan (PAC)
  {
    activity: '4.2', on: '2025-03-31', progress: 50, status: 'in_progress',
    body: {
      ar: 'نشر تقييم سنة 2024 لبرنامج عمل الجماعة على البوابة الإلكترونية بعد عرضه في دورة فبراير 2025. الإثبات: وثيقة التقييم المنشورة.',
      fr: "Évaluation 2024 du programme d'action de la commune publiée sur le portail après sa présentation à la session de février 2025. Justificatif : le document d'évaluation publié.",
      en: "The 2024 evaluation of the commune's action plan published on the portal after being presented at the February 2025 session. Evidence: the published evaluation.",
    },
    reason: 'نشر تقييم سنة 2024',
  },
  {
    activity: '4.2', on: '2025-11-20', progress: 100, status: 'done',
    body: {
      ar: 'نشر تقييم منتصف المدة لبرنامج عمل الجماعة (2022–2025) بعد عرضه في دورة أكتوبر 2025. الإثبات: وثيقة التقييم المنشورة.',
      fr: "Évaluation à mi-parcours du programme d'action de la commune (2022–2025) publiée après sa présentation à la session d'octobre 2025. Justificatif : le document d'évaluation publié.",
      en: "The mid-term evaluation of the commune's action plan (2022–2025) published after being presented at the October 2025 session. Evidence: the published evaluation.",
    },
    reason: 'نشر تقييم منتصف المدة',
  },
];

// The demo is loaded by no account: its change-log entries keep a role and no user id.
const demoActor: Actor = { userId: null, role: 'focal_point' };

const withMark = (text: string, locale: keyof L10n) => `${text} ${demoMark[locale]}`;

/** Loads the example progress into Settat's 2024–2025 programme; false when it is already there. */
export async function loadSettatProgress(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return false;
    const programme = await trx.selectFrom('programme').selectAll().where('collectivity_id', '=', c.id).where('start_year', '=', 2024).where('end_year', '=', 2025).orderBy('id').executeTakeFirst();
    if (!programme) return false;
    // only onto the programme as the demo loads it: no note yet (the example's or staff's) and
    // every activity as the document has it, so that a programme in real use is never touched
    const noted = await trx.selectFrom('progress_note').select('id').where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).executeTakeFirst();
    const moved = await trx
      .selectFrom('activity')
      .select('id')
      .where('collectivity_id', '=', c.id)
      .where('programme_id', '=', programme.id)
      .where((eb) => eb.or([eb('status', '!=', 'planned'), eb('progress', '!=', 0)]))
      .executeTakeFirst();
    if (noted || moved) return false;
    const activities = await trx
      .selectFrom('activity as a')
      .innerJoin('project as p', 'p.id', 'a.project_id')
      .select(['a.id', 'a.number', 'p.number as project'])
      .where('a.collectivity_id', '=', c.id)
      .where('a.programme_id', '=', programme.id)
      .execute();
    const activityId = (key: string) => {
      const a = activities.find((x) => `${x.project}.${x.number}` === key);
      if (!a) throw new Error(`demo progress: no activity ${key}`);
      return a.id;
    };
    const lastLogId = async () => (await trx.selectFrom('change_log').select((eb) => eb.fn.max('id').as('id')).where('collectivity_id', '=', c.id).executeTakeFirst())?.id ?? 0;

    for (const n of [...settatNotes].sort((a, b) => a.on.localeCompare(b.on))) {
      const since = Number(await lastLogId());
      const scope = {
        actor: demoActor,
        collectivityId: c.id,
        programme,
        reason: n.reason ? `${n.reason} (مثال توضيحي · exemple fictif)` : null,
      };
      const input = {
        noted_on: n.on,
        body_ar: withMark(n.body.ar, 'ar'),
        body_fr: withMark(n.body.fr, 'fr'),
        body_en: withMark(n.body.en, 'en'),
        progress: n.progress ?? null,
        status: n.status ?? null,
      };
      const result = await addProgressNote(trx, scope, activityId(n.activity), input, []);
      if (!result || !result.ok) throw new Error(`demo progress: note on ${n.activity} refused: ${JSON.stringify(result && !result.ok ? result.errors : null)}`);
      // The command stamps rows with the time of loading; the demo dates them as they would
      // have been (the yearly report reads past states from the history's dates).
      const at = casablancaToIso(`${n.on}T10:00`);
      await trx.updateTable('progress_note').set({ is_demo: 1, created_at: at }).where('collectivity_id', '=', c.id).where('id', '=', result.value).execute();
      await trx.updateTable('change_log').set({ at }).where('collectivity_id', '=', c.id).where('id', '>', since).execute();
    }

    return true;
  });
}
