import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import {
  likePattern,
  mostSimilar,
  normalize,
  searchTerms,
  similarity,
  SIMILARITY_THRESHOLD,
  tokens,
} from './normalize.ts';

const same = (...texts: string[]) => {
  const forms = texts.map(normalize);
  assert.deepEqual(forms, forms.map(() => forms[0]), texts.join(' / '));
};

test('Arabic: diacritics, tatweel, hamza forms, ta marbuta, alef maqsura are folded', () => {
  same('الرَّقْمَنَة', 'الرقمنه', 'الرقمنة');
  same('إحداث', 'احداث', 'أحداث', 'ٱحداث');
  same('آبار', 'ابار');
  same('مستشفى', 'مستشفي');
  same('هيـــئة', 'هيئة', 'هيىة', 'هييه'); // ئ → ي and ى → ي meet
  same('مسؤول', 'مسوول');
  same('إنشاء', 'انشاء', 'انشا'); // the standalone hamza is dropped
  same('القرآنُ الكريمۖ', 'القران الكريم'); // Quranic annotation signs
  same('کتاب یومی', 'كتاب يومي'); // Persian keheh and yeh
  same('ﻻ ﷲ', 'لا الله'); // presentation forms (NFKC)
  assert.equal(normalize('الرَّقْمَنَة'), 'الرقمنه');
  assert.equal(normalize('هيـــئة'), 'هييه');
});

test('digits, Latin accents, ligatures, punctuation and spaces', () => {
  assert.equal(normalize('٢٠٢٤'), '2024');
  assert.equal(normalize('۲۰۲۴'), '2024');
  assert.equal(normalize('Équité'), 'equite');
  assert.equal(normalize('Œuvre ÆGIS Ça ﬁn'), 'oeuvre aegis ca fin');
  assert.equal(normalize("  L'égalité  des   chances !\n"), 'l egalite des chances');
  assert.equal(normalize('«مرحبا»، كيف؟ نعم؛ لا'), 'مرحبا كيف نعم لا');
  assert.equal(normalize('50%_x a-b\\c'), '50 x a b c');
  assert.equal(normalize('ab\u00ADcd \u200Fمدرسة\u200C'), 'abcd مدرسه'); // invisible characters
  assert.equal(normalize(''), '');
  assert.equal(normalize(' ،؟ '), '');
});

test('normalize is idempotent, for every BMP character alone and inside words', () => {
  for (let cp = 0; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    for (const text of [c, `a${c}ب${c}é`]) {
      const once = normalize(text);
      assert.equal(normalize(once), once, `U+${cp.toString(16)}`);
    }
  }
  for (const text of ['الرَّقْمَنَة والإنارةُ ١٢', "Créer l'Œuvre « ÉTÉ » ²", 'ﷺ ﻷ ﭐ ٱ']) {
    assert.equal(normalize(normalize(text)), normalize(text));
  }
});

test('searchTerms: normalized words, no 1-letter words, no duplicates, at most 8, no article', () => {
  assert.deepEqual(searchTerms("L'Équité à l'école"), ['equite', 'ecole']);
  assert.deepEqual(searchTerms('رقمنة و الحالة المدنيّة'), ['رقمنه', 'حاله', 'مدنيه']);
  assert.deepEqual(searchTerms('للرقمنة والرقمنة بالرقمنة الرقمنة'), ['رقمنه']);
  assert.deepEqual(searchTerms('ال الما'), ['ال', 'الما']); // too short to lose the article
  assert.deepEqual(searchTerms('  ،  '), []);
  assert.equal(searchTerms('un deux trois quatre cinq six sept huit neuf dix').length, 8);
});

test('likePattern escapes LIKE wildcards and the escape character', () => {
  assert.equal(likePattern('50%_x'), '%50\\%\\_x%');
  assert.equal(likePattern('a\\b'), '%a\\\\b%');
  assert.equal(likePattern('مدرسه'), '%مدرسه%');
});

