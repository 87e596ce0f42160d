// Generated national-size data: the 12 regions, 75 provinces, and N communes (`commune-0001`…),
// each commune with its own openness programme (≈4 axes, ≈5 projects, ≈15 activities).
// Every commune is generated from its own seed, so `commune-0750` is the same whatever N is.
import type { L10n, PartnerKind, SeedActivity, SeedCollectivity, SeedProgramme, SeedProject } from '../src/modules/programme/seed/types.ts';
import { type Rng, createRng } from './prng.ts';

export const PROVINCES = 75;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const REGIONS: L10n[] = [
  { ar: 'جهة طنجة تطوان الحسيمة', fr: 'Région Tanger-Tétouan-Al Hoceïma', en: 'Tangier-Tetouan-Al Hoceima Region' },
  { ar: 'جهة الشرق', fr: "Région de l'Oriental", en: 'Oriental Region' },
  { ar: 'جهة فاس مكناس', fr: 'Région Fès-Meknès', en: 'Fez-Meknes Region' },
  { ar: 'جهة الرباط سلا القنيطرة', fr: 'Région Rabat-Salé-Kénitra', en: 'Rabat-Sale-Kenitra Region' },
  { ar: 'جهة بني ملال خنيفرة', fr: 'Région Béni Mellal-Khénifra', en: 'Beni Mellal-Khenifra Region' },
  { ar: 'جهة الدار البيضاء سطات (ب)', fr: 'Région Casablanca-Settat (B)', en: 'Casablanca-Settat Region (B)' },
  { ar: 'جهة مراكش آسفي', fr: 'Région Marrakech-Safi', en: 'Marrakesh-Safi Region' },
  { ar: 'جهة درعة تافيلالت', fr: 'Région Drâa-Tafilalet', en: 'Draa-Tafilalet Region' },
  { ar: 'جهة سوس ماسة', fr: 'Région Souss-Massa', en: 'Souss-Massa Region' },
  { ar: 'جهة كلميم واد نون', fr: 'Région Guelmim-Oued Noun', en: 'Guelmim-Oued Noun Region' },
  { ar: 'جهة العيون الساقية الحمراء', fr: 'Région Laâyoune-Sakia El Hamra', en: 'Laayoune-Sakia El Hamra Region' },
  { ar: 'جهة الداخلة وادي الذهب', fr: 'Région Dakhla-Oued Ed-Dahab', en: 'Dakhla-Oued Ed-Dahab Region' },
];

const PREFIXES: L10n[] = [
  { ar: 'أولاد', fr: 'Ouled', en: 'Ouled' },
  { ar: 'سيدي', fr: 'Sidi', en: 'Sidi' },
  { ar: 'عين', fr: 'Aïn', en: 'Ain' },
  { ar: 'بني', fr: 'Béni', en: 'Beni' },
  { ar: 'دار', fr: 'Dar', en: 'Dar' },
  { ar: 'آيت', fr: 'Aït', en: 'Ait' },
  { ar: 'سوق', fr: 'Souk', en: 'Souk' },
];

