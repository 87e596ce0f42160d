// Writes of a request for information: filing it (online by a citizen, or at the desk by staff)
// and every step that moves it. One transaction each: the request row, its step on the trail,
// the change log for staff, and the requester's mail. The deadlines are model.ts's, in the
// network's working days (calendar.ts). A step is applied by an update guarded by the status it
// was read in, so of two staff answering at once only the first succeeds; the other is told the
// request moved on, and nothing of theirs is saved.
import { type Actor, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import type { CheckedFile } from '../../../platform/uploads.ts';
import { normalize } from '../../../platform/text/normalize.ts';
import { planUnlessFollowed } from '../../tracking/followed.ts';
import { type Rules, loadRules } from '../calendar.ts';
import { queueStepMail } from '../mails.tsx';
import { type Channel, type StepKind, answerDue, datesOf, complaintDue, extendedDue, outcomesWithExceptions, refusal, runningDeadline, statusAfter } from '../model.ts';
import type { StaffStep, StepInput } from '../schema.ts';
import type { InformationRequestRow } from '../tables.ts';
import '../tables.ts';

/** The metrics a request moves (the register's module defines them): an indicator that follows
 *  one of them shows its value on the programme's pages, whose version must then move too. */
export const requestMetrics = ['information.requests', 'information.on_time_share'];
const pagesOptions = (collectivityId: number) => ({ planUnchanged: planUnlessFollowed(collectivityId, requestMetrics) });

export interface Scope {
  collectivityId: number;
  /** staff, for the change log; null for the requester acting on their own request */
  actor: Actor | null;
  /** the account acting (staff or requester) */
  userId: number;
  baseUrl: string;
}

/** The normalised text the register searches: the subject, and the answer once published. */
export const searchTextOf = (subject: string, answer: string | null) => normalize([subject, answer ?? ''].join(' ')).trim();

export interface NewRequest {
  channel: Channel;
  receivedOn: string;
  subject: string;
  details: string;
  delivery: string;
  language: string;
  urgent: boolean;
  urgentGround: string | null;
  /** an online request: the account; a desk request: the name, contact and optional e-mail */
  requester: { userId: number } | { name: string; contact: string | null; email: string | null };
}

// The per-account daily limit is counted on the rate counters, one row per account and
// Casablanca day (its window_start is that day's label, swept with the others after two days).
// The upsert takes the row's lock: of two filings at the limit at once on PostgreSQL, the second
// waits for the first to commit and sees its count. A refused or rolled-back filing counts nothing.
async function countToday(trx: Db, userId: number, today: string): Promise<number> {
  const row = await trx
    .insertInto('rate_counter')
    .values({ key: `information:request:user:${userId}`, window_start: `${today}T00:00:00.000Z`, n: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ n: eb('rate_counter.n', '+', 1) })))
    .returning('n')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Files a request: status `received`, its deadline in working days, the first step, the receipt. */
export async function fileRequest(db: Db, scope: Scope, input: NewRequest, today: string): Promise<CommandResult<{ id: number; dueOn: string }>> {
  return tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      const rules = await loadRules(trx);
      if ('userId' in input.requester && (await countToday(trx, input.requester.userId, today)) > rules.row.daily_limit) {
        rollbackWith({ subject: { key: 'information.request.errors.dailyLimit', values: { max: rules.row.daily_limit } } });
      }
      const dueOn = answerDue(rules, input.receivedOn, input.urgent);
      const at = now();
      const online = 'userId' in input.requester;
      const r = await trx
        .insertInto('information_request')
        .values({
          collectivity_id: scope.collectivityId,
          requester_user_id: 'userId' in input.requester ? input.requester.userId : null,
          requester_name: 'name' in input.requester ? input.requester.name : null,
          requester_contact: 'name' in input.requester ? input.requester.contact : null,
          requester_email: 'name' in input.requester ? input.requester.email : null,
          channel: input.channel,
          filed_by_user_id: online ? null : scope.userId,
          subject: input.subject,
          details: input.details,
          language: input.language,
          delivery: input.delivery,
          urgent: input.urgent ? 1 : 0,
          urgent_ground: input.urgent ? input.urgentGround : null,
          status: 'received',
          received_on: input.receivedOn,
          clock_from: input.receivedOn,
          due_on: dueOn,
          search_text: searchTextOf(input.subject, null),
          created_at: at,
          updated_at: at,
        })
        .returning(['id', 'subject', 'received_on', 'due_on', 'requester_user_id', 'requester_email', 'language'])
        .executeTakeFirstOrThrow();
      const step = { kind: 'received' as const, on_date: input.receivedOn, note: null, due_on: dueOn };
      await trx
        .insertInto('information_step')
        .values({ collectivity_id: scope.collectivityId, request_id: r.id, ...step, at, actor_user_id: scope.userId, actor_role: scope.actor?.role ?? 'requester' })
        .execute();
      if (scope.actor) {
        await recordChange(trx, {
          collectivityId: scope.collectivityId, programmeId: null, entityType: 'information_request', entityId: r.id, action: 'create', actor: scope.actor, public: false,
          changes: diff({}, { channel: input.channel, subject: input.subject, received_on: input.receivedOn, due_on: dueOn, urgent: input.urgent ? 1 : 0 }),
        });
      }
      await queueStepMail(trx, { collectivityId: scope.collectivityId, baseUrl: scope.baseUrl, request: r, step });
      return { id: r.id, dueOn };
    },
    pagesOptions(scope.collectivityId),
  );
}


