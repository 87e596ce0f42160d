// Writes of citizens' referrals to the commission: a verified account submits one, the
// commission answers it (publicly or privately), a moderator hides it with a reason. Each runs
// in tenantTransaction (the public page's counts and list move with the content version); staff
// writes are audited. A citizen's submission is not in the change log (like a proposal): the
// row itself says when it came, and the log would keep the author's account id.
import { type Actor, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, isPostgres, now } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/errors.ts';
import { todayInCasablanca } from '../../../platform/i18n/format.ts';
import { mayMailTo, queueMail } from '../../../platform/mail/index.ts';
import { type ReferralMailSettings, answerMail, commissionMail, receivedMail, referralMailPlace } from '../referral-mails.tsx';
import type { AnswerInput, ReferralInput } from '../referral-schema.ts';
import { MAX_REFERRALS_PER_DAY, REFERRAL_WINDOW_MS, findReferral, referralsSince } from '../referrals.ts';
import '../tables.ts';

export interface ReferralAuthor {
  id: number;
  email: string;
  /** the language of the author's mails */
  locale: string;
}

export interface StaffScope {
  actor: Actor;
  collectivityId: number;
}

/**
 * The author's referral to the commission of the collectivity. At most MAX_REFERRALS_PER_DAY per
 * account and collectivity in any 24 hours, counted from the referrals themselves inside this
 * transaction, after locking the author's account row (PostgreSQL: SELECT … FOR UPDATE; SQLite
 * runs one write at a time): two submissions at the limit, on any number of instances, take
 * turns, and the second sees the first. Over the limit: refused, nothing written.
 */
export async function submitReferral(
  db: Db,
  scope: { collectivityId: number; author: ReferralAuthor },
  input: ReferralInput,
  mail: ReferralMailSettings,
): Promise<CommandResult<number>> {
  const { collectivityId, author } = scope;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      await trx
        .selectFrom('app_user')
        .select('id')
        .where('id', '=', author.id)
        .$if(isPostgres(trx), (q) => q.forUpdate())
        .executeTakeFirst();
      const at = now();
      const since = new Date(Date.parse(at) - REFERRAL_WINDOW_MS).toISOString();
      if ((await referralsSince(trx, collectivityId, author.id, since)) >= MAX_REFERRALS_PER_DAY) {
        rollbackWith({ form: { key: 'ieecag.referrals.errors.tooMany', values: { max: MAX_REFERRALS_PER_DAY } } });
      }
      const row = await trx
        .insertInto('ieecag_referral')
        .values({ collectivity_id: collectivityId, user_id: author.id, subject: input.subject, body: input.body, concerns: input.concerns, status: 'received', created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const place = await referralMailPlace(trx, collectivityId, mail);
      const referral = { id: row.id, subject: input.subject, concerns: input.concerns };
      if (await mayMailTo(trx, author.email)) await queueMail(trx, receivedMail(place, referral, author));
      const commission = await trx.selectFrom('ieecag_commission').select('contact_email').where('collectivity_id', '=', collectivityId).executeTakeFirst();
      const contact = commission?.contact_email?.trim();
      if (contact && (await mayMailTo(trx, contact))) await queueMail(trx, commissionMail(place, referral, contact));
      return row.id;
    },
    // the referrals' page counts it; no page of the programme shows it
    { planUnchanged: true },
  );
}

/**
 * The commission answers a referral: the answer is published with the referral, or kept for its
 * author (their space only). Answering again replaces the answer. A hidden referral may be
 * answered privately, never publicly. The author (if the account still exists) is mailed the
 * answer either way.
 */
export async function answerReferral(db: Db, scope: StaffScope, referralId: number, input: AnswerInput, mail: ReferralMailSettings): Promise<CommandResult<{ mailed: boolean }>> {
  const { collectivityId } = scope;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      const before = await findReferral(trx, collectivityId, referralId);
      if (!before) throw notFound('referral_not_found');
      const isPublic = input.visibility === 'public';
      if (isPublic && before.status === 'hidden') rollbackWith({ visibility: { key: 'ieecag.referrals.errors.hiddenNotPublic' } });
      const at = now();
      const answeredOn = todayInCasablanca();
      await trx
        .updateTable('ieecag_referral')
        .set({ answer: input.answer, answer_public: isPublic ? 1 : 0, answered_on: answeredOn, status: before.status === 'hidden' ? 'hidden' : 'answered', updated_at: at })
        .where('collectivity_id', '=', collectivityId)
        .where('id', '=', referralId)
        .execute();
      await recordChange(trx, {
        collectivityId,
        programmeId: null,
        entityType: 'ieecag_referral',
        entityId: referralId,
        action: 'update',
        actor: scope.actor,
        changes: diff(
          { answer: before.answer, answer_public: before.answered_on ? before.answer_public : null, answered_on: before.answered_on },
          { answer: input.answer, answer_public: isPublic ? 1 : 0, answered_on: answeredOn },
        ),
        public: false,
      });
      let mailed = false;
      if (before.user_id !== null) {
        const author = await trx.selectFrom('app_user').select(['email', 'locale', 'deleted_at']).where('id', '=', before.user_id).executeTakeFirst();
        if (author && author.deleted_at === null && (await mayMailTo(trx, author.email))) {
          const place = await referralMailPlace(trx, collectivityId, mail);
          await queueMail(trx, answerMail(place, { id: referralId, subject: before.subject, answer: input.answer, answered_on: answeredOn, answer_public: isPublic ? 1 : 0 }, author));
          mailed = true;
        }
      }
      return { mailed };
    },
    // the collectivity's row locked first: a hide and a public answer at once must not leave a
    // hidden referral published (each reads the status, then writes it)
    { planUnchanged: true, serialize: true },
  );
}

/**
 * A moderator sets a referral aside (abusive, personal data), with a reason: it leaves the
 * public page for good (a public answer becomes private) and can no longer be published.
 */
export async function hideReferral(db: Db, scope: StaffScope, referralId: number, reason: string): Promise<CommandResult<number>> {
  const { collectivityId } = scope;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      const before = await findReferral(trx, collectivityId, referralId);
      if (!before) throw notFound('referral_not_found');
      if (before.status === 'hidden') rollbackWith({ reason: { key: 'ieecag.referrals.errors.alreadyHidden' } });
      await trx
        .updateTable('ieecag_referral')
        .set({ status: 'hidden', hidden_reason: reason, answer_public: 0, updated_at: now() })
        .where('collectivity_id', '=', collectivityId)
        .where('id', '=', referralId)
        .execute();
      await recordChange(trx, {
        collectivityId,
        programmeId: null,
        entityType: 'ieecag_referral',
        entityId: referralId,
        action: 'update',
        actor: scope.actor,
        changes: [
          { field: 'status', before: before.status, after: 'hidden' },
          { field: 'hidden_reason', before: null, after: reason },
          ...(before.answer_public === 1 ? [{ field: 'answer_public', before: 1, after: 0 }] : []),
        ],
        public: false,
        reason,
      });
      return referralId;
    },
    { planUnchanged: true, serialize: true },
  );
}
