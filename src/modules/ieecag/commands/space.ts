// Writes of the commission's e-space: the commission itself and its founding act's PDF, members
// (one president at most, ordered), trainings and documents with their file. One transaction each
// (tenantTransaction: the content version moves, so the public pages are rendered again), every
// referenced row looked up with the collectivity, one audit entry.
import { type Actor, type LoggedValue, diff, loggedColumns, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/errors.ts';
import type { CheckedFile } from '../../../platform/uploads.ts';
import { documentSearchText } from '../space.ts';
import type { CommissionInput, DocumentInput, MemberInput, TrainingInput } from '../space-schema.ts';
import { MAX_MEMBERS } from '../space-schema.ts';
import { moveInList } from '../../../platform/reorder.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
}

const audit = (trx: Db, scope: Scope, entityType: string, entityId: number, action: 'create' | 'update' | 'delete', before: Record<string, LoggedValue>, after: Record<string, LoggedValue>) =>
  recordChange(trx, { collectivityId: scope.collectivityId, programmeId: null, entityType, entityId, action, actor: scope.actor, changes: diff(before, after), public: false });

// ---- the commission ------------------------------------------------------------------------

const commissionPlain = ['founded_on', 'contact_email', 'contact_phone', 'response_delay_days'] as const;
const commissionTexts = ['founding_act', 'mission', 'office_address', 'office_hours'] as const;

/** Creates the collectivity's commission on its first save, updates it after. */
export async function saveCommission(db: Db, scope: Scope, input: CommissionInput): Promise<CommandResult<void>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await trx.selectFrom('ieecag_commission').selectAll().where('collectivity_id', '=', scope.collectivityId).executeTakeFirst();
    const at = now();
    const values = { ...input };
    if (before) {
      // edited by its members: an example no longer (the demo's invented parts are said to be so)
      await trx.updateTable('ieecag_commission').set({ ...values, is_example: 0, updated_at: at }).where('collectivity_id', '=', scope.collectivityId).execute();
    } else {
      await trx.insertInto('ieecag_commission').values({ collectivity_id: scope.collectivityId, ...values, created_at: at, updated_at: at }).execute();
    }
    await audit(trx, scope, 'ieecag_commission', scope.collectivityId, before ? 'update' : 'create', before ? loggedColumns(before, commissionPlain, commissionTexts) : {}, loggedColumns(values, commissionPlain, commissionTexts));
  });
}

/** The founding act's PDF (replaces the previous one). The commission must exist first. */
export async function setFoundingFile(db: Db, scope: Scope, file: CheckedFile): Promise<CommandResult<void>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const commission = await trx.selectFrom('ieecag_commission').select('collectivity_id').where('collectivity_id', '=', scope.collectivityId).executeTakeFirst();
    if (!commission) rollbackWith({ founding_file: { key: 'ieecag.admin.errors.commissionFirst' } });
    const before = await trx.selectFrom('ieecag_founding_file').select(['id', 'original_name', 'sha256']).where('collectivity_id', '=', scope.collectivityId).executeTakeFirst();
    await trx.deleteFrom('ieecag_founding_file').where('collectivity_id', '=', scope.collectivityId).execute();
    const row = await trx
      .insertInto('ieecag_founding_file')
      .values({ collectivity_id: scope.collectivityId, sha256: file.sha256, size: file.size, mime: file.mime, original_name: file.name, content: file.content, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, scope, 'ieecag_founding_file', row.id, before ? 'update' : 'create', before ? { file: before.original_name, sha256: before.sha256 } : {}, { file: file.name, sha256: file.sha256 });
  });
}

// ---- members -------------------------------------------------------------------------------

const memberPlain = ['name', 'role', 'category', 'gender', 'mandate_start', 'mandate_end', 'name_public', 'on_monitoring_committee', 'position'] as const;
const memberTexts = ['organisation'] as const;

