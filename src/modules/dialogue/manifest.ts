// The permanent dialogue mechanism (آلية دائمة للتحاور, project 4 of Settat's programme): public
// meetings with local actors, registration with a waiting list, iCal, attendance, minutes,
// commitments followed in public until closed, and attendees' feedback.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { dialogueAdminRoutes } from './admin-routes.tsx';
import { dialogueApi } from './api.ts';
import { dialogueMetrics } from './metrics.ts';
import { outcomeRoutes } from './outcome-routes.tsx';
import { registrationRoutes } from './registration-routes.tsx';
import { meetingIds } from './repository.ts';
import { dialogueRoutes } from './routes.tsx';
import './tables.ts';
import './happenings.ts';

/** For the equality commission's gender lens: women and men attending the meetings, per year. */
export { attendanceGenderByYear } from './gender.ts';
export { meetingAttendanceByYear } from './network-counts.ts'; // the network's dashboard

export const dialogueModule: ModuleManifest = {
  name: 'dialogue',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(dialogueRoutes);
    await app.register(registrationRoutes);
    await app.register(outcomeRoutes);
    await app.register(dialogueApi);
    await app.register(dialogueAdminRoutes);
  },
  metrics: dialogueMetrics,
  sitemap: async (db, c, limit) => [`/c/${c.slug}/meetings`, ...(await meetingIds(db, c.id, Math.max(0, limit - 1))).map((id) => `/c/${c.slug}/meetings/${id}`)],
  seedDemo: async (db, options) => (await import('./seed/settat.ts')).loadSettatDialogue(db, options),
};
/** held meetings with published minutes, for the access-to-information module's proactive publication */
export { meetingsWithMinutes } from './repository.ts';
