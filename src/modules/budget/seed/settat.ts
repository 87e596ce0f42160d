// The participatory-budget part of the Settat demo. Project 1 of the programme (اعتماد الميزانية
// التشاركية في الميزانيات السنوية) commits the commune to a participatory budget; this shows one
// carried through: a 2025 round reviewed, voted on and in implementation (fixed dates), and the
// next round with its vote open on the day the demo is loaded (its phases, title year and
// ballots so far are placed relative to that day, so the demo never dies with the calendar).
// Everything here is invented, plausible example data: each project says so in its text, and the
// voters are hashes of 'infitah-demo-voter-N', never of a real or plausible CIN. The ballots are
// drawn by a seeded generator; the results are the app's count of them.
// Loading again changes nothing.
import { createHash } from 'node:crypto';
import type { Actor } from '../../../platform/audit.ts';
import type { CommandResult } from '../../../platform/commands.ts';
import type { Db } from '../../../platform/db/database.ts';
import { casablancaToIso, todayInCasablanca } from '../../../platform/i18n/format.ts';
import { addProject, reviewProject } from '../commands/projects.ts';
import { createRound, loadCensus } from '../commands/rounds.ts';
import { type CensusEntry, newBallotId } from '../model.ts';
import type { RoundInput } from '../schema.ts';
import { sealClosedRounds } from '../commands/seal.ts';
import '../tables.ts';

type Group = 'f' | 'm' | 'young' | 'parents' | 'old';

interface SeedProject {
  key: string;
  title: string;
  description: string;
  neighbourhood: string;
  estimatedCost: number;
  /** Casablanca wall-clock time of the submission; for the open round, `D-100T18:30`: that many
   *  days before the load day */
  submittedAt: string;
  /** written in French (the others in Arabic) */
  french?: boolean;
  review?:
    | { status: 'feasible'; staffCost?: number; reason?: string }
    | { status: 'infeasible'; reason: string }
    | { status: 'merged'; into: string; reason: string };
  /** how much demo voters like it, and the groups that like it more (a multiplier each) */
  appeal?: number;
  likedBy?: Partial<Record<Group, number>>;
}

const demoNote = { ar: '(مثال توضيحي: بيانات تجريبية)', fr: '(exemple fictif : données de démonstration)' };

const round2025: RoundInput = {
  title_ar: 'الميزانية التشاركية لجماعة سطات 2025',
  title_fr: 'Budget participatif de la commune de Settat 2025',
  title_en: 'Settat participatory budget 2025',
  envelope_mad: 3_000_000,
  rule: 'knapsack',
  min_choices: null,
  max_choices: null,
  changeable: true,
  information_at: '2025-02-01T00:00',
  submission_at: '2025-03-01T00:00',
  review_at: '2025-05-01T00:00',
  voting_at: '2025-06-01T00:00',
  results_at: '2025-07-01T00:00',
  implementation_at: '2025-09-01T00:00',
};

/** A day `days` after `day` (YYYY-MM-DD). */
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The round voting on the load day `today`: submissions closed 45 days ago, reviewed since, vote
 * opened five days ago and closes in 25 days; named after the year its projects are carried out.
 */
export function openRound(today: string): RoundInput {
  const at = (days: number) => `${addDays(today, days)}T00:00`;
  const year = Math.max(2026, Number(addDays(today, 60).slice(0, 4)));
  return {
    title_ar: `الميزانية التشاركية لجماعة سطات ${year}`,
    title_fr: `Budget participatif de la commune de Settat ${year}`,
    title_en: `Settat participatory budget ${year}`,
    envelope_mad: 1_500_000,
    rule: 'knapsack',
    min_choices: null,
    max_choices: null,
    changeable: true,
    information_at: at(-120),
    submission_at: at(-105),
    review_at: at(-45),
    voting_at: at(-5),
    results_at: at(25),
    implementation_at: at(60),
  };
}

