// A request for information under law 31.13: its states, the steps that move it, its deadlines
// and whether it was answered on time. Pure: the commands apply it inside their transaction, the
// pages and the API read it. Day counts come from the network's rules (calendar.ts).
import { addDays, addWorkingDays, type Rules } from './calendar.ts';

export const channels = ['online', 'desk', 'mail', 'email', 'chafafiya'] as const;
export type Channel = (typeof channels)[number];

/** how the requester wants the information (art. 15) */
export const deliveries = ['copy', 'consultation', 'electronic'] as const;
export type Delivery = (typeof deliveries)[number];

export const statuses = ['received', 'clarification', 'processing', 'extended', 'answered', 'complaint', 'complaint_decided', 'cdai'] as const;
export type Status = (typeof statuses)[number];

export const outcomes = ['full', 'partial', 'refused', 'not_held', 'transferred'] as const;
export type Outcome = (typeof outcomes)[number];
/** outcomes that must name the exceptions of art. 7 they rest on (art. 18: a refusal is justified) */
export const outcomesWithExceptions: readonly Outcome[] = ['partial', 'refused'];

export const complaintOutcomes = ['upheld', 'rejected'] as const;
export type ComplaintOutcome = (typeof complaintOutcomes)[number];

/** the exceptions of law 31.13, art. 7 */
export const exceptions = [
  'national_defence',
  'state_security',
  'private_life',
  'fundamental_rights',
  'information_sources',
  'foreign_relations',
  'economic_policy',
  'intellectual_property',
  'whistleblowers',
  'government_deliberations',
  'investigations',
  'judicial_proceedings',
  'competition',
] as const;
export type InformationException = (typeof exceptions)[number];

/** what the collectivity publishes without being asked (art. 10) */
export const publicationCategories = ['budget', 'council_decisions', 'minutes', 'procurement', 'programme', 'statistics', 'services', 'other'] as const;
export type PublicationCategory = (typeof publicationCategories)[number];

/** a step of the trail; each one moves the request to a status */
export const stepKinds = ['received', 'clarification_asked', 'clarified', 'processing', 'extended', 'answered', 'complaint', 'complaint_decided', 'cdai'] as const;
export type StepKind = (typeof stepKinds)[number];

const stepStatus: Record<StepKind, Status> = {
  received: 'received',
  clarification_asked: 'clarification',
  clarified: 'received',
  processing: 'processing',
  extended: 'extended',
  answered: 'answered',
  complaint: 'complaint',
  complaint_decided: 'complaint_decided',
  cdai: 'cdai',
};
export const statusAfter = (step: StepKind): Status => stepStatus[step];

/** The steps each status allows (before the date checks of `refusal`). */
const allowed: Record<Status, readonly StepKind[]> = {
  received: ['clarification_asked', 'processing', 'extended', 'answered', 'complaint'],
  clarification: ['clarified'],
  processing: ['clarification_asked', 'extended', 'answered', 'complaint'],
  extended: ['answered', 'complaint'],
  answered: ['complaint'],
  complaint: ['complaint_decided', 'cdai'],
  // an upheld complaint is followed by a new answer
  complaint_decided: ['answered', 'cdai'],
  cdai: [],
};
export const stepsFrom = (status: Status): readonly StepKind[] => allowed[status];

/** statuses in which the answer's deadline runs */
export const awaitingAnswer: readonly Status[] = ['received', 'processing', 'extended'];

/** What the deadline computations need of a request. */
export interface RequestDates {
  status: Status;
  urgent: boolean;
  received_on: string;
  clock_from: string;
  due_on: string;
  extended: boolean;
  answered_on: string | null;
  complaint_on: string | null;
  complaint_due_on: string | null;
  complaint_decided_on: string | null;
  complaint_outcome: string | null;
}

/** What the deadline rules read of a stored request (a row, or the register's public columns). */
export const datesOf = (r: Omit<RequestDates, 'status' | 'urgent' | 'extended'> & { status: string; urgent: number; extended: number }): RequestDates => ({
  status: r.status as Status,
  urgent: r.urgent === 1,
  received_on: r.received_on,
  clock_from: r.clock_from,
  due_on: r.due_on,
  extended: r.extended === 1,
  answered_on: r.answered_on,
  complaint_on: r.complaint_on,
  complaint_due_on: r.complaint_due_on,
  complaint_decided_on: r.complaint_decided_on,
  complaint_outcome: r.complaint_outcome,
});

