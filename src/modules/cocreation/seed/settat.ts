// Co-creation of Settat's programme, from the seed document (stages, committee decision no. 93,
// the 2023-05-17 workshop, the online call of 9–14 June 2023, the consultation on the draft).
// The counts are the document's; the individual proposals and contributions are invented,
// plausible examples (marked as demo data), since the document publishes only their numbers.
import type { L10n } from '../../programme/seed/types.ts';

export interface SeedStage {
  kind: string;
  startsOn: string;
  endsOn?: string;
  monthOnly?: boolean;
  title: L10n;
}

export interface SeedProposal {
  axis: number;
  title: string;
  body: string;
}

const l = (ar: string, fr: string, en: string): L10n => ({ ar, fr, en });

export const settatStages: SeedStage[] = [
  { kind: 'information_meeting', startsOn: '2023-04-28', title: l('لقاء تواصلي بمقر الجهة حول برنامج الجماعات الترابية المنفتحة', "Réunion d'information au siège de la région sur le programme des collectivités territoriales ouvertes", 'Information meeting at the region on the open territorial collectivities programme') },
  { kind: 'committee_creation', startsOn: '2023-05-08', title: l('إحداث لجنة تتبع إعداد وتنفيذ وتقييم البرنامج (القرار رقم 93)', 'Création du comité de suivi de la préparation, de la mise en œuvre et de l’évaluation du programme (arrêté n° 93)', 'Creation of the committee for the preparation, implementation and evaluation of the programme (decision no. 93)') },
  { kind: 'invitations', startsOn: '2023-05-11', title: l('إرسال دعوات الورشة وإصدار بلاغ حولها', "Envoi des invitations à l'atelier et publication d'un communiqué", 'Workshop invitations sent and press release issued') },
  { kind: 'workshop', startsOn: '2023-05-17', title: l('ورشة الإعداد المشترك وجمع الأفكار بالجماعة', "Atelier de co-création et de collecte d'idées à la commune", 'Co-creation workshop and collection of ideas at the commune') },
  { kind: 'call_for_proposals', startsOn: '2023-06-09', endsOn: '2023-06-14', title: l('إعلان تلقي الأفكار والاقتراحات عبر المنصة الرقمية', "Appel à idées et propositions sur la plateforme numérique", 'Call for ideas and proposals on the online platform') },
  { kind: 'committee_meeting', startsOn: '2023-06-15', title: l('اجتماع لجنة تتبع إعداد برنامج الانفتاح لدراسة الأفكار والمقترحات', 'Réunion du comité de suivi pour étudier les idées et propositions', 'Monitoring committee meeting to study the ideas and proposals') },
  { kind: 'draft', startsOn: '2023-06-16', title: l('مسودة المشاريع', 'Projet de programme (avant-projets)', 'Draft projects') },
  { kind: 'consultation_workshop', startsOn: '2023-07-06', title: l('ورشة التشاور حول مسودة البرنامج', 'Atelier de concertation sur le projet de programme', 'Consultation workshop on the draft programme') },
  { kind: 'online_consultation', startsOn: '2023-07-13', title: l('التشاور حول مسودة البرنامج عبر المنصة الرقمية', 'Concertation en ligne sur le projet de programme', 'Online consultation on the draft programme') },
  { kind: 'bureau_adoption', startsOn: '2023-07-13', title: l('اعتماد البرنامج من طرف المكتب وتسجيله كنقطة في جدول أعمال دورة أكتوبر', "Adoption du programme par le bureau et inscription à l'ordre du jour de la session d'octobre", "Adoption by the bureau and inscription on the October session's agenda") },
  { kind: 'commission_study', startsOn: '2023-09-11', title: l('دراسة البرنامج من طرف اللجنة الدائمة المختصة', 'Examen du programme par la commission permanente compétente', 'Study of the programme by the competent standing committee') },
  { kind: 'council_vote', startsOn: '2023-10-01', monthOnly: true, title: l('مصادقة مجلس الجماعة على البرنامج خلال دورة أكتوبر 2023', "Adoption du programme par le conseil communal lors de la session d'octobre 2023", 'Adoption by the municipal council at the October 2023 session') },
];