/** 14 projects: 11 feasible (some at the review's cost), 2 infeasible with the reason, 1 duplicate merged. */
const projects2025: SeedProject[] = [
  {
    key: 'lights',
    title: 'إنارة أزقة حي السلام بمصابيح اقتصادية',
    description: 'تركيب أعمدة إنارة بمصابيح LED في الأزقة المظلمة للشطرين 4 و5 من حي السلام، حيث يعود السكان ليلا من العمل والدراسة دون إنارة كافية.',
    neighbourhood: 'حي السلام',
    estimatedCost: 420_000,
    submittedAt: '2025-03-04T19:20',
    review: { status: 'feasible', staffCost: 480_000, reason: 'قدّرت المصالح التقنية عدد الأعمدة اللازمة بـ 32 عمودا بدل 25، مع الربط بالشبكة.' },
    appeal: 1.3,
    likedBy: { f: 1.4 },
  },
  {
    key: 'garden',
    title: 'حديقة قرب بسيدي عبد الكريم',
    description: 'تهيئة بقعة أرضية جماعية فارغة إلى حديقة صغيرة بها أشجار ومقاعد وألعاب للأطفال، بدل تراكم الأزبال فيها.',
    neighbourhood: 'سيدي عبد الكريم',
    estimatedCost: 350_000,
    submittedAt: '2025-03-07T11:05',
    review: { status: 'feasible' },
    appeal: 1,
    likedBy: { old: 1.5, f: 1.2 },
  },
  {
    key: 'pitch',
    title: 'ملعب قرب معشوشب بحي السلام',
    description: 'إنجاز ملعب قرب بعشب اصطناعي وسياج وإنارة، لفائدة شباب الحي الذين يلعبون حاليا في أرض ترابية.',
    neighbourhood: 'حي السلام',
    estimatedCost: 900_000,
    submittedAt: '2025-03-09T21:40',
    review: { status: 'feasible', staffCost: 1_050_000, reason: 'تشمل كلفة الدراسة التقنية السياج والإنارة ومستودعا للملابس.' },
    appeal: 1.1,
    likedBy: { young: 1.9, m: 1.5 },
  },
  {
    key: 'library',
    title: 'ركن للمطالعة بدار الشباب',
    description: 'تجهيز قاعة بدار الشباب برفوف وكتب للأطفال واليافعين وحواسيب للبحث، مع فتحها في المساء وأيام العطل.',
    neighbourhood: 'وسط المدينة',
    estimatedCost: 150_000,
    submittedAt: '2025-03-12T17:15',
    review: { status: 'feasible' },
    appeal: 0.8,
    likedBy: { young: 1.5, parents: 1.2 },
  },
  {
    key: 'ramps',
    title: 'ولوجيات للأشخاص في وضعية إعاقة',
    description: 'ممرات منحدرة ودرابزين عند مداخل الملحقات الإدارية والمركز الصحي ومكتب الحالة المدنية، ليلجها الأشخاص في وضعية إعاقة وكبار السن دون مساعدة.',
    neighbourhood: 'الملحقات الإدارية بعدة أحياء',
    estimatedCost: 280_000,
    submittedAt: '2025-03-15T10:00',
    review: { status: 'feasible', staffCost: 240_000, reason: 'ثلاثة مداخل من أصل عشرة تتوفر مسبقا على ممرات منحدرة، فانخفضت الكلفة.' },
    appeal: 1,
    likedBy: { old: 2 },
  },
  {
    key: 'coop',
    title: 'فضاء لتعاونيات النساء',
    description: 'تهيئة محل جماعي غير مستغل إلى فضاء لعرض وبيع منتوجات التعاونيات النسائية (الكسكس، الخياطة، الحلويات) وتنظيم دورات تكوينية.',
    neighbourhood: 'المصلى',
    estimatedCost: 600_000,
    submittedAt: '2025-03-18T15:30',
    review: { status: 'feasible' },
    appeal: 0.9,
    likedBy: { f: 2.3 },
  },
  {
    key: 'cycle',
    title: 'مسار للدراجات والمشي على ضفة وادي بوموسى',
    description: 'مسار مهيأ للدراجات والراجلين، بإنارة ومقاعد، على جزء من ضفة وادي بوموسى يربط الأحياء بوسط المدينة.',
    neighbourhood: 'وادي بوموسى',
    estimatedCost: 1_200_000,
    submittedAt: '2025-03-22T20:10',
    review: { status: 'feasible', staffCost: 1_400_000, reason: 'تتطلب الضفة أشغال تدعيم ضد الفيضانات على طول 300 متر.' },
    appeal: 0.9,
    likedBy: { young: 1.8 },
  },
  {
    key: 'schools',
    title: 'تأمين محيط المدارس الابتدائية',
    description: 'ممرات للراجلين وعلامات تشوير ومخففات للسرعة أمام ست مدارس ابتدائية، لحماية التلاميذ عند الدخول والخروج.',
    neighbourhood: 'عدة أحياء',
    estimatedCost: 200_000,
    submittedAt: '2025-03-26T08:45',
    review: { status: 'feasible', staffCost: 180_000, reason: 'احتُسبت الكلفة بأثمنة صفقة التشوير الجارية للجماعة.' },
    appeal: 1.3,
    likedBy: { f: 1.5, parents: 1.6 },
  },
  {
    key: 'campus',
    title: "Éclairage solaire du chemin piéton vers l'université Hassan Ier",
    description: "Des lampadaires solaires le long du chemin qu'empruntent chaque soir étudiantes et étudiants entre les quartiers et le campus, aujourd'hui sans éclairage.",
    neighbourhood: "Abords de l'université Hassan Ier",
    estimatedCost: 380_000,
    submittedAt: '2025-04-02T22:05',
    french: true,
    review: { status: 'feasible' },
    appeal: 0.8,
    likedBy: { young: 1.7, f: 1.3 },
  },
  {
    key: 'trees',
    title: 'تشجير الشارع الرئيسي لحي السلام',
    description: 'غرس 200 شجرة على جنبات الشارع الرئيسي مع شبكة للسقي بالتنقيط، لتوفير الظل وتحسين منظر الحي.',
    neighbourhood: 'حي السلام',
    estimatedCost: 250_000,
    submittedAt: '2025-04-08T12:00',
    review: { status: 'feasible' },
    appeal: 0.8,
    likedBy: { old: 1.2 },
  },
  {
    key: 'shelters',
    title: 'مظلات ومقاعد بمحطات الحافلات',
    description: 'تركيب مظلات ومقاعد في عشر محطات للحافلات بالأحياء الشعبية لحماية المنتظرين من الشمس والمطر.',
    neighbourhood: 'عدة أحياء',
    estimatedCost: 300_000,
    submittedAt: '2025-04-15T18:25',
    review: { status: 'feasible' },
    appeal: 0.8,
    likedBy: { old: 1.4, f: 1.1 },
  },
  {
    key: 'fitness',
    title: 'فضاء رياضي مفتوح قرب القصبة الإسماعيلية',
    description: 'تركيب أجهزة رياضية في الهواء الطلق ومسار للمشي بالساحة المجاورة للقصبة الإسماعيلية، مفتوح للجميع ومجانا.',
    neighbourhood: 'القصبة الإسماعيلية',
    estimatedCost: 220_000,
    submittedAt: '2025-04-19T10:40',
    review: { status: 'infeasible', reason: 'الساحة ضمن محيط معلمة تاريخية، ولا يمكن تركيب تجهيزات دائمة بها دون ترخيص من وزارة الشباب والثقافة والتواصل. يمكن اقتراح المشروع في موقع آخر في الدورة المقبلة.' },
  },
  {
    key: 'cameras',
    title: 'Caméras de surveillance à Hay Salam',
    description: 'Installer des caméras aux carrefours du quartier pour lutter contre les vols.',
    neighbourhood: 'Hay Salam',
    estimatedCost: 500_000,
    submittedAt: '2025-04-23T16:50',
    french: true,
    review: { status: 'infeasible', reason: "La vidéosurveillance de la voie publique relève des services de sécurité et demande l'autorisation de la CNDP (loi 09-08) : la commune ne peut pas la financer par le budget participatif." },
  },
  {
    key: 'lights-5',
    title: 'إصلاح الإنارة بالشطر 5 من حي السلام',
    description: 'أغلب مصابيح الزنقة الرئيسية للشطر 5 معطلة منذ أشهر، نطلب إصلاحها وإضافة أعمدة جديدة.',
    neighbourhood: 'حي السلام',
    estimatedCost: 150_000,
    submittedAt: '2025-04-27T21:15',
    review: { status: 'merged', into: 'lights', reason: 'يطابق هذا المقترح مشروع «إنارة أزقة حي السلام بمصابيح اقتصادية» الذي يشمل الشطر 5، فدُمج فيه.' },
  },
];

