// A person's referrals to equality commissions: a section of "my space" (with the status, the
// way to the private answer), their part of "download my data", and what deleting the account
// does to them.
//
// On account deletion, a referral the commission answered publicly (and not hidden) stays, without
// its author (user_id null): its answer is part of the commission's public record, and the
// public page never named the author anyway. Every other referral (waiting, answered privately,
// hidden) is deleted with the account: it was a private exchange between the person and the
// commission. The public counts move, so the collectivities' pages are rebuilt.
import { translator } from '../../platform/i18n/i18n.ts';
import { registerAccountDeletionHandler, registerPersonalDataExporter } from '../../platform/personal-data.ts';
import { beforeId, pageById, placeOf, registerMySpaceSection } from '../accounts/manifest.ts';
import './tables.ts';

/** The status of a referral in words, for its author. */
export const referralStatusKey = (r: { status: string; answer_public: number; answered_on: string | null }) =>
  r.status === 'hidden' ? 'hidden' : r.answered_on === null ? 'received' : r.answer_public === 1 ? 'answeredPublicly' : 'answeredPrivately';

registerMySpaceSection({
  name: 'referrals',
  async list(db, userId, locale, page) {
    const t = translator(locale);
    const before = beforeId(page.before);
    const rows = await db
      .selectFrom('ieecag_referral as r')
      .innerJoin('collectivity as c', 'c.id', 'r.collectivity_id')
      .select(['r.id', 'r.subject', 'r.status', 'r.answer_public', 'r.answered_on', 'r.created_at', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .where('r.user_id', '=', userId)
      .$if(before !== null, (q) => q.where('r.id', '<', before!))
      .orderBy('r.id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return pageById(rows, page.limit, (r) => ({
      // in the author's own words, whatever the page's language
      title: { text: r.subject, lang: locale },
      href: `/${locale}/c/${r.slug}/ieecag/referrals/${r.id}`,
      note: t(`ieecag.referrals.status.${referralStatusKey(r)}`),
      date: r.created_at,
      place: placeOf(r, locale),
    }));
  },
  async collectivityIds(db, userId) {
    return (await db.selectFrom('ieecag_referral').select('collectivity_id').distinct().where('user_id', '=', userId).execute()).map((r) => r.collectivity_id);
  },
});

registerPersonalDataExporter('ieecagReferrals', async (db, person) => {
  const rows = await db
    .selectFrom('ieecag_referral')
    .select(['collectivity_id', 'id', 'subject', 'body', 'concerns', 'status', 'answer', 'answer_public', 'answered_on', 'hidden_reason', 'created_at', 'updated_at'])
    .where('user_id', '=', person.id)
    .orderBy('id')
    .execute();
  return rows.length > 0 ? { referrals: rows } : null;
});

registerAccountDeletionHandler('ieecagReferrals', async (trx, person) => {
  const places = await trx.selectFrom('ieecag_referral').select('collectivity_id').distinct().where('user_id', '=', person.id).execute();
  if (places.length === 0) return;
  await trx
    .updateTable('ieecag_referral')
    .set({ user_id: null })
    .where('user_id', '=', person.id)
    .where('status', '=', 'answered')
    .where('answer_public', '=', 1)
    .execute();
  await trx.deleteFrom('ieecag_referral').where('user_id', '=', person.id).execute();
  await trx
    .updateTable('collectivity')
    .set((eb) => ({ content_version: eb('content_version', '+', 1) }))
    .where('id', 'in', places.map((p) => p.collectivity_id))
    .execute();
});