test('searchTerms + likePattern find proposals over a normalized column (SQLite, ESCAPE)', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE p (id INTEGER, search_text TEXT)');
  const rows = [
    'تسريع رقمنة الخدمات الجماعية للحالة المدنية',
    'إنارة الأحياء الشعبية',
    "Créer un espace numérique pour l'instance de l'Équité",
    'Réduire de 50% les délais',
    'Réduire de 50 jours les délais',
  ];
  const insert = db.prepare('INSERT INTO p VALUES (?, ?)');
  rows.forEach((text, i) => insert.run(i, normalize(text)));
  const find = (query: string): number[] => {
    const terms = searchTerms(query);
    if (terms.length === 0) return [];
    const where = terms.map(() => "search_text LIKE ? ESCAPE '\\'").join(' AND ');
    return db.prepare(`SELECT id FROM p WHERE ${where} ORDER BY id`).all(...terms.map(likePattern))
      .map((r) => (r as { id: number }).id);
  };
  assert.deepEqual(find('الرَّقْمَنَة'), [0]);
  assert.deepEqual(find('الحالة المدنيه'), [0]);
  assert.deepEqual(find('الانارة'), [1]);
  assert.deepEqual(find('equite NUMÉRIQUE'), [2]);
  assert.deepEqual(find('50%'), [3, 4]); // % is punctuation, never a wildcard
  assert.deepEqual(find('مدرسة'), []);
  // normalized text has no % or _, but escaped patterns stay literal on any column
  const like = db.prepare("SELECT ? LIKE ? ESCAPE '\\' AS hit");
  const hit = (text: string, term: string) => (like.get(text, likePattern(term)) as { hit: number }).hit;
  assert.equal(hit('-50% off', '50%'), 1);
  assert.equal(hit('500 off', '50%'), 0);
  assert.equal(hit('a_b', 'a_b'), 1);
  assert.equal(hit('axb', 'a_b'), 0);
  assert.equal(hit('a\\b', 'a\\b'), 1);
  db.close();
});

test('tokens: stopwords dropped, light stemming merges forms of one word', () => {
  for (const w of ['الرقمنة', 'رقمنة', 'والرقمنة', 'بالرقمنة', 'للرقمنة', 'فالرقمنة', 'ورقمنة']) {
    assert.deepEqual([...tokens(w)], ['رقمن'], w);
  }
  assert.deepEqual([...tokens('الخدمات خدمة')], ['خدم']);
  assert.deepEqual([...tokens('المواطنين والمواطنون')], ['مواطن']);
  assert.deepEqual([...tokens('وزارة الوزارة والوزارة')], ['زار']);
  assert.deepEqual([...tokens('في من على إلى الى عن مع و أو وفي ومن هذه التي أن إن كان يكون')], []);
  assert.deepEqual([...tokens("Créer un espace pour l'instance de l'égalité et des femmes")], ['espace', 'instance', 'egalite', 'femme']);
  assert.deepEqual([...tokens('the services of a city and prix bus')], ['service', 'city', 'prix', 'bus']);
  assert.deepEqual([...tokens('واد الواد')], ['واد']); // too short to strip
});