/** The open round's 7 projects, submitted 100 to 60 days before the load day and reviewed:
 *  6 feasible, 1 outside the commune's competence. */
const projectsOpen: SeedProject[] = [
  {
    key: 'playground',
    title: 'ساحة لعب الأطفال بالشطر 6 من حي السلام',
    description: 'تهيئة ساحة مسيجة بألعاب آمنة للأطفال الصغار وأرضية مطاطية ومقاعد للأمهات.',
    neighbourhood: 'حي السلام',
    estimatedCost: 280_000,
    submittedAt: 'D-100T18:30',
    review: { status: 'feasible', staffCost: 320_000, reason: 'أضافت المصالح التقنية سياجا أعلى وبابين آمنين.' },
    appeal: 1.2,
    likedBy: { parents: 1.8, f: 1.3 },
  },
  {
    key: 'sorting',
    title: 'حاويات لفرز النفايات قرب المدارس والأسواق',
    description: 'وضع حاويات ملونة لفرز البلاستيك والورق قرب المدارس والأسواق، مع حملة تحسيسية ينظمها التلاميذ.',
    neighbourhood: 'عدة أحياء',
    estimatedCost: 180_000,
    submittedAt: 'D-93T10:15',
    review: { status: 'feasible' },
    appeal: 0.9,
    likedBy: { young: 1.4 },
  },
  {
    key: 'fountains',
    title: 'نافورات لماء الشرب بالحدائق العمومية',
    description: 'تركيب نافورات لماء الشرب في ثلاث حدائق عمومية وقرب المحطة الطرقية، خاصة لفصل الصيف.',
    neighbourhood: 'وسط المدينة',
    estimatedCost: 120_000,
    submittedAt: 'D-88T13:45',
    review: { status: 'feasible' },
    appeal: 0.9,
    likedBy: { old: 1.5 },
  },
  {
    key: 'market',
    title: 'ممرات للراجلين ومظلات بمدخل السوق البلدي',
    description: 'تهيئة ممرات مبلطة ومظلات عند مدخل السوق البلدي، حيث يختلط الراجلون بالعربات في أيام السوق.',
    neighbourhood: 'السوق البلدي',
    estimatedCost: 650_000,
    submittedAt: 'D-81T09:40',
    review: { status: 'feasible', staffCost: 600_000, reason: 'تُستعمل بلاطات متوفرة في مخزن الجماعة.' },
    appeal: 1,
    likedBy: { f: 1.4, old: 1.2 },
  },
  {
    key: 'digital',
    title: 'Ateliers numériques pour les jeunes à la maison des jeunes',
    description: 'Équiper une salle de la maison des jeunes de dix ordinateurs et y organiser chaque semaine des ateliers de programmation et de démarches en ligne.',
    neighbourhood: 'Centre-ville',
    estimatedCost: 200_000,
    submittedAt: 'D-74T21:05',
    french: true,
    review: { status: 'feasible' },
    appeal: 0.8,
    likedBy: { young: 2 },
  },
  {
    key: 'pitch-lights',
    title: 'إنارة ملعب القرب بحي ميمونة',
    description: 'تركيب أعمدة إنارة بالملعب الترابي لحي ميمونة ليستعمله الشباب بعد العمل والدراسة.',
    neighbourhood: 'حي ميمونة',
    estimatedCost: 400_000,
    submittedAt: 'D-66T19:50',
    review: { status: 'feasible' },
    appeal: 1,
    likedBy: { young: 1.6, m: 1.3 },
  },
  {
    key: 'road',
    title: 'تعبيد الطريق الإقليمية نحو الجماعة المجاورة',
    description: 'إصلاح الحفر وتعبيد الطريق الإقليمية الرابطة بين سطات والجماعة المجاورة.',
    neighbourhood: 'خارج المدار الحضري',
    estimatedCost: 2_000_000,
    submittedAt: 'D-60T11:20',
    review: { status: 'infeasible', reason: 'الطريق الإقليمية من اختصاص المديرية الإقليمية للتجهيز، ولا يمكن للجماعة تمويل أشغالها من الميزانية التشاركية. أحالت الجماعة الطلب على المديرية.' },
  },
];

