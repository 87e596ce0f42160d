// The evaluation module: the public programme dashboard (progress, Gantt timeline, lateness,
// indicators against targets), the printable set of project cards, and the yearly evaluation
// report that staff review and publish as frozen, versioned snapshots.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { evaluationAdminRoutes } from './admin-routes.tsx';
import { evaluationRoutes } from './routes.tsx';
import { publishedReports } from './repository.ts';
import { currentProgramme } from '../programme/manifest.ts';
import './happenings.ts';

/** The collectivity's published reports (latest version of each year), for its home page. */
export { publishedReports, type PublishedReport } from './repository.ts';
export { ReportLinks } from './views/public.tsx';

export const evaluationModule: ModuleManifest = {
  name: 'evaluation',
  async sitemap(db, c, limit) {
    const base = `/c/${c.slug}`;
    const [programme, reports] = await Promise.all([currentProgramme(db, c.id), publishedReports(db, c.id, limit)]);
    return [...(programme ? [`${base}/dashboard`, `${base}/programme/cards`] : []), `${base}/reports`, ...reports.map((r) => `${base}/reports/${r.year}`)];
  },
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(evaluationRoutes);
    await app.register(evaluationAdminRoutes);
  },
};
