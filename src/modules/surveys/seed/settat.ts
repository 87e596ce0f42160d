// Settat's satisfaction surveys in the demo (is_example = 1; invented answers):
// (a) a closed autumn-2025 survey on the commune's digital services (project 3's impact: citizens'
//     satisfaction), about 150 answers online, on paper and at the desk;
// (b) an open signed survey on the council's work and the commune's services (project 4's impact),
//     opened 10 days before the demo's day and closing 20 days after, about 40 answers typed in
//     from paper and at the desk so far.
// Answers are drawn by a seeded generator: the same on every load and database. Loading again
// changes nothing (each survey is looked up by its French title).
import type { Insertable } from 'kysely';
import { tenantTransaction } from '../../../platform/commands.ts';
import type { Db } from '../../../platform/db/database.ts';
import { casablancaToIso } from '../../../platform/i18n/format.ts';
import { translator } from '../../../platform/i18n/i18n.ts';
import { ageBands, genders } from '../../accounts/schema.ts';
import type { DemoOptions } from '../../manifest.ts';
import type { QuestionKind, SurveyAnswerTable } from '../tables.ts';

type Text = [ar: string, fr: string, en: string];

interface SeedQuestion {
  kind: QuestionKind;
  required: boolean;
  about?: 'gender' | 'age_band';
  text: Text;
  options?: Text[];
  /** draws the answer: a value, option positions (0-based), a text, or nothing */
  draw: (r: Random) => { value?: number; options?: number[]; text?: { body: string; status: 'public' | 'pending' } } | null;
}

interface SeedSurvey {
  title: Text;
  intro: Text;
  opens: string;
  closes: string;
  anonymous: boolean;
  topic: 'services' | 'council';
  responses: number;
  channels: [string, number][];
  /** days after the opening over which the answers came */
  spreadDays: number;
  questions: SeedQuestion[];
  seed: number;
}

type Random = { next: () => number; weighted: (weights: number[]) => number };

/** mulberry32: a small seeded generator */
function random(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const weighted = (weights: number[]) => {
    let u = next() * weights.reduce((a, b) => a + b, 0);
    for (const [i, w] of weights.entries()) {
      if ((u -= w) < 0) return i;
    }
    return weights.length - 1;
  };
  return { next, weighted };
}

const csat = (weights: number[]) => (r: Random) => ({ value: r.weighted(weights) + 1 });

const suggestions: [string, 'public' | 'pending'][] = [
  ['نتمنى أن تصبح شهادة السكنى متاحة عبر الإنترنت.', 'public'],
  ['Le site de Watiqa est pratique, mais il faudrait l’annoncer au guichet.', 'public'],
  ['الانتظار في شباك تصحيح الإمضاءات طويل صباح يوم الاثنين.', 'public'],
  ['Merci pour l’accueil, le personnel a été patient.', 'public'],
  ['لم أكن أعلم بوجود منصة رخص، يجب التعريف بها في الأحياء.', 'pending'],
  ['Un SMS quand le document est prêt éviterait des allers-retours.', 'pending'],
  ['يلزم شرح الخطوات لكبار السن في الشباك.', 'pending'],
];