const ROOTS: L10n[] = [
  { ar: 'سعيد', fr: 'Saïd', en: 'Said' },
  { ar: 'بوزيد', fr: 'Bouzid', en: 'Bouzid' },
  { ar: 'حمو', fr: 'Hammou', en: 'Hammou' },
  { ar: 'علي', fr: 'Ali', en: 'Ali' },
  { ar: 'موسى', fr: 'Moussa', en: 'Moussa' },
  { ar: 'يحيى', fr: 'Yahya', en: 'Yahya' },
  { ar: 'عيسى', fr: 'Aïssa', en: 'Aissa' },
  { ar: 'عمر', fr: 'Amor', en: 'Amor' },
  { ar: 'الطيب', fr: 'Tayeb', en: 'Tayeb' },
  { ar: 'رحال', fr: 'Rahal', en: 'Rahal' },
  { ar: 'قاسم', fr: 'Kacem', en: 'Kacem' },
  { ar: 'بنور', fr: 'Bennour', en: 'Bennour' },
  { ar: 'عبد الله', fr: 'Abdellah', en: 'Abdellah' },
  { ar: 'إدريس', fr: 'Driss', en: 'Driss' },
  { ar: 'مبارك', fr: 'Mbarek', en: 'Mbarek' },
  { ar: 'صالح', fr: 'Salah', en: 'Salah' },
  { ar: 'يوسف', fr: 'Youssef', en: 'Youssef' },
  { ar: 'إبراهيم', fr: 'Brahim', en: 'Brahim' },
  { ar: 'بوعزة', fr: 'Bouazza', en: 'Bouazza' },
  { ar: 'العربي', fr: 'Larbi', en: 'Larbi' },
  { ar: 'المختار', fr: 'Mokhtar', en: 'Mokhtar' },
  { ar: 'شعيب', fr: 'Chaïb', en: 'Chaib' },
];

interface Theme {
  title: L10n;
  /** the subject as it appears inside a sentence */
  topic: L10n;
  projects: L10n[];
}

