// One zod schema per form of the tracking back office. Messages are i18n keys.
import { z } from 'zod';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { TEXT_LONG, TEXT_SHORT, choice, isoDate, optionalInt, optionalText } from '../../platform/validation.ts';
import { activityStatuses } from '../programme/progress.ts';

/** A date that has already come, in the Casablanca calendar. */
const pastDate = () => isoDate().refine((v) => v <= todayInCasablanca(), 'tracking.errors.futureDate');

/** A decimal number as people type it: "12.5" or "12,5". */
const requiredDecimal = () =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .transform((v) => v.replace(',', '.'))
    .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'errors.notNumber')
    .transform(Number)
    .refine((v) => Number.isFinite(v) && Math.abs(v) < 1e12, 'errors.notNumber');

export const noteForm = z
  .object({
    noted_on: pastDate(),
    body_ar: optionalText(TEXT_LONG),
    body_fr: optionalText(TEXT_LONG),
    body_en: optionalText(TEXT_LONG),
    progress: optionalInt(0, 100, 'errors.progressRange'),
    status: z
      .union([z.literal(''), choice(activityStatuses)])
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (!v.body_ar && !v.body_fr && !v.body_en) ctx.addIssue({ code: 'custom', path: ['body_ar'], message: 'tracking.errors.noteRequired' });
  });

export const measurementForm = z.object({
  measured_on: pastDate(),
  value: requiredDecimal(),
  source_ar: optionalText(TEXT_SHORT),
  source_fr: optionalText(TEXT_SHORT),
  source_en: optionalText(TEXT_SHORT),
  note_ar: optionalText(TEXT_SHORT),
  note_fr: optionalText(TEXT_SHORT),
  note_en: optionalText(TEXT_SHORT),
});

export const targetForm = z.object({ target_on: isoDate(), target_value: requiredDecimal() });

/** '' unbinds the indicator; otherwise a key from metricChoices(), checked by the command. */
export const bindingForm = z.object({ metric: z.string().trim().max(200, 'errors.tooLong').default('') });


export type NoteInput = z.output<typeof noteForm>;
export type MeasurementInput = z.output<typeof measurementForm>;
export type TargetInput = z.output<typeof targetForm>;