const memberValues = (input: MemberInput) => ({
  name: input.name,
  role: input.role,
  category: input.category,
  gender: input.gender,
  organisation_ar: input.organisation_ar,
  organisation_fr: input.organisation_fr,
  organisation_en: input.organisation_en,
  mandate_start: input.mandate_start,
  mandate_end: input.mandate_end,
  name_public: input.name_public ? 1 : 0,
  on_monitoring_committee: input.on_monitoring_committee ? 1 : 0,
});

/** Adds a member (id null, at the end of the list) or updates one. At most one president. */
export async function saveMember(db: Db, scope: Scope, id: number | null, input: MemberInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const members = trx.selectFrom('ieecag_member').where('collectivity_id', '=', scope.collectivityId);
    const before = id === null ? undefined : await members.selectAll().where('id', '=', id).executeTakeFirst();
    if (id !== null && !before) throw notFound();
    if (input.role === 'president') {
      const other = await members.select('id').where('role', '=', 'president').$if(id !== null, (q) => q.where('id', '<>', id!)).executeTakeFirst();
      if (other) rollbackWith({ role: { key: 'ieecag.members.errors.onePresident' } });
    }
    const values = memberValues(input);
    const at = now();
    if (before) {
      await trx.updateTable('ieecag_member').set({ ...values, is_example: 0, updated_at: at }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', before.id).execute();
      await audit(trx, scope, 'ieecag_member', before.id, 'update', loggedColumns(before, memberPlain, memberTexts), loggedColumns({ ...values, position: before.position }, memberPlain, memberTexts));
      return before.id;
    }
    const last = await members.select((eb) => [eb.fn.max('position').as('p'), eb.fn.countAll<number | string>().as('n')]).executeTakeFirstOrThrow();
    if (Number(last.n) >= MAX_MEMBERS) rollbackWith({ name: { key: 'ieecag.members.errors.tooMany', values: { max: MAX_MEMBERS } } });
    const position = Number(last.p ?? 0) + 1;
    const row = await trx.insertInto('ieecag_member').values({ collectivity_id: scope.collectivityId, ...values, position, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, scope, 'ieecag_member', row.id, 'create', {}, loggedColumns({ ...values, position }, memberPlain, memberTexts));
    return row.id;
    // one write at a time per collectivity (its row locked first): "one president" and the next
    // position are read, then written, and two members saving at once must not both pass
  }, { serialize: true });
}

/** Removes a member; false when the collectivity has no such member. */
export async function deleteMember(db: Db, scope: Scope, id: number): Promise<boolean> {
  const result = await tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await trx.selectFrom('ieecag_member').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('ieecag_member').where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'ieecag_member', id, 'delete', loggedColumns(before, memberPlain, memberTexts), {});
    return true;
  });
  return result.ok && result.value;
}

/** Moves a member one place up or down the list (positions renumbered 1…n). */
export async function moveMember(db: Db, scope: Scope, id: number, direction: 'up' | 'down'): Promise<boolean> {
  const result = await tenantTransaction(db, scope.collectivityId, async (trx) => {
    const rows = await trx.selectFrom('ieecag_member').select(['id', 'position']).where('collectivity_id', '=', scope.collectivityId).orderBy('position').orderBy('id').execute();
    const moved = moveInList(rows, id, direction);
    if (!moved) return false;
    if (moved.changes.length === 0) return true;
    for (const c of moved.changes) {
      await trx.updateTable('ieecag_member').set({ position: c.position }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', c.id).execute();
    }
    await recordChange(trx, { collectivityId: scope.collectivityId, programmeId: null, entityType: 'ieecag_member', entityId: id, action: 'update', actor: scope.actor, changes: [{ field: 'position', before: moved.from, after: moved.to }], public: false });
    return true;
  }, { serialize: true });
  return result.ok && result.value;
}

// ---- trainings -----------------------------------------------------------------------------

const trainingPlain = ['held_on', 'participants_women', 'participants_men', 'participants_total'] as const;
const trainingTexts = ['theme', 'trainer', 'summary'] as const;

export async function saveTraining(db: Db, scope: Scope, id: number | null, input: TrainingInput): Promise<CommandResult<number>> {
  const values = { ...input, theme_ar: input.theme_ar! };
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const at = now();
    if (id !== null) {
      const before = await trx.selectFrom('ieecag_training').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound();
      await trx.updateTable('ieecag_training').set({ ...values, is_example: 0, updated_at: at }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
      await audit(trx, scope, 'ieecag_training', id, 'update', loggedColumns(before, trainingPlain, trainingTexts), loggedColumns(values, trainingPlain, trainingTexts));
      return id;
    }
    const row = await trx.insertInto('ieecag_training').values({ collectivity_id: scope.collectivityId, ...values, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, scope, 'ieecag_training', row.id, 'create', {}, loggedColumns(values, trainingPlain, trainingTexts));
    return row.id;
  });
}

export async function deleteTraining(db: Db, scope: Scope, id: number): Promise<boolean> {
  const result = await tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await trx.selectFrom('ieecag_training').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('ieecag_training').where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'ieecag_training', id, 'delete', loggedColumns(before, trainingPlain, trainingTexts), {});
    return true;
  });
  return result.ok && result.value;
}