// Pairs of proposal titles: [a, b, should they be shown as similar?]
const pairs: [string, string, boolean][] = [
  ['رقمنة خدمات الحالة المدنية', 'تسريع رقمنة الخدمات الجماعية للحالة المدنية', true],
  ['رقمنة خدمات الحالة المدنية', 'إنارة الأحياء الشعبية', false],
  ["Créer un espace numérique pour l'instance de l'égalité", "espace électronique de l'instance égalité", true],
  ['إنارة الأحياء الشعبية', 'تعميم الإنارة العمومية في الأحياء', true],
  ['إنارة الأحياء الشعبية', 'تهيئة الحدائق العمومية في الأحياء', false],
  ['تهيئة ملعب القرب بحي السلام', 'إحداث ملعب للقرب في حي السلام', true],
  ['تهيئة ملعب القرب بحي السلام', 'تهيئة الطريق الرابطة بين الدواوير', false],
  ['جمع النفايات المنزلية بانتظام', 'تحسين جمع النفايات في الأحياء', true],
  ['تعبيد الطرق في الدواوير', 'إصلاح وتعبيد الطرقات القروية بالدواوير', true],
  ['شبكة التطهير السائل', 'ربط الدوار بشبكة التطهير السائل', true],
  ['بناء دار الشباب', 'بناء مستوصف', false],
  ['توفير سيارة إسعاف للجماعة', 'اقتناء سيارة للنقل المدرسي', false],
  ['دعم الأنشطة الاجتماعية', 'تنظيم الأنشطة الرياضية الجماعية', false],
  ['Éclairage public du quartier', "Améliorer l'éclairage public dans les quartiers", true],
  ['Éclairage public du quartier', 'Transport public vers le souk', false],
  ['Ramassage des déchets ménagers', 'Collecte régulière des déchets ménagers', true],
  ["Numérisation de l'état civil", "Numériser les services de l'état civil", true],
  ['Rénovation des écoles primaires', "Rénover l'école primaire du douar", true],
  ['Sécurité routière près des écoles', 'Ralentisseurs devant les écoles pour la sécurité', true],
  ['Installation de caméras de surveillance', 'Installation de bancs publics', false],
  ['Créer une piste cyclable', 'Créer un marché hebdomadaire', false],
];

test(`similarity separates similar from unrelated titles at the default threshold (${SIMILARITY_THRESHOLD})`, () => {
  for (const [a, b, similar] of pairs) {
    const s = similarity(a, b);
    assert.ok(s >= 0 && s <= 1);
    assert.equal(similarity(b, a), s, 'symmetric');
    assert.equal(s >= SIMILARITY_THRESHOLD, similar, `${s.toFixed(2)}: ${a} / ${b}`);
  }
  assert.equal(similarity('الرقمنة', 'الرَّقْمَنَة'), 1);
  assert.equal(similarity('في من على', 'في من على'), 0); // nothing but stopwords
  assert.equal(similarity('', ''), 0);
});

test('mostSimilar ranks the matching proposal first, above the threshold, within the limit', () => {
  const proposals = [
    { id: 1, title: 'إنارة الأحياء الشعبية' },
    { id: 2, title: 'تهيئة الحدائق العمومية' },
    { id: 3, title: 'تسريع رقمنة الخدمات الجماعية للحالة المدنية' },
    { id: 4, title: 'إحداث فضاء رقمي للشباب' },
    { id: 5, title: 'Numérisation des archives communales' },
    { id: 6, title: 'تحسين استقبال المرتفقين بمكتب الحالة المدنية' },
  ];
  const found = mostSimilar('رقمنة خدمات الحالة المدنية', proposals, (p) => p.title);
  assert.deepEqual(found.map((r) => r.item.id), [3, 6]);
  assert.ok(found[0]!.score > found[1]!.score);
  assert.ok(found.every((r) => r.score >= SIMILARITY_THRESHOLD));

  assert.deepEqual(mostSimilar('رقمنة خدمات الحالة المدنية', proposals, (p) => p.title, { limit: 1 }).map((r) => r.item.id), [3]);
  // threshold 0 still leaves out candidates sharing no word
  assert.deepEqual(mostSimilar('رقمنة الحالة', proposals, (p) => p.title, { threshold: 0 }).map((r) => r.item.id), [3, 6]);
  assert.deepEqual(mostSimilar('numérisation archive', proposals, (p) => p.title).map((r) => r.item.id), [5]);
  assert.deepEqual(mostSimilar('', proposals, (p) => p.title), []);
  assert.deepEqual(mostSimilar('ملعب كرة القدم', proposals, (p) => p.title), []);
});