const councilIdeas: [string, 'public' | 'pending'][] = [
  ['نريد معرفة ما تحقق من برنامج عمل الجماعة في كل حي.', 'public'],
  ['Publier les comptes rendus des sessions plus tôt.', 'public'],
  ['تنظيم لقاءات تواصلية في الأحياء البعيدة عن وسط المدينة.', 'pending'],
];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function digitalServices(): SeedSurvey {
  return {
    seed: 2025_10,
    title: ['استطلاع حول الرضى عن الخدمات الرقمية للجماعة (2025)', 'Enquête de satisfaction sur les services numériques de la commune (2025)', "Satisfaction with the commune's digital services (2025)"],
    intro: [
      'في إطار المشروع 3 من برنامج الانفتاح (تعميم رقمنة الخدمات)، نسألكم عن تجربتكم مع المنصات الرقمية وشبابيك الجماعة.',
      'Dans le cadre du projet 3 du programme d’ouverture (généraliser la numérisation des services), nous vous interrogeons sur votre expérience des plateformes numériques et des guichets de la commune.',
      "For project 3 of the openness programme (digital services for all), we ask about your experience of the digital platforms and the commune's desks.",
    ],
    opens: casablancaToIso('2025-10-01T09:00'),
    closes: casablancaToIso('2025-11-30T18:00'),
    anonymous: true,
    topic: 'services',
    responses: 152,
    channels: [['online', 0.6], ['paper', 0.25], ['desk', 0.15]],
    spreadDays: 58,
    questions: [
      { kind: 'csat', required: true, text: ['بشكل عام، ما مدى رضاك عن الخدمات الرقمية للجماعة؟', 'Dans l’ensemble, êtes-vous satisfait·e des services numériques de la commune ?', "Overall, how satisfied are you with the commune's digital services?"], draw: csat([6, 10, 22, 38, 24]) },
      { kind: 'yes_no', required: true, text: ['هل سبق لك أن استعملت منصة «وثيقة» لطلب وثيقة من الحالة المدنية؟', 'Avez-vous déjà utilisé Watiqa pour demander un acte d’état civil ?', 'Have you used Watiqa to request a civil-status document?'], draw: (r) => ({ value: r.next() < 0.46 ? 1 : 0 }) },
      {
        kind: 'single', required: true,
        text: ['كيف قدمت آخر طلب لك؟', 'Comment avez-vous fait votre dernière demande ?', 'How did you make your last request?'],
        options: [['في الشباك', 'Au guichet', 'At the desk'], ['عبر منصة وثيقة', 'Sur Watiqa', 'On Watiqa'], ['عبر بوابة الجماعة', 'Sur le portail de la commune', "On the commune's portal"], ['عبر منصة رخص', 'Sur Rokhas', 'On Rokhas']],
        draw: (r) => ({ options: [r.weighted([48, 30, 12, 10])] }),
      },
      {
        kind: 'multiple', required: false,
        text: ['ما الذي سيحسن خدمات الجماعة في نظرك؟', 'Qu’est-ce qui améliorerait les services de la commune ?', "What would improve the commune's services?"],
        options: [['تقليص مدة الانتظار', 'Moins d’attente', 'Shorter waits'], ['دلائل أوضح للمساطر', 'Des guides plus clairs', 'Clearer guides'], ['خدمات أكثر عبر الإنترنت', 'Plus de services en ligne', 'More services online'], ['توسيع أوقات فتح الشبابيك', 'Des horaires de guichet élargis', 'Longer desk hours'], ['إشعار برسالة نصية عند جاهزية الوثيقة', 'Un SMS quand le document est prêt', 'A text message when the document is ready']],
        draw: (r) => {
          const chosen = [0.55, 0.35, 0.5, 0.2, 0.4].flatMap((p, i) => (r.next() < p ? [i] : []));
          return chosen.length > 0 ? { options: chosen } : null;
        },
      },
      { kind: 'scale', required: false, text: ['ما مدى احتمال أن تنصح أحد أقاربك باستعمال الخدمات الرقمية للجماعة؟', 'Recommanderiez-vous les services en ligne de la commune à un proche ?', "How likely are you to recommend the commune's online services to a relative?"], draw: (r) => (r.next() < 0.85 ? { value: r.weighted([2, 1, 2, 3, 4, 8, 9, 14, 20, 18, 19]) } : null) },
      { kind: 'text', required: false, text: ['اقتراحاتك', 'Vos suggestions', 'Your suggestions'], draw: () => null },
      { kind: 'single', required: false, about: 'gender', text: ['أنت', 'Vous êtes', 'You are'], draw: (r) => (r.next() < 0.9 ? { options: [r.weighted([47, 53])] } : null) },
    ],
  };
}

function councilWork(today: string): SeedSurvey {
  return {
    seed: 2026_04,
    title: ['استطلاع حول الرضى عن عمل المجلس وخدمات الجماعة', 'Enquête de satisfaction sur le travail du conseil et les services de la commune', "Satisfaction with the council's work and the commune's services"],
    intro: [
      'مؤشر أثر المشروع 4 (آلية دائمة للتحاور): رأيكم في عمل المجلس الجماعي وفي مصالح الجماعة. جواب واحد لكل حساب.',
      'Indicateur d’impact du projet 4 (un mécanisme permanent de dialogue) : votre avis sur le travail du conseil communal et les services de la commune. Une réponse par compte.',
      "Project 4's impact indicator (a permanent dialogue mechanism): your view of the communal council's work and the commune's services. One answer per account.",
    ],
    opens: casablancaToIso(`${addDays(today, -10)}T09:00`),
    closes: casablancaToIso(`${addDays(today, 20)}T18:00`),
    anonymous: false,
    topic: 'council',
    responses: 40,
    // gathered so far on paper at the dialogue meetings and at the reception desk
    channels: [['paper', 0.6], ['desk', 0.4]],
    spreadDays: 9,
    questions: [
      { kind: 'csat', required: true, text: ['ما مدى رضاك عن عمل المجلس الجماعي؟', 'Êtes-vous satisfait·e du travail du conseil communal ?', "How satisfied are you with the communal council's work?"], draw: csat([9, 14, 30, 32, 15]) },
      { kind: 'csat', required: true, text: ['ما مدى رضاك عن مصالح الجماعة؟', 'Êtes-vous satisfait·e des services de la commune ?', "How satisfied are you with the commune's services?"], draw: csat([7, 12, 26, 36, 19]) },
      { kind: 'yes_no', required: false, text: ['هل حضرت لقاء تواصليا مع المجلس هذه السنة؟', 'Avez-vous assisté cette année à une rencontre avec le conseil ?', 'Have you attended a meeting with the council this year?'], draw: (r) => ({ value: r.next() < 0.3 ? 1 : 0 }) },
      { kind: 'text', required: false, text: ['ما الذي ينبغي للمجلس تحسينه؟', 'Que devrait améliorer le conseil ?', 'What should the council do better?'], draw: () => null },
    ],
  };
}