export const settatCommittee = {
  name: l('لجنة تتبع إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة', "Comité de suivi de la préparation, de la mise en œuvre et de l'évaluation du programme d'ouverture de la commune", "Committee for the preparation, implementation and evaluation of the commune's openness programme"),
  decisionNumber: '93',
  decisionDate: '2023-05-08',
  decisionText: l(
    'قرار رئيس المجلس الجماعي رقم 93 بتاريخ 08 ماي 2023 بإحداث لجنة تتبع إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة، تتكون من رئيس المجلس رئيسا، ومدير المصالح الجماعية ونقطة الارتكاز وأربعة ممثلين عن هيئة المساواة وتكافؤ الفرص ومقاربة النوع أعضاء. تعقد اللجنة اجتماعاتها بصفة دورية وكلما دعت الضرورة إلى ذلك.',
    "Arrêté n° 93 du président du conseil communal du 8 mai 2023 créant le comité de suivi de la préparation, de la mise en œuvre et de l'évaluation du programme d'ouverture : le président du conseil (président), le directeur des services communaux, le point focal et quatre représentants de l'IEECAG (membres). Le comité se réunit périodiquement et chaque fois que nécessaire.",
    'Decision no. 93 of the council president, 8 May 2023, creating the committee for the preparation, implementation and evaluation of the openness programme: the council president (chair), the director of municipal services, the focal point and four representatives of the IEECAG (members). The committee meets periodically and whenever needed.',
  ),
  members: [
    { name: 'المصطفى التاكوي', role: 'chair', ieecag: false, title: l('رئيس مجلس جماعة سطات', 'Président du conseil communal de Settat', 'President of the Settat municipal council') },
    { name: 'بوبكر ذاكير', role: 'member', ieecag: false, title: l('مدير المصالح الجماعية', 'Directeur des services communaux', 'Director of municipal services') },
    { name: 'رشيد عايش', role: 'member', ieecag: false, title: l('نقطة ارتكاز الجماعة في البرنامج', 'Point focal de la commune pour le programme', "The commune's focal point for the programme") },
    { name: 'عائشة بلوردة', role: 'member', ieecag: true, title: l('مقررة هيئة المساواة وتكافؤ الفرص ومقاربة النوع', "Rapporteuse de l'IEECAG", 'Rapporteur of the IEECAG') },
    { name: 'زهراء نبتي', role: 'member', ieecag: true, title: l('عضوة هيئة المساواة وتكافؤ الفرص ومقاربة النوع', "Membre de l'IEECAG", 'Member of the IEECAG') },
    { name: 'عبد الهادي بوشنياطة', role: 'member', ieecag: true, title: l('عضو هيئة المساواة وتكافؤ الفرص ومقاربة النوع', "Membre de l'IEECAG", 'Member of the IEECAG') },
    { name: 'رشيد معاش', role: 'member', ieecag: true, title: l('عضو هيئة المساواة وتكافؤ الفرص ومقاربة النوع', "Membre de l'IEECAG", 'Member of the IEECAG') },
  ],
};

