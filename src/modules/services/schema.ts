// One zod schema per form of the digital services module, and the public lists' query strings.
// Messages are i18n keys; rules that need stored rows (a platform still offered, a service of this
// collectivity) are the commands'.
import { z } from 'zod';
import { TEXT_LONG, choice, isoDate, optionalInt, optionalNumber, optionalText, requiredInt, requiredText } from '../../platform/validation.ts';
import { LEGAL_DAYS_MAX, campaignChannels } from './tables.ts';

/** Requests a service receives in a month: a generous bound that still catches a typo. */
export const MAX_MONTHLY = 1_000_000;
export const MAX_PEOPLE = 10_000_000;

const others = <N extends string>(name: N, max: number) =>
  ({ [`${name}_fr`]: optionalText(max), [`${name}_en`]: optionalText(max) }) as { [K in `${N}_fr` | `${N}_en`]: ReturnType<typeof optionalText> };
/** A text in three languages; Arabic is the one a required text must have. */
const l10n = <N extends string>(name: N, max = TEXT_LONG) =>
  ({ [`${name}_ar`]: optionalText(max), ...others(name, max) }) as { [K in `${N}_ar`]: ReturnType<typeof optionalText> } & ReturnType<typeof others<N>>;
const l10nRequired = <N extends string>(name: N, max = TEXT_LONG) =>
  ({ [`${name}_ar`]: requiredText(max), ...others(name, max) }) as { [K in `${N}_ar`]: ReturnType<typeof requiredText> } & ReturnType<typeof others<N>>;

const url = () =>
  z
    .string()
    .trim()
    .max(500, 'errors.tooLong')
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().regex(/^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/, 'services.errors.url').nullable());

const box = () => z.literal('1').optional().transform((v) => v === '1');

export const platformForm = z.object({
  key: z.string().trim().min(1, 'errors.required').max(40, 'errors.tooLong').regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'services.errors.key'),
  ...l10nRequired('name', 200),
  ...l10n('purpose', 1000),
  url: url(),
  position: requiredInt(1, 999, 'services.errors.position'),
});
export type PlatformInput = z.infer<typeof platformForm>;

/** YYYY-MM of a calendar day. */
export const monthOf = (day: string) => day.slice(0, 7);

/** The month before a day's: the one whose figures staff usually enter, once it is over. */
export function lastMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const membershipForm = (today: string) =>
  z
    .object({
      joined: box(),
      joined_on: z
        .string()
        .trim()
        .optional()
        .transform((v) => v || null)
        .pipe(isoDate().refine((d) => d <= today, 'services.errors.futureDate').nullable()),
      ...l10n('services', 1000),
      ...l10n('desk', 300),
    })
    .superRefine((v, ctx) => {
      if (v.joined && v.joined_on === null) ctx.addIssue({ code: 'custom', path: ['joined_on'], message: 'services.errors.joinedOnRequired' });
    });
export type MembershipInput = z.infer<ReturnType<typeof membershipForm>>;

export const serviceForm = z.object({
  ...l10nRequired('name', 200),
  ...l10n('how_to_apply'),
  ...l10n('documents_needed'),
  ...l10n('desk', 300),
  online_url: url(),
  platform_id: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int('errors.invalidChoice').positive('errors.invalidChoice').nullable()),
  legal_days: optionalInt(1, LEGAL_DAYS_MAX, 'services.errors.legalDays'),
});
export type ServiceInput = z.infer<typeof serviceForm>;

const count = () => requiredInt(0, MAX_MONTHLY, 'services.errors.count');

/** A month's figures for one service: the form's and each imported row's rules. */
export const monthFigures = (thisMonth: string) =>
  z
    .object({
      month: z
        .string({ error: 'errors.required' })
        .trim()
        .min(1, 'errors.required')
        .refine((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), 'services.errors.month')
        .refine((v) => v <= thisMonth, 'services.errors.futureMonth'),
      received: count(),
      online: count(),
      paper: count(),
      median_days: optionalNumber().pipe(z.number().min(0, 'services.errors.medianDays').max(365, 'services.errors.medianDays').nullable()),
    })
    .superRefine((v, ctx) => {
      if (v.online > v.received) ctx.addIssue({ code: 'custom', path: ['online'], message: 'services.errors.onlineOverReceived' });
      if (v.paper > v.received) ctx.addIssue({ code: 'custom', path: ['paper'], message: 'services.errors.paperOverReceived' });
    });
export type MonthInput = z.infer<ReturnType<typeof monthFigures>>;

export const campaignForm = z
  .object({
    held_on: isoDate(),
    channel: choice(campaignChannels),
    ...l10nRequired('title', 300),
    ...l10n('description'),
    reached: optionalInt(0, MAX_PEOPLE, 'services.errors.people'),
    women: optionalInt(0, MAX_PEOPLE, 'services.errors.people'),
    materials_url: url(),
  })
  .superRefine((v, ctx) => {
    if (v.women === null) return;
    if (v.reached === null) ctx.addIssue({ code: 'custom', path: ['reached'], message: 'services.errors.reachedRequired' });
    else if (v.women > v.reached) ctx.addIssue({ code: 'custom', path: ['women'], message: 'services.errors.womenOverReached' });
  });
export type CampaignInput = z.infer<typeof campaignForm>;

export const moveForm = z.object({ direction: z.enum(['up', 'down'], 'errors.invalidChoice') });

/** A keyset cursor over (date or month, id): "2024-05-13|42" or "2024-05|42". */
const cursor = () => z.string().regex(/^\d{4}-\d{2}(-\d{2})?\|\d{1,9}$/).optional().catch(undefined);
export const listQuery = z.object({ after: cursor() });

export function parseCursor(v: string | undefined): { key: string; id: number } | null {
  if (!v) return null;
  const [key, id] = v.split('|');
  return { key: key!, id: Number(id) };
}