const THEMES: Theme[] = [
  {
    title: { ar: 'الميزانية التشاركية', fr: 'Budget participatif', en: 'Participatory budget' },
    topic: { ar: 'الميزانية التشاركية', fr: 'le budget participatif', en: 'the participatory budget' },
    projects: [
      { ar: 'اعتماد الميزانية التشاركية في الميزانيات السنوية', fr: 'Adoption du budget participatif dans les budgets annuels', en: 'Adopting the participatory budget in the annual budgets' },
      { ar: 'إشراك الساكنة في اختيار المشاريع الممولة', fr: 'Association de la population au choix des projets financés', en: 'Involving residents in choosing the funded projects' },
    ],
  },
  {
    title: { ar: 'الحق في الحصول على المعلومات', fr: "Droit d'accès à l'information", en: 'Right of access to information' },
    topic: { ar: 'الحق في الحصول على المعلومات', fr: "le droit d'accès à l'information", en: 'the right of access to information' },
    projects: [
      { ar: 'تفعيل النشر الاستباقي للمعلومات الجماعية', fr: 'Mise en œuvre de la publication proactive des informations communales', en: 'Putting proactive publication of communal information into practice' },
      { ar: 'تحسين معالجة طلبات الحصول على المعلومات', fr: "Amélioration du traitement des demandes d'accès à l'information", en: 'Improving the handling of information requests' },
    ],
  },
  {
    title: { ar: 'المشاركة المواطنة', fr: 'Participation citoyenne', en: 'Citizen participation' },
    topic: { ar: 'آليات المشاركة المواطنة', fr: 'les mécanismes de participation citoyenne', en: 'citizen participation mechanisms' },
    projects: [
      { ar: 'تفعيل هيئات التشاور العمومي', fr: 'Activation des instances de concertation publique', en: 'Activating public consultation bodies' },
      { ar: 'تبسيط مسطرة تقديم العرائض', fr: 'Simplification de la procédure de dépôt des pétitions', en: 'Simplifying the petition procedure' },
    ],
  },
  {
    title: { ar: 'الإدارة الرقمية', fr: 'Administration numérique', en: 'Digital administration' },
    topic: { ar: 'الخدمات الجماعية الرقمية', fr: 'les services communaux numériques', en: 'digital communal services' },
    projects: [
      { ar: 'رقمنة الخدمات الإدارية الموجهة للمرتفقين', fr: 'Numérisation des services administratifs aux usagers', en: 'Digitising administrative services for users' },
      { ar: 'إحداث بوابة إلكترونية للجماعة', fr: "Création d'un portail électronique de la commune", en: "Creating the commune's web portal" },
    ],
  },
  {
    title: { ar: 'البيانات المفتوحة', fr: 'Données ouvertes', en: 'Open data' },
    topic: { ar: 'البيانات الجماعية المفتوحة', fr: 'les données ouvertes de la commune', en: "the commune's open data" },
    projects: [
      { ar: 'نشر البيانات المالية للجماعة في صيغة مفتوحة', fr: 'Publication des données financières de la commune en format ouvert', en: "Publishing the commune's financial data in open formats" },
      { ar: 'إعداد جرد للبيانات القابلة للنشر', fr: "Réalisation d'un inventaire des données publiables", en: 'Drawing up an inventory of publishable data' },
    ],
  },
  {
    title: { ar: 'الشفافية في تدبير الصفقات العمومية', fr: 'Transparence des marchés publics', en: 'Transparency of public procurement' },
    topic: { ar: 'الصفقات العمومية للجماعة', fr: 'les marchés publics de la commune', en: "the commune's public procurement" },
    projects: [
      { ar: 'نشر برامج الصفقات ونتائجها', fr: 'Publication des programmes de marchés et de leurs résultats', en: 'Publishing procurement plans and their outcomes' },
      { ar: 'تتبع تنفيذ الصفقات من طرف المواطنين', fr: "Suivi de l'exécution des marchés par les citoyens", en: 'Citizen monitoring of contract execution' },
    ],
  },
  {
    title: { ar: 'التواصل مع المواطنين', fr: 'Communication avec les citoyens', en: 'Communication with citizens' },
    topic: { ar: 'التواصل الجماعي', fr: 'la communication communale', en: 'communal communication' },
    projects: [
      { ar: 'إعداد استراتيجية للتواصل الجماعي', fr: "Élaboration d'une stratégie de communication communale", en: 'Drawing up a communal communication strategy' },
      { ar: 'بث دورات المجلس بشكل مباشر', fr: 'Retransmission en direct des sessions du conseil', en: 'Live broadcasting of council sessions' },
    ],
  },
  {
    title: { ar: 'المساواة ومقاربة النوع', fr: 'Égalité et approche genre', en: 'Equality and gender approach' },
    topic: { ar: 'مقاربة النوع في السياسات المحلية', fr: "l'approche genre dans les politiques locales", en: 'the gender approach in local policies' },
    projects: [
      { ar: 'إدماج مقاربة النوع في برمجة الجماعة', fr: "Intégration de l'approche genre dans la programmation communale", en: "Mainstreaming gender in the commune's planning" },
      { ar: 'تقوية مشاركة النساء في الشأن المحلي', fr: 'Renforcement de la participation des femmes aux affaires locales', en: "Strengthening women's participation in local affairs" },
    ],
  },
  {
    title: { ar: 'مشاركة الشباب', fr: 'Participation des jeunes', en: 'Youth participation' },
    topic: { ar: 'مشاركة الشباب في الحياة العامة', fr: 'la participation des jeunes à la vie publique', en: 'youth participation in public life' },
    projects: [
      { ar: 'إحداث مجلس جماعي للشباب', fr: "Création d'un conseil communal des jeunes", en: "Creating a communal youth council" },
      { ar: 'تنظيم مخيمات للمواطنة لفائدة الشباب', fr: 'Organisation de camps de citoyenneté pour les jeunes', en: 'Organising citizenship camps for young people' },
    ],
  },
];

