// Requests and steps of the access-to-information register written straight into the database,
// consistent with model.ts (statuses, deadlines in working days from the network's rules), for
// the tests of the public side. Each call bumps the collectivity's content version, as a command would.
import type { Insertable } from 'kysely';
import { addDays, loadRules } from '../../src/modules/information/calendar.ts';
import { answerDue, extendedDue } from '../../src/modules/information/model.ts';
import type { InformationRequestTable } from '../../src/modules/information/tables.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { normalize } from '../../src/platform/text/normalize.ts';

export const daysAgo = (n: number, today = todayInCasablanca()) => addDays(today, -n);

export type RequestInput = { subject: string; received_on: string } & Partial<Omit<Insertable<InformationRequestTable>, 'id' | 'collectivity_id' | 'subject' | 'received_on'>>;

export async function insertRequest(db: Db, collectivityId: number, input: RequestInput, steps: { kind: string; on_date: string; note?: string; actor_role?: string }[] = []) {
  const rules = await loadRules(db);
  const at = new Date().toISOString();
  const clockFrom = input.clock_from ?? input.received_on;
  // the first deadline (model.answerDue), then the extended one (model.extendedDue)
  const firstDue = answerDue(rules, clockFrom, input.urgent === 1);
  const dueOn = input.due_on ?? (input.extended === 1 ? extendedDue(rules, firstDue) : firstDue);
  const row = await db
    .insertInto('information_request')
    .values({
      channel: 'online',
      details: 'نص الطلب الكامل الخاص',
      language: 'ar',
      delivery: 'electronic',
      status: input.answered_on ? 'answered' : 'received',
      ...input,
      collectivity_id: collectivityId,
      clock_from: clockFrom,
      due_on: dueOn,
      search_text: normalize(`${input.subject} ${input.answer_public ? (input.answer ?? '') : ''}`),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const trail = [{ kind: 'received', on_date: input.received_on, actor_role: 'requester' }, ...steps];
  for (const [i, s] of trail.entries()) {
    await db
      .insertInto('information_step')
      .values({ collectivity_id: collectivityId, request_id: row.id, kind: s.kind, on_date: s.on_date, at: new Date(Date.parse(at) + i).toISOString(), actor_role: s.actor_role ?? 'focal_point', note: 'note' in s ? (s.note ?? null) : null, due_on: i === 0 ? (input.extended === 1 && !input.due_on ? firstDue : dueOn) : s.kind === 'extended' ? dueOn : null, actor_user_id: null })
      .execute();
  }
  await bumpContent(db, collectivityId);
  return row.id;
}

export async function bumpContent(db: Db, collectivityId: number) {
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', collectivityId).execute();
}
