// The co-creation module: the participatory process, the monitoring committee, participation
// events, calls for proposals, proposals with their public trail, participation statistics.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { cocreationAdminRoutes } from './admin-routes.tsx';
import { participationApi } from './api.ts';
import { cocreationRoutes } from './routes.tsx';
import { submitRoutes } from './submit-routes.tsx';
import { commentRoutes } from './comment-routes.tsx';
import { consultationRoutes } from './consultation-routes.tsx';
import { processAdminRoutes } from './process-admin-routes.tsx';

import { registerDependentsCheck, registerOriginsProvider } from '../programme/manifest.ts';
import { registerAccountDeletionHandler, registerNameShownIn, registerPersonalDataExporter } from '../../platform/personal-data.ts';
import { cocreationPages, proposalsFeeding } from './repository.ts';
import { currentProgramme } from '../programme/manifest.ts';

export { participationStats, type ParticipationStats } from './stats.ts';
// the network's dashboard (modules/network/figures.ts)
export { eventAttendanceByYear, proposalCountsByYear } from './network-counts.ts';
export { registerParticipationSource, type ParticipationSection } from './participation-sources.ts';
/** For the equality commission's gender lens: women and men at events and among proposals' authors, per year. */
export { eventsGenderByYear, proposalAuthorsGenderByYear } from './gender.ts';
import { cocreationMetrics } from './metrics.ts';
import './my-space.ts';
import './happenings.ts';
import './carry.ts';

// "Download my data": the person's proposals, comments, supports, follows and stopped mails. (On account deletion the
// rows stay, and the author is shown as a deleted account: the user row is anonymised.)
registerPersonalDataExporter('cocreation', async (db, person) => ({
  proposals: await db.selectFrom('proposal').select(['id', 'collectivity_id', 'title', 'body', 'status', 'submitted_at']).where('author_user_id', '=', person.id).execute(),
  comments: await db.selectFrom('proposal_comment').select(['id', 'proposal_id', 'body', 'created_at', 'hidden_at', 'hidden_reason']).where('author_user_id', '=', person.id).execute(),
  supports: await db.selectFrom('proposal_support').select(['proposal_id', 'created_at']).where('user_id', '=', person.id).execute(),
  follows: await db.selectFrom('proposal_follow').select(['proposal_id', 'created_at']).where('user_id', '=', person.id).execute(),
  mailsStopped: await db.selectFrom('proposal_mute').select(['proposal_id', 'created_at']).where('user_id', '=', person.id).execute(),
}));
// A deleted account follows nothing any more (and its "no more mails" choices go with it).
registerAccountDeletionHandler('cocreation', async (trx, person) => {
  await trx.deleteFrom('proposal_follow').where('user_id', '=', person.id).execute();
  await trx.deleteFrom('proposal_mute').where('user_id', '=', person.id).execute();
});

// A proposal's page shows its author's name and its commenters' names.
registerNameShownIn('cocreation', async (db, person) => {
  const rows = await db
    .selectFrom('proposal_comment')
    .select('collectivity_id')
    .where('author_user_id', '=', person.id)
    .union(db.selectFrom('proposal').select('collectivity_id').where('author_user_id', '=', person.id))
    .execute();
  return [...new Set(rows.map((r) => r.collectivity_id))];
});

// A citizen's proposal keeps its axis and what it became: the parts it hangs on are not deleted.
registerDependentsCheck(async (trx, collectivityId, part) => {
  const q = trx.selectFrom('proposal').select('id').where('collectivity_id', '=', collectivityId);
  const hit =
    part.type === 'axis'
      ? await q.where('axis_id', '=', part.id).executeTakeFirst()
      : part.type === 'project'
        ? await q.where((eb) => eb.or([eb('project_id', '=', part.id), eb('activity_id', 'in', eb.selectFrom('activity').select('id').where('collectivity_id', '=', collectivityId).where('project_id', '=', part.id))])).executeTakeFirst()
        : await q.where('activity_id', '=', part.id).executeTakeFirst();
  return hit ? { key: `cocreation.errors.${part.type}HasProposals` } : null;
});

// The project and activity pages list the proposals that fed them.
registerOriginsProvider(async (db, collectivityId, target, base) =>
  (await proposalsFeeding(db, collectivityId, target)).map((p) => ({
    title: p.title,
    lang: p.lang,
    href: `${base}/proposals/${p.id}`,
    channel: p.channel,
  })),
);

export const cocreationModule: ModuleManifest = {
  name: 'cocreation',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(submitRoutes);
    await app.register(commentRoutes);
    await app.register(cocreationRoutes);
    await app.register(participationApi);
    await app.register(cocreationAdminRoutes);
    await app.register(processAdminRoutes);
    await app.register(consultationRoutes);
  },
  seedDemo: async (db) => (await import('./seed/load.ts')).loadSettatCocreation(db),
  seedDemoNow: async (db, options) => (await import('./seed/load.ts')).loadSettatNextCycle(db, options),
  sitemap: async (db, c, limit) => cocreationPages(db, c, limit, (await currentProgramme(db, c.id))?.id ?? null),
  metrics: cocreationMetrics,
};