export const settatEvents = {
  information: { kind: 'information_meeting', heldOn: '2023-04-28', title: l('لقاء تواصلي حول برنامج الجماعات الترابية المنفتحة', "Réunion d'information sur le programme des collectivités ouvertes", 'Information meeting on the open collectivities programme'), place: l('مقر جهة الدار البيضاء سطات', 'Siège de la région Casablanca-Settat', 'Casablanca-Settat region headquarters') },
  workshop: {
    kind: 'workshop',
    heldOn: '2023-05-17',
    title: l('ورشة الإعداد المشترك لبرنامج انفتاح جماعة سطات', "Atelier de co-création du programme d'ouverture de la commune de Settat", "Co-creation workshop of Settat's openness programme"),
    place: l('مقر جماعة سطات', 'Siège de la commune de Settat', 'Settat town hall'),
    attendance: { total: 43, women: 22, ieecag: 11 },
  },
  committeeMeeting: { kind: 'committee_meeting', heldOn: '2023-06-15', title: l('اجتماع لجنة تتبع إعداد برنامج الانفتاح', 'Réunion du comité de suivi', 'Monitoring committee meeting'), place: l('مقر جماعة سطات', 'Siège de la commune de Settat', 'Settat town hall') },
  consultation: { kind: 'consultation_workshop', heldOn: '2023-07-06', title: l('ورشة التشاور حول مسودة مشاريع برنامج الانفتاح', 'Atelier de concertation sur le projet de programme', 'Consultation workshop on the draft programme'), place: l('مقر جماعة سطات', 'Siège de la commune de Settat', 'Settat town hall') },
};

export const settatCall = {
  // 9 June 2023 00:00 to 14 June 2023 23:59, Casablanca time (UTC+1 then)
  opensAt: '2023-06-08T23:00:00.000Z',
  closesAt: '2023-06-14T22:59:59.000Z',
  title: l('إعلان للعموم: تلقي الاقتراحات والأفكار حول محاور برنامج انفتاح جماعة سطات', "Avis au public : appel à propositions et idées sur les axes du programme d'ouverture de la commune de Settat", "Public notice: call for proposals and ideas on the axes of Settat's openness programme"),
  body: l(
    'تنزيلا لبرنامج الشبكة المغربية للجماعات الترابية المنفتحة، الذي يأتي تعزيزا لمبادئ الشفافية، المساءلة، المشاركة المواطنة والرقمنة، وفي إطار إعداد جماعة سطات لبرنامج الانفتاح الخاص بها، ينهي رئيس المجلس الجماعي لسطات إلى عموم المواطنين والمواطنات وجمعيات المجتمع المدني بسطات أنه قد تم فتح الفضاء الإلكتروني الخاص بجماعة سطات من أجل تلقي الاقتراحات والأفكار حول المحاور الأربعة التالية: الرقمنة؛ الميزانية التشاركية؛ تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع؛ خلق آلية دائمة للتحاور. وذلك ابتداء من يوم الجمعة 09 يونيو 2023 إلى غاية يوم الأربعاء 14 يونيو 2023.',
    "Dans le cadre de la mise en œuvre du programme du Réseau Marocain des Collectivités Territoriales Ouvertes, qui renforce les principes de transparence, de redevabilité, de participation citoyenne et de digitalisation, et de la préparation de son programme d'ouverture, le président du conseil communal de Settat informe les citoyennes, les citoyens et les associations de la société civile de Settat de l'ouverture de l'espace électronique de la commune pour recevoir leurs propositions et idées sur les quatre axes suivants : la digitalisation ; le budget participatif ; le renforcement du rôle de l'IEECAG ; la création d'un mécanisme permanent de dialogue. Du vendredi 9 juin 2023 au mercredi 14 juin 2023.",
    "As part of the programme of the Moroccan Network of Open Territorial Collectivities, which strengthens transparency, accountability, citizen participation and digitalisation, and of the preparation of its openness programme, the president of the Settat municipal council informs the citizens and civil-society associations of Settat that the commune's online space is open to receive their proposals and ideas on four axes: digitalisation; the participatory budget; strengthening the role of the IEECAG; creating a permanent dialogue mechanism. From Friday 9 June 2023 to Wednesday 14 June 2023.",
  ),
};