/** Activity titles: `{t}` is the topic of the axis. */
const ACTIVITIES: L10n[] = [
  { ar: 'تنظيم ورشة تكوينية حول {t}', fr: "Organisation d'un atelier de formation sur {t}", en: 'Holding a training workshop on {t}' },
  { ar: 'إعداد دليل مبسط حول {t}', fr: "Élaboration d'un guide simplifié sur {t}", en: 'Preparing a plain-language guide on {t}' },
  { ar: 'نشر تقرير سنوي حول {t}', fr: "Publication d'un rapport annuel sur {t}", en: 'Publishing an annual report on {t}' },
  { ar: 'إطلاق حملة تحسيسية حول {t}', fr: "Lancement d'une campagne de sensibilisation sur {t}", en: 'Launching an awareness campaign on {t}' },
  { ar: 'عقد لقاءات تشاورية مع الساكنة حول {t}', fr: 'Tenue de réunions de concertation avec la population sur {t}', en: 'Holding consultation meetings with residents on {t}' },
  { ar: 'تكوين الموظفين الجماعيين في مجال {t}', fr: 'Formation du personnel communal concernant {t}', en: 'Training communal staff on {t}' },
  { ar: 'إنجاز دراسة تشخيصية حول {t}', fr: "Réalisation d'une étude diagnostique sur {t}", en: 'Carrying out a diagnostic study on {t}' },
  { ar: 'نشر مواد رقمية تفاعلية حول {t}', fr: 'Diffusion de contenus numériques interactifs sur {t}', en: 'Publishing interactive digital materials on {t}' },
  { ar: 'تتبع وتقييم الأنشطة المتعلقة ب{t}', fr: 'Suivi et évaluation des activités concernant {t}', en: 'Monitoring and evaluating activities on {t}' },
  { ar: 'تنظيم يوم دراسي حول {t} بشراكة مع الفاعلين المحليين', fr: "Organisation d'une journée d'étude sur {t} en partenariat avec les acteurs locaux", en: 'Holding a study day on {t} with local actors' },
];

const PARTNERS: { key: string; name: L10n; kind: PartnerKind }[] = [
  { key: 'dgct', name: { ar: 'المديرية العامة للجماعات الترابية (وزارة الداخلية)', fr: 'Direction Générale des Collectivités Territoriales (DGCT)', en: 'General Directorate of Territorial Collectivities (DGCT)' }, kind: 'ministry_directorate' },
  { key: 'enabel', name: { ar: 'مؤسسة ENABEL', fr: 'Enabel', en: 'Enabel' }, kind: 'cooperation_agency' },
  { key: 'giz', name: { ar: 'الوكالة الألمانية للتعاون الدولي', fr: 'Coopération allemande (GIZ)', en: 'German cooperation (GIZ)' }, kind: 'cooperation_agency' },
  { key: 'pnud', name: { ar: 'برنامج الأمم المتحدة الإنمائي', fr: 'Programme des Nations unies pour le développement (PNUD)', en: 'United Nations Development Programme (UNDP)' }, kind: 'cooperation_agency' },
  { key: 'university', name: { ar: 'الجامعة الجهوية', fr: 'Université régionale', en: 'Regional university' }, kind: 'university' },
  { key: 'association', name: { ar: 'شبكة جمعيات المجتمع المدني المحلية', fr: 'Réseau des associations locales de la société civile', en: 'Network of local civil-society associations' }, kind: 'association' },
  { key: 'media', name: { ar: 'المنابر الإعلامية المحلية', fr: 'Médias locaux', en: 'Local media' }, kind: 'media' },
  { key: 'ieecag', name: { ar: 'هيئة المساواة وتكافؤ الفرص ومقاربة النوع', fr: "Instance de l'équité, de l'égalité des chances et de l'approche genre", en: 'Equality, Equal Opportunities and Gender Approach Commission' }, kind: 'other' },
  { key: 'add', name: { ar: 'وكالة التنمية الرقمية', fr: 'Agence de Développement du Digital', en: 'Digital Development Agency' }, kind: 'other' },
];

const fill = (template: L10n, topic: L10n): L10n => ({
  ar: template.ar.replace('{t}', topic.ar),
  fr: template.fr.replace('{t}', topic.fr),
  en: template.en.replace('{t}', topic.en),
});

/** 1-based: region of province p. */
export const regionOf = (province: number) => ((province - 1) % REGIONS.length) + 1;
/** 1-based: province of commune i (round robin: independent of the number of communes). */
export const provinceOf = (commune: number) => ((commune - 1) % PROVINCES) + 1;

export const regionSlug = (r: number) => `region-${pad(r, 2)}`;
export const provinceSlug = (p: number) => `province-${pad(p, 2)}`;
export const communeSlug = (i: number) => `commune-${pad(i, 4)}`;

