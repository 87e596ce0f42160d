// One zod schema per back-office form of the evaluation report. Messages are i18n keys.
import { z } from 'zod';
import { TEXT_LONG, optionalText, requiredInt } from '../../platform/validation.ts';

export const yearForm = z.object({ year: requiredInt(2000, 2100, 'errors.yearRange') });
export type YearInput = z.infer<typeof yearForm>;

const l10n = (name: string) => ({
  [`${name}_ar`]: optionalText(TEXT_LONG),
  [`${name}_fr`]: optionalText(TEXT_LONG),
  [`${name}_en`]: optionalText(TEXT_LONG),
});

/** The draft's form: the committee's notes, and a reason for each late activity (by its id). */
export function draftForm(lateActivityIds: number[]) {
  return z.object({ ...l10n('notes'), ...Object.assign({}, ...lateActivityIds.map((id) => l10n(`reason_${id}`))) }) as z.ZodType<
    Record<string, string | null>
  >;
}
