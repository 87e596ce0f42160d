// Forms of the participatory process's back office: a stage of the process, the monitoring
// committee, one of its members, one of its meetings. Messages are i18n keys: the platform's
// errors.*, or this module's cocreation.processAdmin.errors.* for rules of its own.
import { z } from 'zod';
import { TEXT_LONG, choice, isoDate, optionalText, requiredText } from '../../platform/validation.ts';

export const stageKinds = [
  'information_meeting',
  'committee_creation',
  'invitations',
  'workshop',
  'call_for_proposals',
  'committee_meeting',
  'draft',
  'consultation_workshop',
  'online_consultation',
  'bureau_adoption',
  'commission_study',
  'council_vote',
  'other',
] as const;
export const stageStatuses = ['planned', 'in_progress', 'done'] as const;
export const memberRoles = ['chair', 'member'] as const;

const OWN = 'cocreation.processAdmin.errors.';
export const processErrors = {
  firstOfMonth: `${OWN}firstOfMonth`,
  invalidUrl: `${OWN}invalidUrl`,
  oneChair: `${OWN}oneChair`,
  noCommittee: `${OWN}noCommittee`,
  committeeExists: `${OWN}committeeExists`,
} as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An optional calendar date: empty becomes null. */
const optionalDate = () => z.preprocess(blankToUndefined, isoDate().optional()).transform((v) => v ?? null);

/** A single checkbox: posted as "1" (or "on") when checked, absent otherwise. */
const checkbox = () =>
  z
    .preprocess(blankToUndefined, z.enum(['1', 'on'], { error: 'errors.invalidChoice' }).optional())
    .transform((v) => v !== undefined);

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
};

/** An optional link to a document: http(s) only (never javascript:, data: …). */
const optionalUrl = () => optionalText(2000).refine((v) => v === null || isHttpUrl(v), processErrors.invalidUrl);

export const stageForm = z
  .object({
    kind: choice(stageKinds),
    title_ar: requiredText(),
    title_fr: optionalText(),
    title_en: optionalText(),
    description_ar: optionalText(TEXT_LONG),
    description_fr: optionalText(TEXT_LONG),
    description_en: optionalText(TEXT_LONG),
    starts_on: isoDate(),
    ends_on: optionalDate(),
    month_only: checkbox(),
    status: choice(stageStatuses),
    document_url: optionalUrl(),
  })
  .superRefine((v, ctx) => {
    // "October 2023": only the month is known, and the date stored is its first day
    if (v.month_only && !v.starts_on.endsWith('-01')) ctx.addIssue({ code: 'custom', path: ['starts_on'], message: processErrors.firstOfMonth });
    if (v.ends_on !== null && v.ends_on < v.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'errors.endBeforeStart' });
  });

export const committeeForm = z.object({
  name_ar: requiredText(),
  name_fr: optionalText(),
  name_en: optionalText(),
  decision_number: optionalText(50),
  decision_date: optionalDate(),
  decision_text_ar: optionalText(TEXT_LONG),
  decision_text_fr: optionalText(TEXT_LONG),
  decision_text_en: optionalText(TEXT_LONG),
});

export const memberForm = z.object({
  name: requiredText(200),
  title_ar: optionalText(),
  title_fr: optionalText(),
  title_en: optionalText(),
  role: choice(memberRoles),
  represents_ieecag: checkbox(),
});

export const meetingForm = z.object({
  held_on: isoDate(),
  subject_ar: requiredText(),
  subject_fr: optionalText(),
  subject_en: optionalText(),
  minutes_ar: optionalText(TEXT_LONG),
  minutes_fr: optionalText(TEXT_LONG),
  minutes_en: optionalText(TEXT_LONG),
});

export type StageInput = z.output<typeof stageForm>;
export type CommitteeInput = z.output<typeof committeeForm>;
export type MemberInput = z.output<typeof memberForm>;
export type MeetingInput = z.output<typeof meetingForm>;