// Axis numbers of the programme: 1 participatory budget, 2 IEECAG, 3 digitalisation, 4 dialogue.
/** 14 ideas expressed at the 2023-05-17 workshop: digitalisation 5, participatory budget 4, dialogue 3, IEECAG 2. */
export const settatWorkshopProposals: SeedProposal[] = [
  { axis: 3, title: 'طلب وثائق الحالة المدنية عن بعد', body: 'تمكين المواطنين من طلب نسخ عقود الازدياد والشهادات الإدارية عبر الإنترنت وتتبع الطلب دون التنقل إلى المقاطعة.' },
  { axis: 3, title: 'موعد إلكتروني لمكاتب تصحيح الإمضاء', body: 'نظام لحجز موعد عبر الهاتف أو الإنترنت لتفادي الاكتظاظ والانتظار الطويل أمام مكاتب تصحيح الإمضاءات.' },
  { axis: 3, title: 'نشر قرارات المجلس ومحاضر الدورات على البوابة', body: 'نشر جداول أعمال الدورات ومحاضرها والقرارات المتخذة على البوابة الإلكترونية للجماعة في آجال معقولة.' },
  { axis: 3, title: 'شبابيك رقمية في الملحقات الإدارية', body: 'وضع حواسيب مع مرافقين في الملحقات الإدارية لمساعدة من لا يتقن استعمال الإنترنت على الولوج إلى الخدمات الرقمية.' },
  { axis: 3, title: 'تتبع رخص البناء عبر منصة رخص', body: 'تعميم استعمال منصة رخص وإخبار المرتفقين بمراحل دراسة ملفاتهم برسائل قصيرة.' },
  { axis: 1, title: 'تخصيص جزء من الميزانية لمشاريع يقترحها السكان', body: 'تخصيص نسبة من ميزانية التجهيز لمشاريع القرب التي يقترحها ويختارها سكان الأحياء.' },
  { axis: 1, title: 'لقاءات تحسيسية حول الميزانية الجماعية', body: 'تنظيم لقاءات في الأحياء لشرح موارد الجماعة ونفقاتها بلغة بسيطة قبل إعداد الميزانية.' },
  { axis: 1, title: 'إشراك الشباب في اختيار مشاريع الملاعب والفضاءات', body: 'استشارة شباب الأحياء في اختيار مواقع ملاعب القرب والفضاءات الخضراء.' },
  { axis: 1, title: 'نشر ميزانية مبسطة للمواطن', body: 'إعداد وثيقة مبسطة ومصورة للميزانية السنوية ونشرها ورقيا وإلكترونيا.' },
  { axis: 4, title: 'لقاءات دورية بين المنتخبين وجمعيات الأحياء', body: 'عقد لقاء كل ثلاثة أشهر بين المنتخبين وممثلي جمعيات الأحياء لتتبع المشاكل والحلول.' },
  { axis: 4, title: 'فضاء لاستقبال المواطنين بالجماعة', body: 'تخصيص فضاء وأوقات محددة لاستقبال المواطنين والاستماع إلى شكاياتهم واقتراحاتهم.' },
  { axis: 4, title: 'نشر حصيلة عمل المجلس سنويا', body: 'تقديم حصيلة سنوية لأعمال المجلس في لقاء مفتوح ونشرها على الموقع.' },
  { axis: 2, title: 'تكوين أعضاء هيئة المساواة في إعداد الآراء الاستشارية', body: 'دورات تكوينية لأعضاء الهيئة حول مقاربة النوع وصياغة الآراء الاستشارية.' },
  { axis: 2, title: 'مقر قار لهيئة المساواة وتكافؤ الفرص', body: 'تخصيص مكتب مجهز للهيئة لعقد اجتماعاتها واستقبال الجمعيات.' },
];

