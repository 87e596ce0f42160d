// "Start the next programme" offers the proposals the last cycle did not retain (registered with
// the programme module, which does not know this one): the ticked ones are linked to the draft in
// proposal_carried, listed in its back office, and their public page says they are being
// considered for that programme.
import { now } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import type { Db } from '../../platform/db/database.ts';
import { programmeRef, registerCarrySource } from '../programme/manifest.ts';
import { carriableProposals, carryProposals, programmesCarryingProposal, proposalsCarriedInto } from './repository.ts';

registerCarrySource({
  name: 'proposal',
  heading: { offered: 'cocreation.carry.offered', carried: 'cocreation.carry.carried' },
  async candidates(db, collectivityId, fromId, { locale, adminBase }) {
    const t = translator(locale);
    return (await carriableProposals(db, collectivityId, fromId)).map((p) => ({
      id: p.id,
      title: p.title,
      lang: p.lang,
      note: t(`cocreation.status.${p.status}`),
      href: `${adminBase}/proposals/${p.id}`,
    }));
  },
  carry: (trx, collectivityId, fromId, toId, ids) => carryProposals(trx, collectivityId, fromId, toId, ids, now()),
  async carried(db, collectivityId, programmeId, { locale, adminBase }) {
    const t = translator(locale);
    return (await proposalsCarriedInto(db, collectivityId, programmeId)).map((p) => ({
      id: p.id,
      title: p.title,
      lang: p.lang,
      note: t(`cocreation.status.${p.status}`),
      href: `${adminBase}/proposals/${p.id}`,
    }));
  },
});

/** The next programme a proposal is being considered for: a public one (in consultation, adopted)
 *  with its path after the collectivity's public base, else the newest draft (no link yet). */
export async function consideredFor(db: Db, collectivityId: number, proposalId: number): Promise<{ period: string; path: string | null } | null> {
  const refs = (await Promise.all((await programmesCarryingProposal(db, collectivityId, proposalId)).map((id) => programmeRef(db, collectivityId, id)))).filter((r) => r !== null);
  return refs.find((r) => r.path !== null) ?? refs[0] ?? null;
}
