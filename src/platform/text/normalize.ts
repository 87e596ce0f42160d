// Arabic- and French-aware matching of short citizen texts (proposal titles and descriptions).
// `normalize` produces the stored search column; `searchTerms` + `likePattern` query it with LIKE;
// `tokens`, `similarity` and `mostSimilar` find "similar existing proposals". No dependencies.

// Letters folded together after diacritics are gone. Hamza carriers (أ إ آ ؤ ئ) need no entry:
// NFKD splits them into the bare letter plus a combining hamza/madda, which is stripped as a mark.
const FOLD: Record<string, string> = {
  'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا', // alef wasla and wavy-hamza alefs
  'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ۍ': 'ي', // alef maqsura, Persian/Urdu/Pashto yeh
  'ک': 'ك', 'ڪ': 'ك', // Persian keheh, swash kaf
  'ة': 'ه', 'ۃ': 'ه', 'ہ': 'ه', 'ە': 'ه', // ta marbuta and heh variants
  'œ': 'oe', 'æ': 'ae',
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'gu');

/**
 * Canonical form for storage and search: lowercase, no diacritics (Arabic tashkeel or Latin
 * accents), unified Arabic letter variants, ASCII digits, words separated by single spaces.
 * The standalone hamza ء (and high hamza ٴ) is REMOVED, like the hamza on carriers, because
 * citizens write it inconsistently: انشاء, إنشاء and انشا all become انشا.
 * Idempotent: normalize(normalize(x)) === normalize(x).
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC') // presentation forms and ligatures (ﻻ, ﬁ, ①) to plain letters
    .toLowerCase()
    .normalize('NFKD') // split accents and hamza/madda off their base letters
    .replace(/[\p{M}\u0640\u06D6-\u06ED\u0621\u0674]/gu, '') // marks, tatweel, Quranic signs, hamza
    .replace(/\p{Cf}/gu, '') // invisible joiners, direction marks, soft hyphens: not word breaks
    .replace(FOLD_RE, (c) => FOLD[c]!)
    .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) & 0xf)) // ٠-٩ ۰-۹ end in 0-9
    .replace(/[^\p{L}\p{N}]+/gu, ' ') // punctuation (، ؛ ؟ « » too), symbols, spaces
    .trim();
}

const MAX_TERMS = 8;
const ARTICLE = /^(?:وال|فال|بال|كال|ال|لل)/; // the definite article, alone or after و ف ب ك ل

/**
 * Normalized words of a search query, to be ANDed with LIKE '%term%' over the normalized column.
 * Drops 1-letter words and duplicates, keeps at most 8. A leading article is removed so that
 * "الرقمنة" also finds "رقمنة" (the LIKE substring match still finds "الرقمنة" and "للرقمنة").
 */
export function searchTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const word of normalize(query).split(' ')) {
    const m = ARTICLE.exec(word);
    const term = m && word.length - m[0].length >= 3 ? word.slice(m[0].length) : word;
    if (term.length >= 2) terms.add(term);
    if (terms.size === MAX_TERMS) break;
  }
  return [...terms];
}

