// ICU MessageFormat catalogs per locale (intl-messageformat). Platform keys live in
// src/platform/locales; each module's keys live in its own locales/ folder, namespaced by module.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

export const locales = ['ar', 'fr', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'ar';

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (locales as readonly string[]).includes(v);
export const direction = (l: Locale): "rtl" | "ltr" => (l === "ar" ? "rtl" : "ltr");

/**
 * The language texts are written in, from their script: Arabic letters against Latin letters.
 * Latin script is taken as French (the administration's second language); English only when
 * someone says so.
 */
export function localeOfText(texts: string | Iterable<string>): Locale {
  let arabic = 0;
  let latin = 0;
  for (const text of typeof texts === 'string' ? [texts] : texts) {
    for (const ch of text) {
      if (/\p{Script=Arabic}/u.test(ch)) arabic++;
      else if (/\p{Script=Latin}/u.test(ch)) latin++;
    }
  }
  return latin > arabic ? 'fr' : 'ar';
}

/** BCP 47 tags used with Intl: Western digits everywhere, as in the programme documents. */
export const intlLocale: Record<Locale, string> = { ar: 'ar-MA-u-nu-latn', fr: 'fr-MA', en: 'en-GB' };

type Values = Record<string, string | number | Date | null | undefined>;
export type Translate = (key: string, values?: Values) => string;

/** A message of a catalog, with what formatting it has needed so far. */
interface Message {
  source: string;
  /** no placeholder: the text is the source */
  plain: boolean;
  format?: IntlMessageFormat;
  /** texts already formatted, by their values (memoKey) */
  texts?: Map<unknown, string>;
}

const messages: Record<Locale, Map<string, Message>> = { ar: new Map(), fr: new Map(), en: new Map() };

function flatten(prefix: string, obj: Record<string, unknown>, into: Map<string, Message>) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') into.set(key, { source: v, plain: !v.includes('{') });
    else if (v && typeof v === 'object') flatten(key, v as Record<string, unknown>, into);
  }
}

/** Loads `{folder}/{locale}.json` for each locale, with keys prefixed by `namespace` ('' for none). */
export function loadCatalogs(folder: string, namespace: string): void {
  for (const l of locales) {
    const json = JSON.parse(readFileSync(join(folder, `${l}.json`), 'utf8'));
    flatten(namespace, json, messages[l]);
  }
}

export function catalogKeys(locale: Locale): string[] {
  return [...messages[locale].keys()];
}

export const rawMessage = (locale: Locale, key: string) => messages[locale].get(key)?.source;

/** The text kept under `key` in `texts`, else `write()`'s, kept. Formatting (plural rules, number
 *  and date formats) costs microseconds each time, and a page writes hundreds of texts. Bounded:
 *  keys may hold free text, so a map is emptied when it holds 20,000. */
export function remembered(texts: Map<string, string>, key: string, write: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    if (texts.size >= 20_000) texts.clear();
    texts.set(key, (text = write()));
  }
  return text;
}

/** What a message's formatted text is kept under: a single value itself (a page says "Activity
 *  {n}" or "{days} days late" for every row), several as name=value pairs; null for a date, whose
 *  text depends on more than its string. Not JSON: hashing a long new string for every call cost
 *  more than the memo saved. */
function memoKey(values: Values): unknown {
  let first: unknown;
  let firstName = '';
  let many: string | undefined;
  for (const name in values) {
    const v = values[name];
    if (v instanceof Date) return null;
    if (firstName === '') {
      first = v;
      firstName = name;
    } else many = `${many ?? `${firstName}\u0001${first}`}\u0000${name}\u0001${v}`;
  }
  return many ?? first;
}

/** Formatted texts kept across messages; values may be free text (a place's name), so all are
 *  forgotten at once when they reach this many. */
const MAX_KEPT = 20_000;
let kept = 0;
const keeping = new Set<Message>();

function formatted(m: Message, locale: Locale, values: Values | undefined): string {
  m.format ??= new IntlMessageFormat(m.source, intlLocale[locale]);
  return String(m.format.format(values as Record<string, string | number | Date>));
}

export function translator(locale: Locale): Translate {
  const catalog = messages[locale];
  return (key, values) => {
    const m = catalog.get(key);
    if (m === undefined) return key; // tests check that every key exists in every locale
    if (m.plain && !values) return m.source;
    const memo = values ? memoKey(values) : undefined;
    if (memo === null) return formatted(m, locale, values);
    let text = m.texts?.get(memo);
    if (text === undefined) {
      text = formatted(m, locale, values);
      if (kept >= MAX_KEPT) {
        for (const k of keeping) k.texts = undefined;
        keeping.clear();
        kept = 0;
      }
      (m.texts ??= new Map()).set(memo, text);
      keeping.add(m);
      kept++;
    }
    return text;
  };
}

loadCatalogs(join(import.meta.dirname, '..', 'locales'), '');
