// The permanent dialogue mechanism (آلية دائمة للتحاور, project 4 of Settat's programme): public
// meetings with local actors, registration with a waiting list, iCal, attendance, minutes,
// commitments followed in public until closed, and attendees' feedback.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { outcomeRoutes } from './outcome-routes.tsx';
import { dialogueMetrics } from './metrics.ts';
import './tables.ts';

export const dialogueModule: ModuleManifest = {
  name: 'dialogue',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    // each part registers its routes here
    await app.register(outcomeRoutes);
  },
  metrics: dialogueMetrics,
  seedDemo: async (db, options) => (await import('./seed/settat.ts')).loadSettatDialogue(db, options),
};