async function loadSurvey(db: Db, collectivityId: number, s: SeedSurvey, texts: [string, 'public' | 'pending'][]): Promise<boolean> {
  const exists = await db.selectFrom('survey').select('id').where('collectivity_id', '=', collectivityId).where('title_fr', '=', s.title[1]).executeTakeFirst();
  if (exists) return false;
  const result = await tenantTransaction(db, collectivityId, async (trx) => {
    const at = s.opens;
    const survey = await trx
      .insertInto('survey')
      .values({
        collectivity_id: collectivityId, status: 'published', opens_at: s.opens, closes_at: s.closes, anonymous: s.anonymous ? 1 : 0, audience: 'everyone',
        meeting_id: null, service_id: null, topic: s.topic, published_at: at, is_example: 1,
        title_ar: s.title[0], title_fr: s.title[1], title_en: s.title[2], intro_ar: s.intro[0], intro_fr: s.intro[1], intro_en: s.intro[2], created_at: at, updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [ar, fr, en] = (['ar', 'fr', 'en'] as const).map((l) => translator(l));
    const questions: { id: number; q: SeedQuestion; options: number[] }[] = [];
    for (const [i, q] of s.questions.entries()) {
      const row = await trx
        .insertInto('survey_question')
        .values({ collectivity_id: collectivityId, survey_id: survey.id, position: i + 1, kind: q.kind, required: q.required ? 1 : 0, about: q.about ?? null, text_ar: q.text[0], text_fr: q.text[1], text_en: q.text[2], help_ar: null, help_fr: null, help_en: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const labels: Text[] = q.about === 'gender' ? genders.map((g) => [ar(`surveys.answer.who.${g}`), fr(`surveys.answer.who.${g}`), en(`surveys.answer.who.${g}`)]) : (q.options ?? []);
      const options: number[] = [];
      for (const [k, o] of labels.entries()) {
        const opt = await trx.insertInto('survey_option').values({ collectivity_id: collectivityId, survey_id: survey.id, question_id: row.id, position: k + 1, label_ar: o[0], label_fr: o[1], label_en: o[2] }).returning('id').executeTakeFirstOrThrow();
        options.push(opt.id);
      }
      questions.push({ id: row.id, q, options });
    }
    const r = random(s.seed);
    const start = Date.parse(s.opens);
    const textQuestion = questions.find((x) => x.q.kind === 'text');
    // a free text every ~12 answers, each suggestion once
    const textAt = new Map(texts.map((t, k) => [Math.floor(((k + 0.5) * s.responses) / texts.length), t]));
    for (let n = 0; n < s.responses; n++) {
      const channel = s.channels[r.weighted(s.channels.map(([, w]) => w))][0];
      const created = new Date(start + ((n + r.next()) / s.responses) * s.spreadDays * 86_400_000 + 3_600_000).toISOString();
      const drawn = questions.map((x) => ({ x, a: x.q.draw(r) }));
      const genderAnswer = drawn.find((d) => d.x.q.about === 'gender')?.a?.options?.[0];
      const gender = genderAnswer !== undefined ? genders[genderAnswer] : s.anonymous ? null : genders[r.weighted([45, 55])];
      const ageBand = s.anonymous ? null : ageBands[1 + r.weighted([18, 30, 28, 16, 8])];
      const response = await trx
        .insertInto('survey_response')
        .values({ collectivity_id: collectivityId, survey_id: survey.id, user_id: null, device_hash: null, channel, entered_by: null, gender, age_band: ageBand, is_example: 1, created_at: created })
        .returning('id')
        .executeTakeFirstOrThrow();
      const base = { collectivity_id: collectivityId, survey_id: survey.id, response_id: response.id, channel, gender, age_band: ageBand };
      const rows = drawn.flatMap(({ x, a }): Insertable<SurveyAnswerTable>[] => {
        if (x.q.kind === 'text') return [];
        if (!a) return [];
        if (a.options) return a.options.map((k) => ({ ...base, question_id: x.id, option_id: x.options[k], value: null, text: null, text_status: null }));
        return [{ ...base, question_id: x.id, option_id: null, value: a.value ?? null, text: null, text_status: null }];
      });
      const text = textAt.get(n);
      if (text && textQuestion) rows.push({ ...base, question_id: textQuestion.id, option_id: null, value: null, text: text[0], text_status: text[1] });
      if (rows.length > 0) await trx.insertInto('survey_answer').values(rows).execute();
    }
    return true;
  });
  return result.ok;
}

export async function loadSettatSurveys(db: Db, options: DemoOptions): Promise<boolean> {
  const c = await db.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
  if (!c) return false;
  const a = await loadSurvey(db, c.id, digitalServices(), suggestions);
  const b = await loadSurvey(db, c.id, councilWork(options.today), councilIdeas);
  return a || b;
}
