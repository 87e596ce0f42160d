// Counts in every catalog go through ICU plural rules. Arabic has six plural categories (zero,
// one, two, few: 3–10, many: 11–99, other: 100…) and a noun after a number changes with them:
// "3 أنشطة", "11 نشاطا", "100 نشاط". A message that is a plural in any locale must be one in
// Arabic, with a form for every category, and is rendered here at 0, 1, 2, 3, 11 and 100.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntlMessageFormat } from 'intl-messageformat';
import { modules } from '../../modules/index.ts';
import { catalogKeys, intlLocale, loadCatalogs, locales, rawMessage, translator } from './i18n.ts';

for (const m of modules) loadCatalogs(m.localesDir, m.name);

const COUNTS = [0, 1, 2, 3, 11, 100];
const ARABIC_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** An element of intl-messageformat's AST, as far as this test reads it. */
interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}
// element types of @formatjs/icu-messageformat-parser
const ARGUMENT = 1, NUMBER = 2, DATE = 3, TIME = 4, SELECT = 5, PLURAL = 6;

const astOf = (locale: string, key: string) => new IntlMessageFormat(rawMessage(locale as never, key)!, intlLocale[locale as never]).getAst() as Element[];

/** Every placeholder of a message: its name and whether it is a plural, a select, a number… */
function placeholders(elements: Element[], into = new Map<string, Set<number>>()) {
  for (const e of elements) {
    if (e.value !== undefined && [ARGUMENT, NUMBER, DATE, TIME, SELECT, PLURAL].includes(e.type)) {
      if (!into.has(e.value)) into.set(e.value, new Set());
      into.get(e.value)!.add(e.type);
    }
    for (const o of Object.values(e.options ?? {})) placeholders(o.value, into);
    if (e.children) placeholders(e.children, into);
  }
  return into;
}

function plurals(elements: Element[], into: Element[] = []) {
  for (const e of elements) {
    if (e.type === PLURAL) into.push(e);
    for (const o of Object.values(e.options ?? {})) plurals(o.value, into);
  }
  return into;
}

/** Keys whose message has a plural in at least one locale, with the plural placeholders. */
function pluralMessages() {
  const found = new Map<string, Set<string>>();
  for (const key of catalogKeys('ar')) {
    for (const l of locales) {
      for (const p of plurals(astOf(l, key))) {
        if (!found.has(key)) found.set(key, new Set());
        found.get(key)!.add(p.value!);
      }
    }
  }
  return found;
}

/** Sample values: the count for plural placeholders, a word or number for the others. */
function sampleValues(key: string, count: number, countArgs: Set<string>) {
  const values: Record<string, string | number> = {};
  for (const l of locales) {
    for (const [name, types] of placeholders(astOf(l, key))) {
      if (countArgs.has(name) || types.has(NUMBER)) values[name] = count;
      else if (types.has(SELECT)) values[name] = 'other';
      else values[name] = 'X';
    }
  }
  return values;
}

test('there are plural messages in every module that counts', () => {
  const keys = [...pluralMessages().keys()];
  assert.ok(keys.length > 40, `only ${keys.length} plural messages`);
  for (const ns of ['programme', 'cocreation', 'evaluation', 'transfer', 'budget', 'tracking', 'collectivities', 'accounts']) {
    assert.ok(keys.some((k) => k.startsWith(`${ns}.`)), `no plural message in ${ns}`);
  }
});

