// A verified citizen or association submits a proposal during an open call for proposals.
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { consume } from '../../../platform/rate-limit.ts';
import { normalize } from '../../../platform/text/normalize.ts';
import type { FieldErrors } from '../../../platform/validation.ts';
import { planUnlessFollowed } from '../../tracking/followed.ts';
import '../tables.ts';

/** At most this many proposals per account and hour (abuse guard; workshops are entered by staff). */
export const MAX_PER_HOUR = 5;

export interface SubmitInput {
  title: string;
  body: string;
  axisId: number;
}

/** The query of the call open at `at` that closes first, without its columns (of one programme
 *  when given: calls of the current programme and of the next one, being co-created, may be open
 *  together). */
const openCalls = (db: Db, collectivityId: number, at: string, programmeId?: number) =>
  db
    .selectFrom('call_for_proposals')
    .where('collectivity_id', '=', collectivityId)
    .$if(programmeId !== undefined, (q) => q.where('programme_id', '=', programmeId!))
    .where('opens_at', '<=', at)
    .where('closes_at', '>=', at)
    .orderBy('closes_at')
    .limit(1);

/** The call open at `at` that closes first. */
export async function openCall(db: Db, collectivityId: number, at = now(), programmeId?: number) {
  return openCalls(db, collectivityId, at, programmeId).selectAll().executeTakeFirst();
}

export async function submitProposal(
  db: Db,
  scope: { collectivityId: number; programmeId: number; userId: number },
  input: SubmitInput,
  lang: string,
): Promise<CommandResult<number>> {
  const { collectivityId, programmeId, userId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const at = now();
    // the call still open, and whether the axis is one of the programme's: one query
    const call = await openCalls(trx, collectivityId, at, programmeId)
      .select((eb) => [
        'id',
        eb.case().when(eb.exists(eb.selectFrom('axis').select('axis.id').where('axis.collectivity_id', '=', collectivityId).where('axis.programme_id', '=', programmeId).where('axis.id', '=', input.axisId))).then(1).else(0).end().as('axis_known'),
      ])
      .executeTakeFirst();
    if (!call) rollbackWith({ _: { key: 'cocreation.submit.closed' } });
    const errors: FieldErrors = {};
    if (Number(call!.axis_known) !== 1) errors.axis_id = { key: 'errors.invalidChoice' };
    // counted before the insert, and not at all if the proposal is refused (rolled back)
    const usage = await consume(trx, { key: `proposal:user:${userId}`, max: MAX_PER_HOUR, windowSeconds: 3600 });
    if (!usage.allowed) errors._ = { key: 'cocreation.submit.tooMany', values: { max: MAX_PER_HOUR } };
    if (Object.keys(errors).length) rollbackWith(errors);
    const row = await trx
      .insertInto('proposal')
      .values({
        collectivity_id: collectivityId,
        programme_id: programmeId,
        axis_id: input.axisId,
        channel: 'online',
        call_id: call!.id,
        event_id: null,
        author_user_id: userId,
        title: input.title,
        body: input.body,
        lang,
        search_text: normalize(`${input.title} ${input.body}`),
        status: 'submitted',
        submitted_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('proposal_step').values({ collectivity_id: collectivityId, proposal_id: row.id, at, status: 'submitted', actor_role: null }).execute();
    return row.id;
    // the programme's pages stay, unless one of its indicators counts the proposals
  }, { planUnchanged: planUnlessFollowed(collectivityId, ['cocreation.proposals', 'cocreation.proposalsByAxis', 'cocreation.proposalsByChannel']) });
}
