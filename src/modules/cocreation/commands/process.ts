// Writes of the participatory process's back office: the dated stages of the current
// programme, its monitoring committee, the committee's members (ordered, at most one chair)
// and its meetings. One transaction each, every row checked against the collectivity and the
// current programme, each change audited.
import { type Change, type LoggedValue, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, isUniqueViolation } from '../../../platform/db/database.ts';
import { type CommitteeInput, type MeetingInput, type MemberInput, type StageInput, processErrors } from '../process-schema.ts';
import type { Scope } from './events.ts';
import '../tables.ts';
import '../process-tables.ts';
import { moveInList } from '../../../platform/reorder.ts';

type Snapshot = Record<string, LoggedValue>;

/** A localized text of a row or an input, as the history shows it. */
const l10n = (r: Record<string, unknown>, field: string): LoggedValue => {
  const [ar, fr, en] = ['ar', 'fr', 'en'].map((l) => (r[`${field}_${l}`] as string | null | undefined) ?? null);
  return ar === null && fr === null && en === null ? null : { ar, fr, en };
};

const audit = (trx: Db, scope: Scope, entityType: string, entityId: number, action: 'create' | 'update' | 'delete', changes: Change[]) =>
  recordChange(trx, { collectivityId: scope.collectivityId, programmeId: scope.programmeId, entityType, entityId, action, actor: scope.actor, changes, public: true });

// --- stages -----------------------------------------------------------------------------------

const stageSnapshot = (r: Record<string, unknown>): Snapshot => ({
  kind: r.kind as string,
  title: l10n(r, 'title'),
  description: l10n(r, 'description'),
  starts_on: r.starts_on as string,
  ends_on: (r.ends_on as string | null) ?? null,
  month_only: r.month_only ? 1 : 0,
  status: r.status as string,
  document_url: (r.document_url as string | null) ?? null,
});

const findStage = (db: Db, scope: Scope, id: number) =>
  db.selectFrom('process_stage').selectAll().where('collectivity_id', '=', scope.collectivityId).where('programme_id', '=', scope.programmeId).where('id', '=', id).executeTakeFirst();

/** Creates (id null) or edits a stage of the current programme; null when the stage is not there. */
export async function saveStage(db: Db, scope: Scope, id: number | null, input: StageInput): Promise<CommandResult<number> | null> {
  const values = { ...input, month_only: input.month_only ? 1 : 0 };
  if (id !== null && !(await findStage(db, scope, id))) return null;
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    if (id === null) {
      const row = await trx
        .insertInto('process_stage')
        .values({ ...values, collectivity_id: scope.collectivityId, programme_id: scope.programmeId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'process_stage', row.id, 'create', diff({}, stageSnapshot(values)));
      return row.id;
    }
    const before = await findStage(trx, scope, id);
    if (!before) return rollbackWith({ _: { key: 'errors.notFoundTitle' } });
    await trx.updateTable('process_stage').set(values).where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'process_stage', id, 'update', diff(stageSnapshot(before), stageSnapshot(values)));
    return id;
  });
}

export async function deleteStage(db: Db, scope: Scope, id: number): Promise<CommandResult<number> | null> {
  if (!(await findStage(db, scope, id))) return null;
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await findStage(trx, scope, id);
    if (!before) return rollbackWith({ _: { key: 'errors.notFoundTitle' } });
    await trx.deleteFrom('process_stage').where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'process_stage', id, 'delete', diff(stageSnapshot(before), {}));
    return id;
  });
}

// --- the committee ------------------------------------------------------------------------------

/** The monitoring committee of the current programme (one per programme), if any. */
export const committeeOfScope = (db: Db, scope: Scope) =>
  db.selectFrom('committee').selectAll().where('collectivity_id', '=', scope.collectivityId).where('programme_id', '=', scope.programmeId).orderBy('id').executeTakeFirst();

const committeeSnapshot = (r: Record<string, unknown>): Snapshot => ({
  name: l10n(r, 'name'),
  decision_number: (r.decision_number as string | null) ?? null,
  decision_date: (r.decision_date as string | null) ?? null,
  decision_text: l10n(r, 'decision_text'),
});

/** Creates the committee of the current programme, or edits it. */
export async function saveCommittee(db: Db, scope: Scope, input: CommitteeInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await committeeOfScope(trx, scope);
    if (before) {
      await trx.updateTable('committee').set(input).where('collectivity_id', '=', scope.collectivityId).where('id', '=', before.id).execute();
      await audit(trx, scope, 'committee', before.id, 'update', diff(committeeSnapshot(before), committeeSnapshot(input)));
      return before.id;
    }
    let id: number;
    try {
      id = (await trx.insertInto('committee').values({ ...input, collectivity_id: scope.collectivityId, programme_id: scope.programmeId }).returning('id').executeTakeFirstOrThrow()).id;
    } catch (e) {
      // created at the same moment by someone else (the database keeps one per programme)
      if (isUniqueViolation(e)) return rollbackWith({ _: { key: processErrors.committeeExists } });
      throw e;
    }
    await audit(trx, scope, 'committee', id, 'create', diff({}, committeeSnapshot(input)));
    return id;
  });
}

// --- members ------------------------------------------------------------------------------------

const memberSnapshot = (r: Record<string, unknown>): Snapshot => ({
  name: r.name as string,
  title: l10n(r, 'title'),
  role: r.role as string,
  represents_ieecag: r.represents_ieecag ? 1 : 0,
});

