// The evaluation module: the public programme dashboard (progress, Gantt timeline, lateness,
// indicators against targets), the printable set of project cards, and the yearly evaluation
// report that staff review and publish as frozen, versioned snapshots.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { evaluationAdminRoutes } from './admin-routes.tsx';
import { evaluationRoutes } from './routes.tsx';
import './happenings.ts';

/** The collectivity's published reports (latest version of each year), for its home page. */
export { publishedReports, type PublishedReport } from './repository.ts';
export { ReportLinks } from './views/public.tsx';

export const evaluationModule: ModuleManifest = {
  name: 'evaluation',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(evaluationRoutes);
    await app.register(evaluationAdminRoutes);
  },
};
