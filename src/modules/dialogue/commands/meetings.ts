// Staff writes about meetings: create, edit, postpone, cancel. One transaction each (the content
// version moves with it), tenant checks on every referenced id, an audit entry. Every change a
// subscribed calendar should pick up bumps `sequence` (iCal SEQUENCE); the UID never changes.
import { type Actor, type LoggedValue, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { casablancaToIso } from '../../../platform/i18n/format.ts';
import { currentProgramme, loadProgrammeTree } from '../../programme/manifest.ts';
import { fillFreedSeats, lockMeeting, mailMeetingCancelled } from '../registration.ts';
import { linksOf, proposalsAmong, seatsTaken } from '../repository.ts';
import { type CancelInput, type MeetingInput, type PostponeInput, instantsOf } from '../schema.ts';
import type { MeetingLinkKind, MeetingRow } from '../tables.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
}

const meetingValues = (input: MeetingInput) => {
  const { startsAt, endsAt } = instantsOf(input);
  const instant = (v: string | null) => (v === null ? null : casablancaToIso(v));
  return {
    kind: input.kind,
    starts_at: startsAt,
    ends_at: endsAt,
    title_ar: input.title_ar,
    title_fr: input.title_fr,
    title_en: input.title_en,
    description_ar: input.description_ar,
    description_fr: input.description_fr,
    description_en: input.description_en,
    place_ar: input.place_ar,
    place_fr: input.place_fr,
    place_en: input.place_en,
    map_url: input.map_url,
    online_url: input.online_url,
    languages: input.languages.join(','),
    organizer_ar: input.organizer_ar,
    organizer_fr: input.organizer_fr,
    organizer_en: input.organizer_en,
    accessibility_ar: input.accessibility_ar,
    accessibility_fr: input.accessibility_fr,
    accessibility_en: input.accessibility_en,
    registration_enabled: input.registration_enabled ? 1 : 0,
    capacity: input.capacity,
    registration_opens_at: instant(input.registration_opens_at),
    registration_closes_at: instant(input.registration_closes_at),
  };
};

/** What a subscribed calendar shows: a change to any of these bumps the sequence. */
const calendarFields = ['starts_at', 'ends_at', 'status', 'title_ar', 'title_fr', 'title_en', 'description_ar', 'description_fr', 'description_en', 'place_ar', 'place_fr', 'place_en', 'online_url'] as const;

/**
 * The links the form names, checked against the collectivity: axes, projects and activities of
 * its current programme (or already linked to this meeting, from an earlier programme, which the
 * form no longer lists), proposals of the collectivity.
 */
async function checkedLinks(trx: Db, collectivityId: number, input: MeetingInput, meetingId: number | null) {
  const existing = meetingId === null ? [] : await linksOf(trx, collectivityId, meetingId);
  const programme = await currentProgramme(trx, collectivityId);
  const tree = programme ? await loadProgrammeTree(trx, collectivityId, programme) : null;
  const inPlan: Record<Exclude<MeetingLinkKind, 'proposal'>, Set<number>> = {
    axis: new Set(tree?.axes.map((a) => a.id) ?? []),
    project: new Set(tree?.projects.map((p) => p.id) ?? []),
    activity: new Set(tree?.activities.map((a) => a.id) ?? []),
  };
  const links: { kind: MeetingLinkKind; id: number }[] = [];
  for (const kind of ['axis', 'project', 'activity'] as const) {
    const field = `${kind}_ids` as const;
    for (const id of new Set(input[field])) {
      if (!inPlan[kind].has(id) && !existing.some((l) => l.kind === kind && l.id === id)) rollbackWith({ [field]: { key: 'dialogue.errors.notInProgramme' } });
      links.push({ kind, id });
    }
    // links to an earlier programme's items are not offered by the form: they stay
    for (const l of existing) if (l.kind === kind && !inPlan[kind].has(l.id) && !links.some((x) => x.kind === kind && x.id === l.id)) links.push(l);
  }
  const proposals = await proposalsAmong(trx, collectivityId, input.proposal_ids);
  const unknown = input.proposal_ids.filter((id) => !proposals.some((p) => p.id === id));
  if (unknown.length > 0) rollbackWith({ proposal_ids: { key: 'dialogue.errors.unknownProposals', values: { ids: unknown.join(', ') } } });
  for (const id of input.proposal_ids) links.push({ kind: 'proposal', id });
  return links;
}