test('every plural message has the six Arabic forms', () => {
  const missing: string[] = [];
  for (const [key, args] of pluralMessages()) {
    const arabic = new Map(plurals(astOf('ar', key)).map((p) => [p.value!, p]));
    for (const arg of args) {
      const p = arabic.get(arg);
      if (!p) missing.push(`${key}: {${arg}} is a plural in another locale but not in Arabic`);
      const categories = Object.keys(p?.options ?? {});
      for (const c of ARABIC_CATEGORIES) {
        if (p && !categories.includes(c) && !(c === 'zero' && categories.includes('=0'))) missing.push(`${key}: {${arg}} has no "${c}" form`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

/** One branch of a plural rendered on its own, with `#` standing for `n`. */
function renderBranch(branch: { value: Element[] }, n: number, values: Record<string, string | number>): string {
  const ast = [{ type: PLURAL, value: '__n', options: { other: branch }, offset: 0, pluralType: 'cardinal' }];
  return String(new IntlMessageFormat(ast as never, intlLocale.ar).format({ ...values, __n: n }));
}
/** Whether `part` is in `text` and ends where a word ends, punctuation ignored. */
const hasWords = (text: string, part: string) => ` ${normal(text)} `.includes(`${normal(part)} `);

test('every plural message renders counts 0, 1, 2, 3, 11 and 100 with the Arabic category forms', () => {
  const rules = new Intl.PluralRules(intlLocale.ar);
  for (const [key, args] of pluralMessages()) {
    const arabic = plurals(astOf('ar', key));
    for (const n of COUNTS) {
      const values = sampleValues(key, n, args);
      for (const l of locales) assert.doesNotThrow(() => translator(l)(key, values), `${l}:${key} at ${n}`);
      const text = translator('ar')(key, values);
      assert.doesNotMatch(text, /[\u0660-\u0669]/, `ar:${key}: Arabic-Indic digits`);
      const category = rules.select(n);
      for (const p of arabic) {
        const options = p.options!;
        // the form of the count's category is used…
        const chosen = options[`=${n}`] ?? options[category] ?? options.other;
        assert.ok(hasWords(text, renderBranch(chosen, n, values)), `ar:${key} at ${n} should use its "${category}" form: ${text}`);
        // …and never the accusative of 11–99 for another count ("0 نشاطا", "2 نشاطا", "100 نشاطا")
        if (category !== 'many' && options.many && renderBranch(options.many, n, values) !== renderBranch(options.other, n, values)) {
          assert.ok(!hasWords(text, renderBranch(options.many, n, values)), `ar:${key} at ${n} uses the form of 11–99: ${text}`);
        }
      }
    }
  }
});

const normal = (s: string) => s.replaceAll(/[^\p{L}\p{N} ]+/gu, ' ').replaceAll(/\s+/g, ' ').trim();

// A count followed by a noun in an Arabic message ("{max} ملفات") needs a plural; units and
// symbols do not change with the number, and a verb after a count ("منهم 3 سجلوا") agrees anyway.
const COUNT_NAMES = /^(?:count|total|max|min|days|hours|minutes|months|years|rows|cells|women|men|online|paper|workshop|other)$/;
const UNITS = /^(?:درهم|ميغابايت|كيلوبايت|بكسل)/;
const PARTICLES = new Set(['و', 'من', 'عبر', 'في', 'إلى', 'على', 'بعد', 'قبل']);
const VERB_AFTER_COUNT = new Set(['budget.admin.inPersonCount']);
test('no Arabic message puts a bare count before a noun', () => {
  const offenders: string[] = [];
  for (const key of catalogKeys('ar')) {
    if (VERB_AFTER_COUNT.has(key)) continue;
    for (const m of rawMessage('ar', key)!.matchAll(/\{(\w+)(?:, number)?\} ([^\s{}]+)/g)) {
      if (COUNT_NAMES.test(m[1]) && /^[\u0600-\u06FF]/.test(m[2]) && !UNITS.test(m[2]) && !PARTICLES.has(m[2])) offenders.push(`${key}: ${m[0]}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('counts in Arabic, examples', () => {
  const t = translator('ar');
  assert.equal(t('evaluation.report.done', { count: 0 }), 'لا نشاط منجز');
  assert.equal(t('evaluation.report.late', { count: 8 }), '8 أنشطة متأخرة');
  assert.equal(t('evaluation.report.late', { count: 11 }), '11 نشاطا متأخرا');
  assert.equal(t('evaluation.report.late', { count: 100 }), '100 نشاط متأخر');
  assert.equal(t('errors.tooManyFiles', { max: 2 }), 'يمكن إرفاق ملفين على الأكثر.');
  assert.equal(translator('en')('evaluation.report.done', { count: 1 }), '1 activity done');
});

test('a message formatted again with the same values reads the same; other values, other forms', () => {
  const t = translator('ar');
  const key = catalogKeys('ar').find((k) => /\{\s*count\s*,\s*plural/.test(rawMessage('ar', k)!))!;
  const fresh = (count: number) => String(new IntlMessageFormat(rawMessage('ar', key)!, intlLocale.ar).format({ count }));
  for (const count of [...COUNTS, ...COUNTS]) assert.equal(t(key, { count }), fresh(count), `${key} at ${count}`);
  assert.notEqual(t(key, { count: 3 }), t(key, { count: 11 }));
  // the same key in another locale is formatted in that locale
  assert.equal(translator('fr')(key, { count: 3 }), String(new IntlMessageFormat(rawMessage('fr', key)!, intlLocale.fr).format({ count: 3 })));
});
