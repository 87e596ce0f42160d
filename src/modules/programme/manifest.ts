// The programme module: the action plan (axes → projects → activities), project cards,
// partners, indicators; public pages, back office, open-data API, and the Settat demo.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { programmeAdminRoutes } from './admin-routes.tsx';
import { programmeApi } from './api.ts';
import { programmeCycleRoutes } from './cycle-routes.tsx';
import { programmeRoutes } from './routes.tsx';
import { programmePages } from './repository.ts';

export { currentProgramme, programmeSummaries, projectPath, type ProgrammeSummary } from './repository.ts';
export { registerExampleProgressCheck, registerOriginsProvider, registerScheduleProvider, scheduledActivities, type Origin, type Schedule } from './origins.ts';
export { registerDependentsCheck } from './dependents.ts';
export { registerAdoptionCheck } from './adoption.ts';
export { programmeRef, registerCarrySource, type CarryItem, type CarrySource } from './carry.ts';
/** For modules that add activities to the plan (the participatory budget's winners). */
export { createEntity } from './commands/entities.ts';
export { activityForm } from './schema.ts';
// for the dashboard, the printable cards and the evaluation report (evaluation module)
export { loadProgrammeTree, type ProgrammeTree } from './repository.ts';
// the same, and the public programme a URL names, per content version (shared read models)
export { currentProgrammeOf, programmeTreeOf, publicProgrammeOf, requirePublicProgrammeOf } from './read-models.ts';
export { costLabel, presentProgramme, type ActivityView, type AxisView, type ProgrammeView, type ProjectView, type Text } from './presenters.ts';
export { daysLate, rollUp } from './progress.ts';
// the network's dashboard (modules/network/figures.ts)
export { networkProgrammes, networkThemeCounts, type NetworkProgrammeRow } from './network-counts.ts';
export { NotCurrent, ProjectCard, type CurrentLink, type Place } from './views/public.tsx';
// which public programme a page names (current or by period) and where its pages are
export {
  currentLinkFor,
  findPublicProgramme,
  periodKey,
  programmeUrls,
  publicProgrammeById,
  publicProgrammes,
  requirePublicProgramme,
  type ProgrammeUrls,
} from './public-programme.ts';

export const programmeModule: ModuleManifest = {
  name: 'programme',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(programmeRoutes);
    await app.register(programmeApi);
    await app.register(programmeCycleRoutes);
    await app.register(programmeAdminRoutes);
  },
  // the demo's data, read when it is loaded only (as every module's)
  seedDemo: async (db) => {
    const [{ loadSeedProgramme }, { settat }, { loadChefchaouenDemo }] = await Promise.all([
      import('./seed/load.ts'),
      import('./seed/settat.ts'),
      import('./seed/chefchaouen.ts'),
    ]);
    await loadSeedProgramme(db, settat);
    await loadChefchaouenDemo(db); // the network's second, example commune
  },
  sitemap: programmePages,
};
/** the adopted programmes, for the access-to-information module's proactive publication */
export { adoptedProgrammes } from './repository.ts';