/**
 * `%term%` with `\`, `%` and `_` escaped by a backslash. The SQL must declare the escape
 * character, e.g. `search_text LIKE ? ESCAPE '\'` (SQLite has no default escape character).
 */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, '\\$&')}%`;
}

// Stopwords as written; normalized once so they compare with normalized words (إلى → الي).
const STOPWORDS = new Set(
  [
    // Arabic
    'في من على إلى الى عن مع و أو ثم هذا هذه ذلك تلك هؤلاء التي الذي الذين اللذين اللتين اللواتي',
    'ما لا لم لن قد كل بين عند حول أن إن ان كان كانت يكون تكون هو هي هم نحن أنا أي أيضا حتى',
    'بعد قبل خلال ضمن عبر لدى إذا كما لكن بل غير دون منذ نحو أجل قصد بهدف لفائدة وذلك به بها',
    'له لها لهم فيه فيها منه منها عليه عليها',
    // French
    'le la les un une des de du d l et ou a au aux en pour par sur dans avec que qui ne pas plus',
    'ce cet cette ces se sa son ses leur leurs il elle ils elles nous vous on y est sont être',
    'qu s n c j m t afin entre sans sous chez comme mais donc tout tous toute toutes très notre nos',
    // Generic verbs and nouns of proposal titles, common to unrelated proposals ("بناء دار الشباب"
    // vs "بناء مستوصف"): they say what kind of action, not what the proposal is about.
    'إحداث إنشاء بناء تهيئة تأهيل إصلاح تحسين تعزيز تطوير تعميم توفير تسريع دعم اقتراح مشروع',
    'créer création aménager aménagement améliorer amélioration mettre mise renforcer',
    'développer développement projet proposition',
    // English
    'the of and to in for on with a an is are be by at from this that it as or',
  ].flatMap((line) => normalize(line).split(' ')),
);

const ARABIC_WORD = /^[\u0620-\u064A]+$/;
const LATIN_WORD = /^[a-z]+$/;
const CONJUNCTION = /^[وف]/;
const ARTICLE_AFTER_CONJUNCTION = /^(?:ال|بال|كال|فال|لل)/;
const SUFFIX = /(?:ات|ون|ين|ها|ه)$/;

/** Strip `re`'s match when at least 3 letters remain (shorter stems merge unrelated words). */
function strip(word: string, re: RegExp): string {
  const m = re.exec(word);
  return m && word.length - m[0].length >= 3 ? word.replace(re, '') : word;
}

/**
 * Light Arabic stemming: و/ف, then the article, then و/ف again, then one suffix.
 * The second و/ف strip keeps "وزارة" and "الوزارة" on the same stem (زار), at the price of
 * also cutting a root و/ف: every form of a word is cut alike, so it rarely merges distinct words.
 */
function stemArabic(word: string): string {
  let w = strip(word, CONJUNCTION);
  w = strip(w, ARTICLE_AFTER_CONJUNCTION);
  w = strip(w, CONJUNCTION);
  return strip(w, SUFFIX);
}

function isStopword(word: string): boolean {
  return STOPWORDS.has(word) || (CONJUNCTION.test(word) && STOPWORDS.has(word.slice(1))); // وفي, ومن
}

/** Normalized, stemmed content words of a text (stopwords and 1-letter words dropped). */
export function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of normalize(text).split(' ')) {
    if (word.length < 2 || isStopword(word)) continue;
    let stem = word;
    if (ARABIC_WORD.test(word)) stem = stemArabic(word);
    else if (LATIN_WORD.test(word) && word.length - 1 >= 4) stem = word.replace(/[sx]$/, '');
    out.add(stem);
  }
  return out;
}

/** Dice coefficient 2|A∩B| / (|A|+|B|) over `tokens`; 0 when either text has no content word. */
export function similarity(a: string, b: string): number {
  return dice(tokens(a), tokens(b));
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * Default cut-off of `mostSimilar`, measured on the title pairs of normalize.test.ts: unrelated
 * titles sharing one word score 0.29–0.33, similar ones 0.5 and up. For short titles 0.4 means
 * two shared content words, or one when both titles have at most 5 content words together. Tuned on titles:
 * pass a lower threshold when comparing titles plus descriptions, whose token sets are larger.
 */
export const SIMILARITY_THRESHOLD = 0.4;

/** Candidates whose text scores at least `threshold` against the query, best first. */
export function mostSimilar<T>(
  query: string,
  candidates: T[],
  text: (c: T) => string,
  options: { limit?: number; threshold?: number } = {},
): { item: T; score: number }[] {
  const { limit = 5, threshold = SIMILARITY_THRESHOLD } = options;
  const q = tokens(query);
  return candidates
    .map((item) => ({ item, score: dice(q, tokens(text(item))) }))
    .filter((r) => r.score > 0 && r.score >= threshold)
    .sort((x, y) => y.score - x.score) // stable: ties keep the candidates' order
    .slice(0, limit);
}