/** A member of the current programme's committee. */
async function findMember(db: Db, scope: Scope, id: number) {
  const committee = await committeeOfScope(db, scope);
  if (!committee) return undefined;
  return db
    .selectFrom('committee_member')
    .selectAll()
    .where('collectivity_id', '=', scope.collectivityId)
    .where('committee_id', '=', committee.id)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Adds (id null) or edits a member; a second chair is refused. Null when the member is not there. */
export async function saveMember(db: Db, scope: Scope, id: number | null, input: MemberInput): Promise<CommandResult<number> | null> {
  if (id !== null && !(await findMember(db, scope, id))) return null;
  const values = { ...input, represents_ieecag: input.represents_ieecag ? 1 : 0 };
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const committee = await committeeOfScope(trx, scope);
    if (!committee) return rollbackWith({ _: { key: processErrors.noCommittee } });
    const members = trx.selectFrom('committee_member').where('collectivity_id', '=', scope.collectivityId).where('committee_id', '=', committee.id);
    if (values.role === 'chair') {
      const chair = await members.select('id').where('role', '=', 'chair').$if(id !== null, (q) => q.where('id', '!=', id!)).executeTakeFirst();
      if (chair) rollbackWith({ role: { key: processErrors.oneChair } });
    }
    const write = async () => {
      if (id === null) {
        const last = await members.select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
        const position = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
        return (
          await trx
            .insertInto('committee_member')
            .values({ ...values, collectivity_id: scope.collectivityId, committee_id: committee.id, position })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      await trx.updateTable('committee_member').set(values).where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
      return id;
    };
    const before = id === null ? null : await findMember(trx, scope, id);
    if (id !== null && !before) return rollbackWith({ _: { key: 'errors.notFoundTitle' } });
    let memberId: number;
    try {
      memberId = await write();
    } catch (e) {
      // a chair named at the same moment by someone else: the database keeps one
      if (isUniqueViolation(e)) return rollbackWith({ role: { key: processErrors.oneChair } });
      throw e;
    }
    await audit(trx, scope, 'committee_member', memberId, id === null ? 'create' : 'update', diff(before ? memberSnapshot(before) : {}, memberSnapshot(values)));
    return memberId;
  });
}

export async function deleteMember(db: Db, scope: Scope, id: number): Promise<CommandResult<number> | null> {
  if (!(await findMember(db, scope, id))) return null;
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await findMember(trx, scope, id);
    if (!before) return rollbackWith({ _: { key: 'errors.notFoundTitle' } });
    await trx.deleteFrom('committee_member').where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'committee_member', id, 'delete', diff(memberSnapshot(before), {}));
    return id;
  });
}

/** Moves a member one place up or down the list (positions are renumbered 0, 1, 2 …). */
export async function moveMember(db: Db, scope: Scope, id: number, direction: 'up' | 'down'): Promise<CommandResult<number> | null> {
  if (!(await findMember(db, scope, id))) return null;
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const member = await findMember(trx, scope, id);
    if (!member) return rollbackWith({ _: { key: 'errors.notFoundTitle' } });
    const order = await trx
      .selectFrom('committee_member')
      .select(['id', 'position'])
      .where('collectivity_id', '=', scope.collectivityId)
      .where('committee_id', '=', member.committee_id)
      .orderBy('position')
      .orderBy('id')
      .execute();
    // the committee's positions count from 0
    const moved = moveInList(order, id, direction, 0);
    if (!moved || moved.changes.length === 0) return id; // already first or last: nothing changes
    for (const c of moved.changes) {
      await trx.updateTable('committee_member').set({ position: c.position }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', c.id).execute();
    }
    await audit(trx, scope, 'committee_member', id, 'update', [{ field: 'position', before: moved.from, after: moved.to }]);
    return id;
  });
}

// --- meetings -----------------------------------------------------------------------------------

const meetingSnapshot = (r: Record<string, unknown>): Snapshot => ({
  held_on: r.held_on as string,
  subject: l10n(r, 'subject'),
  minutes: l10n(r, 'minutes'),
});

async function findMeeting(db: Db, scope: Scope, id: number) {
  const committee = await committeeOfScope(db, scope);
  if (!committee) return undefined;
  return db
    .selectFrom('committee_meeting')
    .selectAll()
    .where('collectivity_id', '=', scope.collectivityId)
    .where('committee_id', '=', committee.id)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records (id null) or edits a meeting of the committee; null when the meeting is not there. */
export async function saveMeeting(db: Db, scope: Scope, id: number | null, input: MeetingInput): Promise<CommandResult<number> | null> {
  if (id !== null && !(await findMeeting(db, scope, id))) return null;
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const committee = await committeeOfScope(trx, scope);
    if (!committee) return rollbackWith({ _: { key: processErrors.noCommittee } });
    if (id === null) {
      const row = await trx
        .insertInto('committee_meeting')
        .values({ ...input, collectivity_id: scope.collectivityId, committee_id: committee.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'committee_meeting', row.id, 'create', diff({}, meetingSnapshot(input)));
      return row.id;
    }
    const before = await findMeeting(trx, scope, id);
    if (!before) return rollbackWith({ _: { key: 'errors.notFoundTitle' } });
    await trx.updateTable('committee_meeting').set(input).where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'committee_meeting', id, 'update', diff(meetingSnapshot(before), meetingSnapshot(input)));
    return id;
  });
}

export async function deleteMeeting(db: Db, scope: Scope, id: number): Promise<CommandResult<number> | null> {
  if (!(await findMeeting(db, scope, id))) return null;
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await findMeeting(trx, scope, id);
    if (!before) return rollbackWith({ _: { key: 'errors.notFoundTitle' } });
    await trx.deleteFrom('committee_meeting').where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'committee_meeting', id, 'delete', diff(meetingSnapshot(before), {}));
    return id;
  });
}
