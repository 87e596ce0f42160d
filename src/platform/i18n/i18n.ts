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

const messages: Record<Locale, Map<string, string>> = { ar: new Map(), fr: new Map(), en: new Map() };
const compiled = new Map<string, IntlMessageFormat>();

function flatten(prefix: string, obj: Record<string, unknown>, into: Map<string, string>) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') into.set(key, v);
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

export const rawMessage = (locale: Locale, key: string) => messages[locale].get(key);

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

/** Messages formatted with their values: a page says "Activity {n}" or "{days} days late" for
 *  every row. */
const formatted = new Map<string, string>();

export function translator(locale: Locale): Translate {
  return (key, values) => {
    const source = messages[locale].get(key);
    if (source === undefined) return key; // tests check that every key exists in every locale
    if (!values && !source.includes('{')) return source;
    const id = `${locale}\u0000${key}`;
    const format = () => {
      let fmt = compiled.get(id);
      if (!fmt) {
        fmt = new IntlMessageFormat(source, intlLocale[locale]);
        compiled.set(id, fmt);
      }
      return String(fmt.format(values as Record<string, string | number | Date>));
    };
    // dates are not kept: their JSON would mistake them for a string of the same text
    if (values && Object.values(values).some((v) => v instanceof Date)) return format();
    return remembered(formatted, `${id}\u0000${JSON.stringify(values ?? null)}`, format);
  };
}

loadCatalogs(join(import.meta.dirname, '..', 'locales'), '');
