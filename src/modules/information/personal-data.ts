// A requester's requests for information under law 09-08: their part of "download my data"
// (each request with what they wrote and its trail), and what deleting the account does: the
// request stays in the public register — the collectivity's answer and its deadlines are public
// record — but names no one: the account is detached, the name and contacts are removed and the
// details replaced by a placeholder (they may describe the person).
import { registerAccountDeletionHandler, registerPersonalDataExporter } from '../../platform/personal-data.ts';
import { now } from '../../platform/db/database.ts';
import './tables.ts';

export const DETAILS_REMOVED = '—';

registerPersonalDataExporter('informationRequests', async (db, person) => {
  const requests = await db
    .selectFrom('information_request as r')
    .innerJoin('collectivity as c', 'c.id', 'r.collectivity_id')
    .select([
      'r.id', 'c.slug as collectivity', 'r.channel', 'r.subject', 'r.details', 'r.language', 'r.delivery', 'r.urgent', 'r.urgent_ground', 'r.status',
      'r.received_on', 'r.due_on', 'r.answered_on', 'r.outcome', 'r.answer', 'r.complaint_on', 'r.complaint_decided_on', 'r.complaint_outcome', 'r.cdai_on', 'r.created_at',
    ])
    .where('r.requester_user_id', '=', person.id)
    .orderBy('r.id')
    .execute();
  if (requests.length === 0) return null;
  const steps = await db
    .selectFrom('information_step')
    .select(['request_id', 'kind', 'on_date', 'note', 'due_on'])
    .where('request_id', 'in', requests.map((r) => r.id))
    .orderBy('at')
    .orderBy('id')
    .execute();
  return requests.map((r) => ({ ...r, trail: steps.filter((s) => s.request_id === r.id).map(({ request_id: _, ...s }) => s) }));
});

registerAccountDeletionHandler('informationRequests', async (trx, person) => {
  // the register shows none of these columns, so no page's version needs to move
  await trx
    .updateTable('information_request')
    .set({ requester_user_id: null, requester_name: null, requester_contact: null, requester_email: null, details: DETAILS_REMOVED, updated_at: now() })
    .where('requester_user_id', '=', person.id)
    .execute();
  // the requester's own steps (a complaint they made) no longer point at the account
  await trx.updateTable('information_step').set({ actor_user_id: null }).where('actor_user_id', '=', person.id).where('actor_role', '=', 'requester').execute();
});