type Changes = Partial<Omit<InformationRequestRow, 'id' | 'collectivity_id' | 'created_at'>>;

/** The columns a step sets, from the request as read and the step's form. */
function changesOf(rules: Rules, r: InformationRequestRow, kind: StaffStep, input: StepInput): Changes {
  const on = input.on_date;
  switch (kind) {
    case 'clarification_asked':
    case 'processing':
      return {};
    case 'clarified':
      // the clock starts again from the complete request (art. 14)
      return { clock_from: on, due_on: answerDue(rules, on, r.urgent === 1) };
    case 'extended':
      return { extended: 1, extension_reason: input.note, due_on: extendedDue(rules, r.due_on) };
    case 'answered': {
      const withExceptions = input.outcome !== null && outcomesWithExceptions.includes(input.outcome);
      return {
        answered_on: on,
        outcome: input.outcome,
        exceptions: withExceptions ? JSON.stringify(input.exceptions) : null,
        transferred_to: input.outcome === 'transferred' ? input.transferred_to : null,
        answer: input.answer,
        answer_public: input.publish ? 1 : 0,
        answer_private_reason: input.publish ? null : input.private_reason,
        search_text: searchTextOf(r.subject, input.publish ? input.answer : null),
      };
    }
    case 'complaint':
      return { complaint_on: on, complaint_due_on: complaintDue(rules, on) };
    case 'complaint_decided':
      return { complaint_decided_on: on, complaint_outcome: input.complaint_outcome };
    case 'cdai':
      return { cdai_on: on };
  }
}

const logged = ['status', 'due_on', 'clock_from', 'extended', 'extension_reason', 'answered_on', 'outcome', 'exceptions', 'transferred_to', 'answer_public', 'answer_private_reason', 'complaint_on', 'complaint_due_on', 'complaint_decided_on', 'complaint_outcome', 'cdai_on'] as const;
/** The logged columns among `fields`, as `row` holds them (before or after a step). */
const pickLogged = (row: Changes, fields: Changes) => Object.fromEntries(logged.filter((f) => f in fields).map((f) => [f, (row[f] ?? null) as string | number | null]));

/**
 * Takes one step of a request of this collectivity (null: no such request). Refused with the
 * date field's message when model.refusal says why it cannot be taken now; answer files are
 * stored with the answer.
 */
export async function takeStep(
  db: Db,
  scope: Scope,
  requestId: number,
  kind: StaffStep,
  input: StepInput,
  today: string,
  files: CheckedFile[] = [],
): Promise<CommandResult<void> | null> {
  let found = true;
  const result = await tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      const r = await trx.selectFrom('information_request').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', requestId).executeTakeFirst();
      if (!r) {
        found = false;
        return rollbackWith({});
      }
      const rules = await loadRules(trx);
      const why = refusal(rules, datesOf(r), kind, input.on_date, today);
      if (why) rollbackWith({ on_date: { key: why } });
      const status = statusAfter(kind);
      const changes: Changes = { ...changesOf(rules, r, kind, input), status };
      const at = now();
      // guarded by the status read above: a concurrent step moved it on → nothing saved here
      const updated = await trx
        .updateTable('information_request')
        .set({ ...changes, updated_at: at })
        .where('collectivity_id', '=', scope.collectivityId)
        .where('id', '=', r.id)
        .where('status', '=', r.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) rollbackWith({ on_date: { key: 'information.admin.errors.moved' } });
      const after = { ...r, ...changes } as InformationRequestRow;
      const due = runningDeadline({ status, due_on: after.due_on, complaint_due_on: after.complaint_due_on });
      const step = { kind: kind as StepKind, on_date: input.on_date, note: input.note, due_on: due };
      await trx
        .insertInto('information_step')
        .values({ collectivity_id: scope.collectivityId, request_id: r.id, ...step, at, actor_user_id: scope.userId, actor_role: scope.actor?.role ?? 'requester' })
        .execute();
      if (kind === 'answered' && files.length > 0) {
        await trx
          .insertInto('information_file')
          .values(files.map((f) => ({ collectivity_id: scope.collectivityId, request_id: r.id, sha256: f.sha256, size: f.size, mime: f.mime, original_name: f.name, content: f.content, created_at: at })))
          .execute();
      }
      if (scope.actor) {
        await recordChange(trx, {
          collectivityId: scope.collectivityId, programmeId: null, entityType: 'information_request', entityId: r.id, action: 'update', actor: scope.actor, public: false,
          changes: diff(pickLogged(r, changes), pickLogged(changes, changes)), reason: kind === 'extended' ? input.note : null,
        });
      }
      await queueStepMail(trx, {
        collectivityId: scope.collectivityId,
        baseUrl: scope.baseUrl,
        request: after,
        step,
        answer:
          kind === 'answered'
            ? { outcome: input.outcome, exceptions: changes.exceptions ? input.exceptions : [], text: input.answer, transferredTo: changes.transferred_to ?? null }
            : kind === 'complaint_decided'
              ? { outcome: null, exceptions: [], text: null, transferredTo: null, complaintOutcome: input.complaint_outcome }
              : null,
      });
    },
    pagesOptions(scope.collectivityId),
  );
  return found ? result : null;
}