/** The ballots cast in the open round by the load day (a census of 1,500, like 2025's). */
const OPEN_BALLOTS = 240;

// The demo voters: a census of 1,500 and 1,100 ballots (about one in five on paper).
const CENSUS_SIZE = 1_500;
const BALLOTS = 1_100;
const AGE_BANDS = ['18-24', '25-34', '35-49', '50-64', '65+'] as const;
const AGE_SHARES = [0.16, 0.25, 0.29, 0.2, 0.1];
/** the share of paper ballots by age band (older voters come to the desk more) */
const PAPER_SHARE: Record<string, number> = { '18-24': 0.1, '25-34': 0.12, '35-49': 0.18, '50-64': 0.3, '65+': 0.45, unknown: 0.2 };
/** how many projects a voter wants on their ballot (1 to 5), as shares */
const APPETITE = [0.15, 0.3, 0.3, 0.18, 0.07];

/** A small seeded generator (mulberry32): the same demo on every load and every database. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The index drawn from shares that sum to 1. */
function draw(random: () => number, shares: number[]): number {
  let u = random();
  for (let i = 0; i < shares.length; i++) {
    u -= shares[i];
    if (u < 0) return i;
  }
  return shares.length - 1;
}

/** A seeded Fisher–Yates shuffle (a copy). */
function shuffled<T>(random: () => number, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const demoHash = (i: number) => createHash('sha256').update(`infitah-demo-voter-${i}`).digest('hex');

type Voter = CensusEntry;

function demoCensus(random: () => number): Voter[] {
  return Array.from({ length: CENSUS_SIZE }, (_, i) => {
    const u = random();
    const gender = u < 0.06 ? null : u < 0.55 ? 'f' : 'm';
    const ageBand = random() < 0.07 ? null : AGE_BANDS[draw(random, AGE_SHARES)];
    return { hash: demoHash(i), gender, ageBand };
  });
}

function groupsOf(v: Voter): Group[] {
  const groups: Group[] = [];
  if (v.gender === 'f' || v.gender === 'm') groups.push(v.gender);
  if (v.ageBand === '18-24' || v.ageBand === '25-34') groups.push('young');
  if (v.ageBand === '25-34' || v.ageBand === '35-49') groups.push('parents');
  if (v.ageBand === '50-64' || v.ageBand === '65+') groups.push('old');
  return groups;
}

/**
 * A voter's choices: the feasible projects in a random order weighted by how much the voter's
 * groups like them, taken while they fit what is left of the envelope, up to the voter's appetite.
 * The ballot therefore always keeps within the envelope, as the app's check requires.
 */
function choose(random: () => number, voter: Voter, feasible: { key: string; cost: number; seed: SeedProject }[], envelope: number): string[] {
  const groups = groupsOf(voter);
  const ordered = feasible
    .map((p) => {
      const weight = groups.reduce((w, g) => w * (p.seed.likedBy?.[g] ?? 1), p.seed.appeal ?? 1);
      // weighted sampling without replacement: ascending −ln(u)/w
      return { p, order: -Math.log(1 - random()) / weight };
    })
    .sort((a, b) => a.order - b.order);
  const wanted = draw(random, APPETITE) + 1;
  const chosen: string[] = [];
  let left = envelope;
  for (const { p } of ordered) {
    if (chosen.length === wanted) break;
    if (p.cost > left) continue;
    chosen.push(p.key);
    left -= p.cost;
  }
  return chosen;
}

/** The instant a ballot was cast: online at any hour of the voting month, on paper at the desk's hours. */
function castAt(random: () => number, votingStart: string, days: number, channel: 'online' | 'paper'): string {
  const start = Date.parse(votingStart); // midnight in Casablanca
  const minute = 60_000;
  const offset =
    channel === 'online'
      ? Math.floor(random() * days * 1440) * minute
      : Math.floor(random() * days) * 1440 * minute + (9 * 60 + Math.floor(random() * 8 * 60)) * minute;
  return new Date(start + offset).toISOString();
}

function must<T>(result: CommandResult<T>): T {
  if (!result.ok) throw new Error(`demo budget: command refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

// The demo is loaded by no account: its change-log entries keep a role and no user id.
const demoActor: Actor = { userId: null, role: 'focal_point' };

export async function loadSettatBudget(db: Db, options: { today: string }): Promise<boolean> {
  const loaded = await loadRounds(db, options.today);
  // the 2025 round's voting is over: its ballots are sealed as the sweep would seal them
  if (loaded) await sealClosedRounds(db);
  return loaded;
}

/** `D-100T18:30` (days before the load day) or a fixed wall-clock time, as an ISO instant. */
const submittedIso = (at: string, today: string) => {
  const m = /^D-(\d+)T(\d\d:\d\d)$/.exec(at);
  return casablancaToIso(m ? `${addDays(today, -Number(m[1]))}T${m[2]}` : at);
};

async function loadRounds(db: Db, today: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return false;
    // any round of the demo (whatever the day it was loaded on): the demo is there
    const already = await trx.selectFrom('budget_round').select('id').where('collectivity_id', '=', c.id).where('demo', '=', 1).executeTakeFirst();
    if (already) return false;
    const scope = { actor: demoActor, collectivityId: c.id };

    // The commands stamp rows with the time of loading; the demo dates them as they would have been.
    const addRound = async (input: RoundInput, createdAt: string) => {
      const id = must(await createRound(trx, scope, input));
      await trx.updateTable('budget_round').set({ created_at: casablancaToIso(createdAt), demo: 1 }).where('collectivity_id', '=', c.id).where('id', '=', id).execute();
      return id;
    };
    // the demo's authors have no account: no mail is sent, the links are unused
    const links = { baseUrl: '', slug: 'settat' };
    /** The projects, entered and reviewed (those with a review). */
    const addProjects = async (roundId: number, seeds: SeedProject[]) => {
      const ids = new Map<string, number>();
      for (const p of seeds) {
        const description = `${p.description} ${p.french ? demoNote.fr : demoNote.ar}`;
        const id = must(await addProject(trx, scope, roundId, { title: p.title, description, neighbourhood: p.neighbourhood, estimated_cost_mad: p.estimatedCost, district_id: null }));
        await trx.updateTable('budget_project').set({ created_at: submittedIso(p.submittedAt, today) }).where('collectivity_id', '=', c.id).where('id', '=', id).execute();
        ids.set(p.key, id);
      }
      for (const p of seeds) {
        const review = p.review;
        if (!review) continue;
        must(
          await reviewProject(trx, scope, roundId, ids.get(p.key)!, {
            status: review.status,
            review_reason: review.reason ?? null,
            staff_cost_mad: review.status === 'feasible' ? (review.staffCost ?? null) : null,
            merged_into_id: review.status === 'merged' ? ids.get(review.into)! : null,
          }, links),
        );
      }
      return ids;
    };
    /**
     * `count` ballots of the census, cast from `votingStart` over `days` days. castBallot refuses
     * outside the voting phase and needs a verified account, so they are written here directly,
     * each kept within the envelope as the app's check requires. The shape is the app's
     * (docs/architecture.md, "Ballot secrecy"): a "has voted" mark per voter, and ballots that
     * name nobody, with random ids, the day only, and no link (no demo voter has an account to
     * change a ballot with); each table written in its own order (hash, random id), so that row
     * order pairs nothing.
     */
    const castBallots = async (roundId: number, input: RoundInput, seeds: SeedProject[], ids: Map<string, number>, random: () => number, census: Voter[], count: number, days: number) => {
      const feasible = seeds
        .filter((p) => p.review?.status === 'feasible')
        .map((p) => ({ key: p.key, seed: p, cost: p.review?.status === 'feasible' ? (p.review.staffCost ?? p.estimatedCost) : p.estimatedCost }));
      const votingStart = casablancaToIso(input.voting_at);
      const ballots = shuffled(random, census).slice(0, count).map((v) => {
        const channel: 'online' | 'paper' = random() < PAPER_SHARE[v.ageBand ?? 'unknown'] ? 'paper' : 'online';
        return { voter: v, channel, at: castAt(random, votingStart, days, channel), choices: choose(random, v, feasible, input.envelope_mad) };
      });
      const marks = ballots.map((b) => ({ collectivity_id: c.id, round_id: roundId, voter_hash: b.voter.hash, gender: b.voter.gender, age_band: b.voter.ageBand })).sort((x, y) => x.voter_hash.localeCompare(y.voter_hash));
      const rows = ballots.map((b) => ({ id: newBallotId(), collectivity_id: c.id, round_id: roundId, channel: b.channel, cast_on: todayInCasablanca(new Date(b.at)), choices: b.choices })).sort((x, y) => x.id.localeCompare(y.id));
      for (let i = 0; i < marks.length; i += 500) await trx.insertInto('budget_voted').values(marks.slice(i, i + 500)).execute();
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('budget_ballot').values(rows.slice(i, i + 500).map(({ choices: _, ...row }) => row)).execute();
      const choices = rows.flatMap((b) => b.choices.map((key) => ({ collectivity_id: c.id, ballot_id: b.id, project_id: ids.get(key)! })));
      for (let i = 0; i < choices.length; i += 1_000) {
        await trx.insertInto('budget_ballot_choice').values(choices.slice(i, i + 1_000)).execute();
      }
    };

    // 2025: reviewed, voted on over a month, counted; fixed dates
    const r2025 = await addRound(round2025, '2025-01-20T10:00');
    const ids2025 = await addProjects(r2025, projects2025);
    const random = seededRandom(2025);
    const census = demoCensus(random);
    must(await loadCensus(trx, scope, r2025, census));
    const votingDays = Math.round((Date.parse(casablancaToIso(round2025.results_at)) - Date.parse(casablancaToIso(round2025.voting_at))) / 86_400_000);
    await castBallots(r2025, round2025, projects2025, ids2025, random, census, BALLOTS, votingDays);

    // The 2025 winners are left for staff to add to the action plan (the round's back-office
    // page): the seeded programme stays the adopted document, activity for activity.

    // the next round, voting on the load day: the same voters' census, the ballots of its first
    // five days (drawn by a generator of its own: the 2025 round stays the same on every load)
    const next = openRound(today);
    const rOpen = await addRound(next, `${addDays(today, -130)}T10:00`);
    const idsOpen = await addProjects(rOpen, projectsOpen);
    must(await loadCensus(trx, scope, rOpen, census));
    await castBallots(rOpen, next, projectsOpen, idsOpen, seededRandom(2026), census, OPEN_BALLOTS, 5);
    return true;
  });
}