/** 17 ideas received on the online platform, 9–14 June 2023: digitalisation 9, participatory budget 1, dialogue 5, IEECAG 2. */
export const settatOnlineProposals: SeedProposal[] = [
  { axis: 3, title: 'أداء الرسوم الجماعية عبر الإنترنت', body: 'إمكانية أداء الرسوم والضرائب الجماعية بالبطاقة البنكية أو الهاتف دون التنقل.' },
  { axis: 3, title: 'تطبيق هاتفي للتبليغ عن أعطاب الإنارة العمومية', body: 'تطبيق بسيط يسمح بإرسال صورة وموقع العطب ومتابعة إصلاحه.' },
  { axis: 3, title: 'ربط الجماعة بمنصة الشكايات الوطنية', body: 'الانخراط في منصة الشكايات والرد على شكايات المواطنين داخل الآجال.' },
  { axis: 3, title: 'نشر المعطيات المفتوحة للجماعة', body: 'نشر معطيات الصفقات والميزانية والممتلكات الجماعية بصيغ قابلة لإعادة الاستعمال.' },
  { axis: 3, title: 'شهادة السكنى عبر الإنترنت', body: 'تقديم طلب شهادة السكنى والإدارية عن بعد مع إشعار عند الجاهزية.' },
  { axis: 3, title: 'صفحة رسمية محينة للجماعة على مواقع التواصل', body: 'التواصل المنتظم حول الأشغال وانقطاعات الخدمات عبر صفحة رسمية.' },
  { axis: 3, title: 'تكوين الموظفين على الأدوات الرقمية', body: 'برنامج تكوين للموظفين على استعمال المنصات الرقمية الرسمية.' },
  { axis: 3, title: 'رقمنة أرشيف الحالة المدنية', body: 'رقمنة السجلات القديمة لتسريع استخراج الوثائق وحمايتها من التلف.' },
  { axis: 3, title: 'ولوج المعلومات عبر منصة شفافية', body: 'تعيين مسؤول عن طلبات الحصول على المعلومات والرد عليها عبر المنصة الوطنية.' },
  { axis: 1, title: 'تصويت السكان على مشاريع الأحياء', body: 'تنظيم تصويت سنوي يختار فيه السكان مشاريع أحيائهم ضمن غلاف مالي محدد.' },
  { axis: 4, title: 'مجلس استشاري للشباب', body: 'إحداث مجلس للشباب يقدم رأيه في البرامج التي تهمهم.' },
  { axis: 4, title: 'بث دورات المجلس مباشرة', body: 'بث الدورات العمومية للمجلس عبر الإنترنت ليتابعها المواطنون.' },
  { axis: 4, title: 'استمارة رأي بعد كل مشروع', body: 'استطلاع رأي السكان بعد إنجاز كل مشروع لقياس رضاهم.' },
  { axis: 4, title: 'لقاءات تشاورية في كل مقاطعة', body: 'تنظيم لقاءات تشاورية دورية في المقاطعات وليس فقط بمقر الجماعة.' },
  { axis: 4, title: 'نشرة إخبارية للجماعة', body: 'نشرة شهرية ورقية وإلكترونية عن أنشطة الجماعة وقراراتها.' },
  { axis: 2, title: 'دراسة حول ولوج النساء إلى الخدمات الجماعية', body: 'إنجاز دراسة بمقاربة النوع حول ولوج النساء والأشخاص في وضعية إعاقة إلى المرافق الجماعية.' },
  { axis: 2, title: 'نشر آراء هيئة المساواة وردود المجلس', body: 'نشر الآراء الاستشارية للهيئة وما أخذ به المجلس منها.' },
];

/** 16 contributions to the draft at the 2023-07-06 workshop, per draft project:
 *  project 3 (digitalisation) 6, project 4 (dialogue) 2, project 1 (participatory budget) 4, project 2 (IEECAG) 4. */
export const settatConsultationContributions: { project: number; body: string }[] = [
  { project: 3, body: 'إضافة مؤشر لعدد الوثائق المسلمة إلكترونيا كل سنة.' },
  { project: 3, body: 'تنظيم حملات تحسيسية في الأسواق والأحياء حول الخدمات الرقمية.' },
  { project: 3, body: 'إيلاء الأولوية لخدمات الحالة المدنية في الرقمنة.' },
  { project: 3, body: 'مرافقة كبار السن في استعمال المنصات الرقمية.' },
  { project: 3, body: 'قياس رضا المرتفقين عن الخدمات الرقمية.' },
  { project: 3, body: 'نشر لائحة المنصات التي انخرطت فيها الجماعة.' },
  { project: 4, body: 'تحديد جدولة سنوية للقاءات التواصلية ونشرها مسبقا.' },
  { project: 4, body: 'إشراك وسائل الإعلام المحلية في تغطية اللقاءات.' },
  { project: 1, body: 'إشراك الجامعة في التحسيس بالميزانية التشاركية.' },
  { project: 1, body: 'تحديد غلاف مالي واضح للميزانية التشاركية في ميزانية 2025.' },
  { project: 1, body: 'تكوين الموظفين قبل إطلاق الميزانية التشاركية.' },
  { project: 1, body: 'تخصيص حصة للأحياء الهامشية.' },
  { project: 2, body: 'توفير مكتب للهيئة في أقرب الآجال.' },
  { project: 2, body: 'إحداث فضاء إلكتروني للهيئة على بوابة الجماعة.' },
  { project: 2, body: 'تكوين أعضاء الهيئة حول صياغة الآراء الاستشارية.' },
  { project: 2, body: 'نشر عدد الآراء الاستشارية وما أخذ به منها.' },
];