// ---- documents -----------------------------------------------------------------------------

const documentPlain = ['kind', 'published_on'] as const;
const documentTexts = ['title', 'summary'] as const;

async function writeFile(trx: Db, collectivityId: number, documentId: number, file: CheckedFile) {
  await trx.deleteFrom('ieecag_document_file').where('collectivity_id', '=', collectivityId).where('document_id', '=', documentId).execute();
  await trx
    .insertInto('ieecag_document_file')
    .values({ collectivity_id: collectivityId, document_id: documentId, sha256: file.sha256, size: file.size, mime: file.mime, original_name: file.name, content: file.content, created_at: now() })
    .execute();
}

/**
 * Adds a document with its file (id null), or updates one, replacing its file when a new one is
 * given. The search column is written from the titles and summaries in the same statement.
 */
export async function saveDocument(db: Db, scope: Scope, id: number | null, input: DocumentInput, file: CheckedFile | null): Promise<CommandResult<number>> {
  const values = { ...input, title_ar: input.title_ar!, search_text: documentSearchText({ ...input, title_ar: input.title_ar! }) };
  const logged = (v: Record<string, unknown>, f: string | null) => ({ ...loggedColumns(v, documentPlain, documentTexts), file: f });
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const at = now();
    if (id !== null) {
      const before = await trx.selectFrom('ieecag_document').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound();
      const oldFile = await trx.selectFrom('ieecag_document_file').select('original_name').where('collectivity_id', '=', scope.collectivityId).where('document_id', '=', id).executeTakeFirst();
      await trx.updateTable('ieecag_document').set({ ...values, is_example: 0, updated_at: at }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
      if (file) await writeFile(trx, scope.collectivityId, id, file);
      await audit(trx, scope, 'ieecag_document', id, 'update', logged(before, oldFile?.original_name ?? null), logged(values, file ? file.name : (oldFile?.original_name ?? null)));
      return id;
    }
    if (!file) rollbackWith({ file: { key: 'errors.required' } });
    const row = await trx.insertInto('ieecag_document').values({ collectivity_id: scope.collectivityId, ...values, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await writeFile(trx, scope.collectivityId, row.id, file!);
    await audit(trx, scope, 'ieecag_document', row.id, 'create', {}, logged(values, file!.name));
    return row.id;
  });
}

export async function deleteDocument(db: Db, scope: Scope, id: number): Promise<boolean> {
  const result = await tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await trx.selectFrom('ieecag_document').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    // its file goes with it (foreign key on delete cascade; said here for SQLite without it too)
    await trx.deleteFrom('ieecag_document_file').where('collectivity_id', '=', scope.collectivityId).where('document_id', '=', id).execute();
    await trx.deleteFrom('ieecag_document').where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'ieecag_document', id, 'delete', loggedColumns(before, documentPlain, documentTexts), {});
    return true;
  });
  return result.ok && result.value;
}
