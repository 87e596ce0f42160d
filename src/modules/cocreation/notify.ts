// Mails about a proposal: its author and followers (and, for an answer, its supporters) are told
// of a new comment or a status change, each in their own language, with a signed link that stops
// these mails without logging in. Queued in the caller's transaction; each address counts
// against the platform's per-address limit (mayMailTo), so a busy proposal cannot flood a mailbox.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Db, now } from '../../platform/db/database.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { mayMailTo, queueMail } from '../../platform/mail/index.ts';
import './tables.ts';

export interface MailLinks {
  baseUrl: string;
  slug: string;
  /** the session secret: the unsubscribe links are signed with a key derived from it */
  secret: string;
}

const unsubscribeKey = (secret: string) => createHmac('sha256', secret).update('infitah/cocreation/unsubscribe/v1').digest();

/** The signature of "this person stops mails about this proposal". */
export const unsubscribeSignature = (secret: string, proposalId: number, userId: number) =>
  createHmac('sha256', unsubscribeKey(secret)).update(`${proposalId}|${userId}`).digest('base64url');

export function validUnsubscribe(secret: string, proposalId: number, userId: number, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length > 100) return false;
  const expected = Buffer.from(unsubscribeSignature(secret, proposalId, userId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const unsubscribePath = (locale: string, slug: string, proposalId: number) => `/${locale}/c/${slug}/proposals/${proposalId}/unsubscribe`;

export const unsubscribeLink = (links: MailLinks, locale: string, proposalId: number, userId: number) =>
  `${links.baseUrl}${unsubscribePath(locale, links.slug, proposalId)}?user=${userId}&token=${unsubscribeSignature(links.secret, proposalId, userId)}`;
/** The same, for the mail's List-Unsubscribe header: mail apps POST to it, with no page between. */
export const oneClickUnsubscribeLink = (links: MailLinks, locale: string, proposalId: number, userId: number) =>
  `${links.baseUrl}${unsubscribePath(locale, links.slug, proposalId)}/one-click?user=${userId}&token=${unsubscribeSignature(links.secret, proposalId, userId)}`;

export type ProposalNews =
  | { kind: 'comment'; by: number }
  | { kind: 'status'; status: string; answer: { ar: string | null; fr: string | null; en: string | null } };

/**
 * Queues the mails about `news` on a proposal. Recipients: the author and the followers; for an
 * answer, the supporters too (supporting follows). Not the commenter, not deleted accounts, not
 * whoever stopped these mails. Returns how many were queued.
 */
export async function notifyProposal(
  trx: Db,
  collectivityId: number,
  proposal: { id: number; title: string; author_user_id: number | null },
  news: ProposalNews,
  links: MailLinks,
): Promise<number> {
  const people = await trx
    .selectFrom('app_user as u')
    .select(['u.id', 'u.email', 'u.locale'])
    .where('u.deleted_at', 'is', null)
    .where('u.email_verified_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('u.id', '=', proposal.author_user_id ?? -1),
        eb('u.id', 'in', eb.selectFrom('proposal_follow').select('user_id').where('collectivity_id', '=', collectivityId).where('proposal_id', '=', proposal.id)),
        ...(news.kind === 'status'
          ? [eb('u.id', 'in', eb.selectFrom('proposal_support').select('user_id').where('collectivity_id', '=', collectivityId).where('proposal_id', '=', proposal.id))]
          : []),
      ]),
    )
    .where('u.id', 'not in', (eb) => eb.selectFrom('proposal_mute').select('user_id').where('collectivity_id', '=', collectivityId).where('proposal_id', '=', proposal.id))
    .$if(news.kind === 'comment', (q) => q.where('u.id', '!=', (news as { by: number }).by))
    .orderBy('u.id')
    .execute();
  let queued = 0;
  for (const person of people) {
    // over the hour's limit for this address: this mail is skipped (the page has the news)
    if (!(await mayMailTo(trx, person.email))) continue;
    const locale = isLocale(person.locale) ? person.locale : 'ar';
    const t = translator(locale);
    const link = `${links.baseUrl}/${locale}/c/${links.slug}/proposals/${proposal.id}`;
    const mine = person.id === proposal.author_user_id;
    const body =
      news.kind === 'comment'
        ? t(mine ? 'cocreation.mail.commentOnYours' : 'cocreation.mail.commentText', { title: proposal.title, link })
        : t(mine ? 'cocreation.mail.answeredText' : 'cocreation.mail.answeredFollowedText', {
            title: proposal.title,
            status: t(`cocreation.status.${news.status}`),
            answer: news.answer[locale] ?? news.answer.ar ?? news.answer.fr ?? news.answer.en ?? '',
            link,
          });
    await queueMail(trx, {
      to: person.email,
      collectivityId,
      subject: t(news.kind === 'comment' ? 'cocreation.mail.commentSubject' : mine ? 'cocreation.mail.answeredSubject' : 'cocreation.mail.answeredFollowedSubject', { title: proposal.title }),
      text: `${body}\n\n${t('cocreation.mail.unsubscribe', { link: unsubscribeLink(links, locale, proposal.id, person.id) })}`,
      unsubscribe: oneClickUnsubscribeLink(links, locale, proposal.id, person.id),
    });
    queued++;
  }
  return queued;
}

/** Stops the mails about a proposal for this person; following it again starts them again.
 *  Null when the proposal is not one of this collectivity. */
export async function muteProposal(db: Db, collectivityId: number, proposalId: number, userId: number): Promise<boolean | null> {
  const proposal = await db.selectFrom('proposal').select('id').where('collectivity_id', '=', collectivityId).where('id', '=', proposalId).executeTakeFirst();
  if (!proposal) return null;
  const user = await db.selectFrom('app_user').select('id').where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!user) return null;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('proposal_follow').where('collectivity_id', '=', collectivityId).where('proposal_id', '=', proposalId).where('user_id', '=', userId).execute();
    await trx
      .insertInto('proposal_mute')
      .values({ proposal_id: proposalId, user_id: userId, collectivity_id: collectivityId, created_at: now() })
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
      .execute();
  });
  return true;
}