// ---------------------------------------------------------------------------------------------
// The next cycle, placed relative to the day the demo is loaded (`today`, Casablanca): the
// 2024–2025 programme stays current, and the co-creation of the next one has started — its call
// for proposals opened a week ago and runs three more weeks, the monitoring committee meets in
// ten days to take stock of 2024–2025, and a co-creation workshop follows a week later. All of it
// is invented example data and says so in its text: Settat has published no such call.

const demo = { ar: '(مثال توضيحي)', fr: '(exemple fictif)', en: '(made-up example)' };

/** A day `days` after `day` (YYYY-MM-DD). */
export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The next programme's period: the two years after the load day's (never before 2026–2027). */
export function nextPeriod(today: string): { start: number; end: number } {
  const start = Math.max(2026, Number(today.slice(0, 4)) + 1);
  return { start, end: start + 1 };
}

export function settatNextCycle(today: string) {
  const { start, end } = nextPeriod(today);
  const period = `${start}-${end}`;
  // in Arabic text a left-to-right mark before a period keeps it in reading order (after Arabic
  // letters, "2027-2028" is otherwise laid out as "2028-2027": its numbers become Arabic numbers,
  // which a hyphen does not join), and a word joiner after the hyphen keeps a line from breaking
  // there (which would show "-2027" above "2028")
  const periodAr = `\u200E${start}-\u2060${end}`;
  const pastAr = '\u200E2024-\u20602025';
  const day = (days: number) => addDays(today, days);
  return {
    period: { start, end },
    programme: l(`برنامج انفتاح جماعة سطات ${periodAr} ${demo.ar}`, `Programme d'ouverture de la commune de Settat ${period} ${demo.fr}`, `Openness programme of the Commune of Settat ${period} ${demo.en}`),
    stages: [
      { kind: 'information_meeting', startsOn: day(-21), status: 'done', title: l(`لقاء تواصلي حول إعداد برنامج الانفتاح ${periodAr} ${demo.ar}`, `Réunion d'information sur la préparation du programme ${period} ${demo.fr}`, `Information meeting on preparing the ${period} programme ${demo.en}`) },
      { kind: 'call_for_proposals', startsOn: day(-7), endsOn: day(21), status: 'in_progress', title: l(`تلقي الاقتراحات والأفكار عبر المنصة الرقمية ${demo.ar}`, `Appel à idées et propositions sur la plateforme ${demo.fr}`, `Call for ideas and proposals on the platform ${demo.en}`) },
      { kind: 'committee_meeting', startsOn: day(10), status: 'planned', title: l(`اجتماع لجنة التتبع: حصيلة برنامج ${pastAr} ${demo.ar}`, `Réunion du comité de suivi : bilan du programme 2024-2025 ${demo.fr}`, `Monitoring committee meeting: review of the 2024-2025 programme ${demo.en}`) },
      { kind: 'workshop', startsOn: day(17), status: 'planned', title: l(`ورشة الإعداد المشترك للبرنامج ${periodAr} ${demo.ar}`, `Atelier de co-création du programme ${period} ${demo.fr}`, `Co-creation workshop of the ${period} programme ${demo.en}`) },
    ] satisfies (SeedStage & { status: string })[],
    /** Casablanca wall-clock times */
    call: {
      publishedAt: `${day(-10)}T10:00`,
      opensAt: `${day(-7)}T09:00`,
      closesAt: `${day(21)}T23:59`,
      title: l(
        `إعلان للعموم: تلقي الاقتراحات والأفكار لإعداد برنامج انفتاح جماعة سطات ${periodAr} ${demo.ar}`,
        `Avis au public : appel à propositions et idées pour le programme d'ouverture ${period} de la commune de Settat ${demo.fr}`,
        `Public notice: call for proposals and ideas for Settat's ${period} openness programme ${demo.en}`,
      ),
      body: l(
        `في إطار إعداد برنامج الانفتاح ${periodAr}، يدعو رئيس المجلس الجماعي لسطات المواطنات والمواطنين وجمعيات المجتمع المدني إلى تقديم اقتراحاتهم وأفكارهم حول محاور البرنامج عبر هذه المنصة، أو خلال ورشة الإعداد المشترك بمقر الجماعة. ستدرس لجنة التتبع كل اقتراح وتنشر ما آل إليه. (مثال توضيحي: هذا الإعلان بيانات تجريبية، وليس إعلانا صادرا عن الجماعة.)`,
        `Pour préparer le programme d'ouverture ${period}, le président du conseil communal de Settat invite les citoyennes, les citoyens et les associations à proposer leurs idées sur les axes du programme sur cette plateforme, ou lors de l'atelier de co-création à la commune. Le comité de suivi étudiera chaque proposition et publiera ce qu'il en advient. (Exemple fictif : cet avis est une donnée de démonstration, pas un avis publié par la commune.)`,
        `To prepare the ${period} openness programme, the president of the Settat municipal council invites citizens and associations to propose their ideas on the programme's axes on this platform, or at the co-creation workshop at the town hall. The monitoring committee will study each proposal and publish what becomes of it. (Made-up example: this notice is demonstration data, not a notice published by the commune.)`,
      ),
    },
    workshop: {
      kind: 'workshop',
      heldOn: day(17),
      title: l(`ورشة الإعداد المشترك لبرنامج الانفتاح ${periodAr} ${demo.ar}`, `Atelier de co-création du programme d'ouverture ${period} ${demo.fr}`, `Co-creation workshop of the ${period} openness programme ${demo.en}`),
      place: l('مقر جماعة سطات', 'Siège de la commune de Settat', 'Settat town hall'),
    },
    committeeMeeting: {
      heldOn: day(10),
      subject: l(
        `حصيلة تنفيذ برنامج الانفتاح ${pastAr} والتحضير للبرنامج ${periodAr} ${demo.ar}`,
        `Bilan de la mise en œuvre du programme 2024-2025 et préparation du programme ${period} ${demo.fr}`,
        `Review of the 2024-2025 programme's implementation and preparation of the ${period} programme ${demo.en}`,
      ),
    },
    /** ideas already received by the load day (Casablanca wall-clock times) */
    proposals: [
      { axis: 3, at: `${day(-6)}T20:10`, title: 'موعد إلكتروني لسحب رخص البناء', body: 'إخبار المرتفق برسالة قصيرة عند جاهزية الرخصة وتحديد موعد لسحبها بدل التنقل عدة مرات.' },
      { axis: 4, at: `${day(-4)}T11:30`, title: 'لقاء مفتوح كل فصل في الملحقات الإدارية', body: 'تنظيم لقاء مفتوح مع المنتخبين كل ثلاثة أشهر في كل ملحقة إدارية بالتناوب.' },
      { axis: 1, at: `${day(-2)}T18:45`, title: 'نشر تقدم أشغال مشاريع الميزانية التشاركية', body: 'صورة وتاريخ لكل مرحلة من أشغال المشاريع المختارة في التصويت، على صفحة كل مشروع.' },
    ] satisfies (SeedProposal & { at: string })[],
  };
}
