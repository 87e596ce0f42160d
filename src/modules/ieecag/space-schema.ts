// One zod schema per form of the commission's e-space (back office) and per public query string.
// Messages are i18n keys; rules that need the stored rows (one president) are the commands'.
import { z } from 'zod';
import { TEXT_LONG, choice, isoDate, optionalInt, optionalText, requiredInt, requiredText } from '../../platform/validation.ts';
import { documentKinds, memberCategories, memberRoles } from './tables.ts';

/** A commission has a handful of members; the bound keeps its page and its form small. */
export const MAX_MEMBERS = 60;
export const MAX_PEOPLE = 100_000;

const optionalDate = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(isoDate().nullable());

const box = () => z.literal('1').optional().transform((v) => v === '1');

const l10n = <N extends string>(name: N, required = false, max = TEXT_LONG) =>
  ({
    [`${name}_ar`]: required ? requiredText(max) : optionalText(max),
    [`${name}_fr`]: optionalText(max),
    [`${name}_en`]: optionalText(max),
  }) as { [K in `${N}_ar`]: z.ZodType<string | null, unknown> } & { [K in `${N}_fr` | `${N}_en`]: ReturnType<typeof optionalText> };

export const commissionForm = z.object({
  ...l10n('founding_act'),
  founded_on: optionalDate(),
  ...l10n('mission'),
  contact_email: z
    .string()
    .trim()
    .max(200, 'errors.tooLong')
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'ieecag.admin.errors.email').nullable()),
  contact_phone: z
    .string()
    .trim()
    .max(40, 'errors.tooLong')
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().regex(/^[+\d][\d .-]{5,}$/, 'ieecag.admin.errors.phone').nullable()),
  ...l10n('office_address', false, 300),
  ...l10n('office_hours', false, 300),
  response_delay_days: requiredInt(1, 365, 'ieecag.admin.errors.delayRange'),
});
export type CommissionInput = z.infer<typeof commissionForm>;

export const memberForm = z
  .object({
    name: requiredText(200),
    role: choice(memberRoles),
    category: choice(memberCategories),
    gender: z
      .string()
      .optional()
      .transform((v) => v || null)
      .pipe(z.enum(['f', 'm'], 'errors.invalidChoice').nullable()),
    ...l10n('organisation', false, 300),
    mandate_start: optionalDate(),
    mandate_end: optionalDate(),
    name_public: box(),
    on_monitoring_committee: box(),
  })
  .superRefine((v, ctx) => {
    if (typeof v.mandate_start === 'string' && typeof v.mandate_end === 'string' && v.mandate_end < v.mandate_start) {
      ctx.addIssue({ code: 'custom', path: ['mandate_end'], message: 'ieecag.members.errors.endBeforeStart' });
    }
  });
export type MemberInput = z.infer<typeof memberForm>;

export const moveForm = z.object({ direction: z.enum(['up', 'down'], 'errors.invalidChoice') });

const people = () => optionalInt(0, MAX_PEOPLE, 'ieecag.trainings.errors.peopleRange');

export const trainingForm = z
  .object({
    held_on: isoDate(),
    ...l10n('theme', true, 300),
    ...l10n('trainer', false, 300),
    ...l10n('summary'),
    participants_women: people(),
    participants_men: people(),
    participants_total: people(),
  })
  .superRefine((v, ctx) => {
    const { participants_women: w, participants_men: m, participants_total: t } = v;
    const num = (x: unknown): x is number => typeof x === 'number';
    if (!num(t)) {
      if (num(w) || num(m)) ctx.addIssue({ code: 'custom', path: ['participants_total'], message: 'ieecag.trainings.errors.totalRequired' });
      return;
    }
    if ((num(w) ? w : 0) + (num(m) ? m : 0) > t) ctx.addIssue({ code: 'custom', path: ['participants_women'], message: 'ieecag.trainings.errors.overTotal' });
  });
export type TrainingInput = z.infer<typeof trainingForm>;

export const documentForm = z.object({
  kind: choice(documentKinds),
  published_on: isoDate(),
  ...l10n('title', true, 300),
  ...l10n('summary'),
});
export type DocumentInput = z.infer<typeof documentForm>;

/** A keyset cursor: the row's date and id ("2024-05-13|42"). */
const cursor = () => z.string().regex(/^\d{4}-\d{2}-\d{2}\|\d{1,9}$/).optional().catch(undefined);

/** The public lists' query strings: anything else is ignored, never an error page. */
export const trainingsQuery = z.object({ after: cursor() });
export const documentsQuery = z.object({
  q: z.string().max(200).optional().catch(undefined).transform((v) => v?.trim() || undefined),
  kind: z.enum(documentKinds).optional().catch(undefined),
  after: cursor(),
});

export function parseCursor(v: string | undefined): { date: string; id: number } | null {
  if (!v) return null;
  const [date, id] = v.split('|');
  return { date: date!, id: Number(id) };
}
