// The language an imported plan is written in, from its script: its text goes into that
// locale's columns (a French matrix must not land in the Arabic ones). Arabic letters against
// Latin letters over every title; French is taken for Latin script (the administration's
// second language), English only when staff choose it.
import type { Locale } from '../../platform/i18n/i18n.ts';
import type { ImportPlan } from './plan.ts';

export const textLocales = ['auto', 'ar', 'fr', 'en'] as const;
export type TextLocaleChoice = (typeof textLocales)[number];

export function detectLocale(texts: Iterable<string>): Locale {
  let arabic = 0;
  let latin = 0;
  for (const text of texts) {
    for (const ch of text) {
      if (/\p{Script=Arabic}/u.test(ch)) arabic++;
      else if (/\p{Script=Latin}/u.test(ch)) latin++;
    }
  }
  return latin > arabic ? 'fr' : 'ar';
}

function* titles(plan: ImportPlan): Generator<string> {
  for (const axis of plan.axes) {
    yield axis.title;
    for (const project of axis.projects) {
      yield project.title;
      for (const a of project.activities) yield a.title;
    }
  }
}

/** The locale chosen at import, or the one the plan's script says. */
export const planLocale = (plan: ImportPlan, choice: TextLocaleChoice | undefined): Locale =>
  choice && choice !== 'auto' ? choice : detectLocale(titles(plan));