async function writeDetails(trx: Db, collectivityId: number, meetingId: number, input: MeetingInput, links: { kind: MeetingLinkKind; id: number }[]) {
  await trx.deleteFrom('meeting_agenda_point').where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).execute();
  if (input.agenda_ar.length > 0) {
    await trx
      .insertInto('meeting_agenda_point')
      .values(input.agenda_ar.map((text, i) => ({ collectivity_id: collectivityId, meeting_id: meetingId, position: i + 1, text_ar: text, text_fr: input.agenda_fr[i] ?? null, text_en: input.agenda_en[i] ?? null })))
      .execute();
  }
  await trx.deleteFrom('meeting_link').where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).execute();
  if (links.length > 0) {
    await trx
      .insertInto('meeting_link')
      .values(links.map((l) => ({ collectivity_id: collectivityId, meeting_id: meetingId, target_kind: l.kind, target_id: l.id })))
      .execute();
  }
}

/** The agenda and links as the change log reads them (ids by kind, points joined). */
const detailsLog = (input: MeetingInput, links: { kind: MeetingLinkKind; id: number }[]): Record<string, LoggedValue> => ({
  agenda: { ar: input.agenda_ar.join('\n') || null, fr: input.agenda_fr.join('\n') || null, en: input.agenda_en.join('\n') || null },
  links: links.map((l) => `${l.kind}:${l.id}`).join(' ') || null,
});

export async function createMeeting(db: Db, scope: Scope, input: MeetingInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const links = await checkedLinks(trx, scope.collectivityId, input, null);
    const values = meetingValues(input);
    const at = now();
    const row = await trx
      .insertInto('meeting')
      .values({ collectivity_id: scope.collectivityId, ...values, status: 'planned', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeDetails(trx, scope.collectivityId, row.id, input, links);
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: null,
      entityType: 'meeting',
      entityId: row.id,
      action: 'create',
      actor: scope.actor,
      changes: diff({}, { ...values, ...detailsLog(input, links) }),
      public: true,
    });
    return row.id;
  });
}

/** The meeting, locked against concurrent edits and registrations on PostgreSQL. */
async function lockedMeeting(trx: Db, collectivityId: number, meetingId: number): Promise<MeetingRow> {
  return (await lockMeeting(trx, collectivityId, meetingId)) ?? rollbackWith({ form: { key: 'dialogue.errors.noMeeting' } });
}

const snapshot = (m: MeetingRow): Record<string, LoggedValue> => {
  const { id: _id, collectivity_id: _c, created_at: _a, updated_at: _u, reminder_claimed_at: _r, ...rest } = m;
  return rest as Record<string, LoggedValue>;
};

/**
 * Edits a meeting. The capacity may not go below the seats confirmed registrations hold (the
 * message says how many): a registrant is never silently moved off a confirmed seat.
 */
export async function updateMeeting(db: Db, scope: Scope, meetingId: number, input: MeetingInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await lockedMeeting(trx, scope.collectivityId, meetingId);
    const links = await checkedLinks(trx, scope.collectivityId, input, meetingId);
    const after = meetingValues(input);
    // the form shows minutes: an instant sent back as it was shown is unchanged
    for (const f of ['starts_at', 'ends_at', 'registration_opens_at', 'registration_closes_at'] as const) {
      if (after[f] !== null && before[f] !== null && after[f]!.slice(0, 16) === before[f]!.slice(0, 16)) after[f] = before[f]!;
    }
    if (after.capacity !== null) {
      const taken = await seatsTaken(trx, scope.collectivityId, meetingId);
      if (after.capacity < taken) rollbackWith({ capacity: { key: 'dialogue.errors.capacityBelowTaken', values: { taken } } });
    }
    const seen = calendarFields.some((f) => f in after && String(before[f] ?? '') !== String((after as Record<string, unknown>)[f] ?? ''));
    await trx
      .updateTable('meeting')
      .set({ ...after, sequence: seen ? before.sequence + 1 : before.sequence, updated_at: now() })
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', meetingId)
      .execute();
    const oldDetails = { agenda: null as LoggedValue, links: null as LoggedValue };
    const agenda = await trx.selectFrom('meeting_agenda_point').selectAll().where('collectivity_id', '=', scope.collectivityId).where('meeting_id', '=', meetingId).orderBy('position').execute();
    const oldLinks = await linksOf(trx, scope.collectivityId, meetingId);
    oldDetails.agenda = { ar: agenda.map((a) => a.text_ar).join('\n') || null, fr: agenda.map((a) => a.text_fr ?? '').join('\n').trim() || null, en: agenda.map((a) => a.text_en ?? '').join('\n').trim() || null };
    oldDetails.links = oldLinks.map((l) => `${l.kind}:${l.id}`).join(' ') || null;
    await writeDetails(trx, scope.collectivityId, meetingId, input, links);
    // more seats (or no limit any more): the waiting list takes them, and is told
    if (before.capacity !== null && (after.capacity === null || after.capacity > before.capacity)) await fillFreedSeats(trx, scope.collectivityId, meetingId);
    const { sequence: _s, ...was } = snapshot(before);
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: null,
      entityType: 'meeting',
      entityId: meetingId,
      action: 'update',
      actor: scope.actor,
      changes: diff({ ...pickKeys(was, Object.keys(after)), ...oldDetails }, { ...after, ...detailsLog(input, links) }),
      public: true,
    });
    return meetingId;
  });
}

