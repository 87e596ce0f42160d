// The evaluation module: the public programme dashboard (progress, Gantt timeline, lateness,
// indicators against targets), the printable set of project cards, and the yearly evaluation
// report that staff review and publish as frozen, versioned snapshots.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { evaluationAdminRoutes } from './admin-routes.tsx';
import { evaluationRoutes } from './routes.tsx';
import { publishedReports } from './repository.ts';
import { programmeUrls, publicProgrammes } from '../programme/manifest.ts';
import './happenings.ts';

/** The collectivity's published reports (latest version of each year), for its home page. */
export { publishedReports, type PublishedReport } from './repository.ts';
export { ReportLinks } from './views/public.tsx';

export const evaluationModule: ModuleManifest = {
  name: 'evaluation',
  // the dashboard and cards of every public programme (the current one's at their short URLs),
  // a past programme's list of reports, and every year's report
  async sitemap(db, c, limit) {
    const base = `/c/${c.slug}`;
    const [programmes, reports] = await Promise.all([publicProgrammes(db, c.id), publishedReports(db, c.id, limit)]);
    const pages = programmes.flatMap((p) => {
      const urls = programmeUrls(base, c.slug, p);
      return Number(p.is_current) === 1 ? [urls.dashboard, urls.cards] : [urls.dashboard, urls.cards, urls.reports];
    });
    return [...pages, `${base}/reports`, ...reports.map((r) => `${base}/reports/${r.year}`)];
  },
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(evaluationRoutes);
    await app.register(evaluationAdminRoutes);
  },
};
