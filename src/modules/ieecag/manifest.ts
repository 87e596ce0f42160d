// The equality commission's e-space (هيئة المساواة وتكافؤ الفرص ومقاربة النوع, IEECAG; axis 2 of
// Settat's programme): the commission and its members, its register of advisory opinions with
// the council's response, its trainings and documents, the gender lens on the platform's
// participation, and citizens' referrals.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { ieecagMetrics } from './metrics.ts';
import { opinionRoutes } from './opinion-routes.tsx';
import { referralRoutes } from './referral-routes.tsx';
import { spaceRoutes } from './space-routes.tsx';
import './tables.ts';

export const ieecagModule: ModuleManifest = {
  name: 'ieecag',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(spaceRoutes);
    await app.register(opinionRoutes);
    await app.register(referralRoutes);
  },
  metrics: ieecagMetrics,
  seedDemo: async (db, options) => (await import('./seed/settat.ts')).loadSettatIeecag(db, options),
};