const pickKeys = (o: Record<string, LoggedValue>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));

/**
 * Moves a meeting to a new day and time: status 'postponed', the first announced start kept in
 * `postponed_from` (a second postponement keeps the first one). A registration window that would
 * now close after the start is refused, as in the form.
 */
export async function postponeMeeting(db: Db, scope: Scope, meetingId: number, input: PostponeInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await lockedMeeting(trx, scope.collectivityId, meetingId);
    if (before.status === 'cancelled') rollbackWith({ date: { key: 'dialogue.errors.cancelledAlready' } });
    if (before.status === 'held') rollbackWith({ date: { key: 'dialogue.errors.heldAlready' } });
    const { startsAt, endsAt } = instantsOf(input);
    if (startsAt.slice(0, 16) === before.starts_at.slice(0, 16)) rollbackWith({ date: { key: 'dialogue.errors.sameDate' } });
    if (before.registration_closes_at && before.registration_closes_at > startsAt) rollbackWith({ date: { key: 'dialogue.errors.windowAfterNewStart' } });
    const after = { status: 'postponed', starts_at: startsAt, ends_at: endsAt, postponed_from: before.postponed_from ?? before.starts_at };
    await changeAndTell(trx, scope, before, after);
    return meetingId;
  });
}

/** Writes a change calendars must see (the next SEQUENCE), with its audit entry. */
async function changeAndTell(trx: Db, scope: Scope, before: MeetingRow, after: Partial<Pick<MeetingRow, 'status' | 'starts_at' | 'ends_at' | 'postponed_from' | 'cancel_reason_ar' | 'cancel_reason_fr' | 'cancel_reason_en'>>): Promise<void> {
  await trx
    .updateTable('meeting')
    .set({ ...after, sequence: before.sequence + 1, updated_at: now() })
    .where('collectivity_id', '=', scope.collectivityId)
    .where('id', '=', before.id)
    .execute();
  await recordChange(trx, {
    collectivityId: scope.collectivityId,
    programmeId: null,
    entityType: 'meeting',
    entityId: before.id,
    action: 'update',
    actor: scope.actor,
    changes: diff(Object.fromEntries(Object.keys(after).map((k) => [k, before[k as keyof MeetingRow] as LoggedValue])), after),
    public: true,
  });
}

/**
 * Cancels a meeting with a public reason, and tells everyone registered (confirmed or waiting) by
 * mail in their own language, in this transaction (`deliverSoon` after the commit). An address
 * over its hourly limit gets no mail; the page says the meeting is cancelled anyway.
 */
export async function cancelMeeting(db: Db, scope: Scope, meetingId: number, input: CancelInput): Promise<CommandResult<{ mailed: number }>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await lockedMeeting(trx, scope.collectivityId, meetingId);
    if (before.status === 'cancelled') rollbackWith({ cancel_reason_ar: { key: 'dialogue.errors.cancelledAlready' } });
    if (before.status === 'held') rollbackWith({ cancel_reason_ar: { key: 'dialogue.errors.heldAlready' } });
    const after = { status: 'cancelled', cancel_reason_ar: input.cancel_reason_ar, cancel_reason_fr: input.cancel_reason_fr, cancel_reason_en: input.cancel_reason_en };
    await changeAndTell(trx, scope, before, after);
    // everyone registered is told, with the reason and the cancelled event (STATUS:CANCELLED,
    // next SEQUENCE) attached, so that a calendar that took the confirmation's .ics removes it
    const mailed = await mailMeetingCancelled(trx, scope.collectivityId, meetingId);
    return { mailed };
  });
}