/** The answer's deadline counted from the complete request's receipt (art. 16, 17). */
export function answerDue(rules: Rules, clockFrom: string, urgent: boolean): string {
  return addWorkingDays(rules.calendar, clockFrom, urgent ? rules.row.urgent_days : rules.row.answer_days);
}

/** The deadline once extended: the original deadline plus the extension (art. 16). */
export function extendedDue(rules: Rules, dueOn: string): string {
  return addWorkingDays(rules.calendar, dueOn, rules.row.extension_days);
}

/** The last day to complain to the head of the administration: the window runs from the answer,
 *  or from the deadline when none came (art. 19). */
export function complaintWindowEnd(rules: Rules, r: RequestDates): string {
  return addWorkingDays(rules.calendar, r.answered_on ?? r.due_on, rules.row.complaint_window_days);
}

/** The head's deadline to decide a complaint (art. 19). */
export function complaintDue(rules: Rules, complaintOn: string): string {
  return addWorkingDays(rules.calendar, complaintOn, rules.row.complaint_answer_days);
}

/** The last day to refer to the national commission (CDAI), calendar days from the head's decision
 *  or from its deadline when none came (art. 20). */
export function cdaiWindowEnd(rules: Rules, r: RequestDates): string | null {
  const from = r.complaint_decided_on ?? r.complaint_due_on;
  return from ? addDays(from, rules.row.cdai_window_days) : null;
}

/** The deadline that runs now, if any: the answer's or the complaint decision's. */
export function runningDeadline(r: Pick<RequestDates, 'status' | 'due_on' | 'complaint_due_on'>): string | null {
  if (awaitingAnswer.includes(r.status)) return r.due_on;
  if (r.status === 'complaint') return r.complaint_due_on;
  return null;
}

/** Past its running deadline on `today` with nothing done: shown as overdue, publicly too. */
export function isOverdue(r: Pick<RequestDates, 'status' | 'due_on' | 'complaint_due_on'>, today: string): boolean {
  const due = runningDeadline(r);
  return due !== null && today > due;
}

/** Answered within its deadline (extended or not): true or false once answered, false once the
 *  deadline passed without an answer, null while it still runs or when the clock is stopped. */
export function onTime(r: Pick<RequestDates, 'status' | 'due_on' | 'answered_on'>, today: string): boolean | null {
  if (r.answered_on) return r.answered_on <= r.due_on;
  if (r.status === 'clarification') return null;
  return today > r.due_on ? false : null;
}

/**
 * Why `step` cannot be taken now on `onDate` (an i18n key of the module), or null when it can.
 * Checks the status, the one extension, dates against receipt and today, and the complaint windows.
 */
export function refusal(rules: Rules, r: RequestDates, step: StepKind, onDate: string, today: string): string | null {
  if (!allowed[r.status].includes(step)) return 'information.refused.notNow';
  if (onDate > today) return 'information.refused.future';
  if (onDate < r.received_on) return 'information.refused.beforeReceipt';
  switch (step) {
    case 'extended':
      if (r.extended) return 'information.refused.secondExtension';
      if (r.urgent) return 'information.refused.urgentExtension';
      if (onDate > r.due_on) return 'information.refused.extensionLate';
      return null;
    case 'answered':
      if (r.status === 'complaint_decided' && r.complaint_outcome !== 'upheld') return 'information.refused.notNow';
      if (r.complaint_decided_on && onDate < r.complaint_decided_on) return 'information.refused.beforeDecision';
      return null;
    case 'complaint': {
      const open = r.status === 'answered' || today > r.due_on;
      if (!open) return 'information.refused.complaintEarly';
      if (r.answered_on && onDate < r.answered_on) return 'information.refused.beforeAnswer';
      if (onDate > complaintWindowEnd(rules, r)) return 'information.refused.complaintLate';
      return null;
    }
    case 'complaint_decided':
      if (r.complaint_on && onDate < r.complaint_on) return 'information.refused.beforeComplaint';
      return null;
    case 'cdai': {
      if (r.status === 'complaint' && !(r.complaint_due_on && today > r.complaint_due_on)) return 'information.refused.cdaiEarly';
      const end = cdaiWindowEnd(rules, r);
      if (end && onDate > end) return 'information.refused.cdaiLate';
      return null;
    }
    default:
      return null;
  }
}