function provinceName(p: number): L10n {
  const rng = createRng(0x9e3779b1 ^ (p * 7919));
  const root = rng.pick(ROOTS);
  return { ar: `إقليم ${root.ar} ${p}`, fr: `Province de ${root.fr} ${p}`, en: `${root.en} ${p} Province` };
}

/** The regions and provinces, parents first. */
export function territorialParents(): SeedCollectivity[] {
  const out: SeedCollectivity[] = REGIONS.map((name, i) => ({ slug: regionSlug(i + 1), name, kind: 'region' }));
  for (let p = 1; p <= PROVINCES; p++) {
    out.push({ slug: provinceSlug(p), name: provinceName(p), kind: 'province', parent: regionSlug(regionOf(p)) });
  }
  return out;
}

const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m, 2)}-${pad(d, 2)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function activity(rng: Rng, number: number, topic: L10n, partnerKeys: string[]): SeedActivity {
  // a month index 0..23 over 2024–2025
  const startM = rng.int(0, 20);
  const endM = Math.min(23, startM + rng.int(0, 11));
  const [sy, sm] = [2024 + Math.floor(startM / 12), (startM % 12) + 1];
  const [ey, em] = [2024 + Math.floor(endM / 12), (endM % 12) + 1];
  const partners = rng.sample(partnerKeys, rng.int(0, 3));
  const costKind = rng.weighted({ amount: 5, none: 3, tbd: 2 });
  const status = rng.weighted({ planned: 25, in_progress: 30, done: 25, delayed: 12, cancelled: 8 });
  const progress =
    status === 'done' ? 100 : status === 'planned' ? 0 : status === 'in_progress' ? rng.int(2, 18) * 5 : status === 'delayed' ? rng.int(0, 12) * 5 : rng.int(0, 6) * 5;
  return {
    number,
    title: fill(rng.pick(ACTIVITIES), topic),
    partners,
    cost:
      costKind === 'amount'
        ? { kind: 'amount', amountMad: rng.int(2, 200) * 5000 }
        : costKind === 'none'
          ? { kind: 'none' }
          : { kind: 'tbd', note: { ar: 'ستحدد من الجهة الملزمة بتنفيذ النشاط', fr: "À déterminer par l'entité chargée de la mise en œuvre", en: 'To be set by the implementing party' } },
    funding: partners.length > 0 && rng.chance(0.4) ? { kind: 'partner', partner: rng.pick(partners) } : { kind: 'own' },
    start: isoDate(sy, sm, 1),
    end: isoDate(ey, em, lastDay(ey, em)),
    status,
    progress,
  };
}

function project(rng: Rng, number: number, theme: Theme, title: L10n, partnerKeys: string[], activities: number): SeedProject {
  const t = theme.topic;
  const target = rng.int(2, 12);
  return {
    number,
    title,
    objectives: fill({ ar: 'تعزيز {t} على مستوى الجماعة\nتقوية الثقة بين المواطن والجماعة', fr: "Renforcer {t} au niveau de la commune\nConsolider la confiance entre le citoyen et la commune", en: 'Strengthening {t} in the commune\nBuilding trust between citizens and the commune' }, t),
    expectedResults: fill({ ar: 'تحسين مستوى انفتاح الجماعة في مجال {t}', fr: "Une commune plus ouverte concernant {t}", en: 'A more open commune as regards {t}' }, t),
    durationMonths: rng.pick([6, 12, 18, 24]),
    partners: rng.sample(partnerKeys, rng.int(1, 3)),
    partnersContribution: fill({ ar: 'يساهم الشركاء في التكوين والمواكبة حول {t}.', fr: "Les partenaires contribuent à la formation et à l'accompagnement concernant {t}.", en: 'Partners contribute training and support on {t}.' }, t),
    indicators: [
      { kind: 'monitoring', statement: fill({ ar: 'عدد الأنشطة المنجزة حول {t}', fr: 'Nombre d’activités réalisées concernant {t}', en: 'Number of activities carried out on {t}' }, t), unit: { ar: 'عدد', fr: 'nombre', en: 'number' }, baseline: 0, target },
      ...(rng.chance(0.6)
        ? [{ kind: 'impact' as const, statement: fill({ ar: 'تحسن ثقة الساكنة في الجماعة بفضل {t}', fr: 'Confiance accrue de la population envers la commune grâce à {t}', en: 'Greater public trust in the commune thanks to {t}' }, t) }]
        : []),
    ],
    activities: Array.from({ length: activities }, (_, k) => activity(rng, k + 1, t, partnerKeys)),
  };
}

/** Splits `total` into `parts` positive integers. */
function split(rng: Rng, total: number, parts: number): number[] {
  const out = Array.from({ length: parts }, () => 1);
  for (let k = parts; k < total; k++) out[rng.int(0, parts - 1)]++;
  return out;
}

export function communeSeed(i: number): SeedProgramme {
  const rng = createRng(0x5eed0000 + i * 2654435761);
  const slug = communeSlug(i);
  const p = provinceOf(i);
  const prefix = rng.pick(PREFIXES);
  const root = rng.pick(ROOTS);
  const name: L10n = {
    ar: `جماعة ${prefix.ar} ${root.ar}`,
    fr: `Commune de ${prefix.fr} ${root.fr}`,
    en: `${prefix.en} ${root.en} Commune`,
  };
  const partners = [
    ...rng.sample(PARTNERS, rng.int(3, 6)),
    { key: 'commune', name, kind: 'collectivity' as const },
  ];
  const keys = partners.map((x) => x.key);

  const axes = rng.int(3, 5);
  const projects = rng.int(Math.max(axes, 4), 6);
  const activities = rng.int(13, 17);
  const projectsPerAxis = split(rng, projects, axes);
  const activitiesPerProject = split(rng, activities, projects);
  const themes = rng.sample(THEMES, axes);

  // projects are numbered across the programme, activities within their project (as in Settat's document)
  let projectNo = 0;
  return {
    collectivities: [
      { slug: regionSlug(regionOf(p)), name: REGIONS[regionOf(p) - 1], kind: 'region' },
      { slug: provinceSlug(p), name: provinceName(p), kind: 'province', parent: regionSlug(regionOf(p)) },
      { slug, name, kind: 'commune', parent: provinceSlug(p) },
    ],
    collectivity: slug,
    partners,
    programme: {
      title: { ar: `برنامج انفتاح ${name.ar} 2024-2025`, fr: `Programme d'ouverture de la ${name.fr.replace(/^Commune/, 'commune')} 2024-2025`, en: `Openness programme of ${name.en} 2024-2025` },
      startYear: 2024,
      endYear: 2025,
      status: rng.chance(0.7) ? 'in_implementation' : 'adopted',
      adoption: {
        session: { ar: 'دورة أكتوبر 2023', fr: "Session d'octobre 2023", en: 'October 2023 session' },
        date: rng.chance(0.5) ? isoDate(2023, 10, rng.int(2, 27)) : null,
        reference: { ar: `صادق عليه مجلس ${name.ar} خلال دورة أكتوبر 2023`, fr: "Adopté par le conseil communal lors de sa session d'octobre 2023", en: 'Adopted by the municipal council at its October 2023 session' },
      },
      axes: themes.map((theme, a) => ({
        number: a + 1,
        title: theme.title,
        projects: rng.sample(theme.projects, projectsPerAxis[a]).concat(
          // a theme has two project titles; a third project on the same axis reuses one, numbered apart
          Array.from({ length: Math.max(0, projectsPerAxis[a] - theme.projects.length) }, () => rng.pick(theme.projects)),
        ).map((title) => {
          const n = projectNo++;
          return project(rng, n + 1, theme, title, keys, activitiesPerProject[n]);
        }),
      })),
    },
  };
}
