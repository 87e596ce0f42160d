// The language an imported plan is written in, from the script of its titles (i18n.ts
// localeOfText), or as staff choose: its text goes into that locale's columns (a French matrix
// must not land in the Arabic ones).
import { type Locale, localeOfText } from '../../platform/i18n/i18n.ts';
import type { ImportPlan } from './plan.ts';

export const textLocales = ['auto', 'ar', 'fr', 'en'] as const;
export type TextLocaleChoice = (typeof textLocales)[number];

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
  choice && choice !== 'auto' ? choice : localeOfText(titles(plan));
