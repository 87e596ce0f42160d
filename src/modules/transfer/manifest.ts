// The transfer module: bringing an action plan in (XLSX, CSV or pasted text → a new draft
// programme, unpublished until staff adopt it in the programme module), getting it out (XLSX,
// CSV, JSON, iCal, streamed), and the consistency check. It reads the programme model through the
// programme module's repository.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { transferAdminRoutes } from './admin-routes.tsx';
import { transferExportRoutes } from './export-routes.ts';
import './adoption.tsx';

export { exportPath } from './export-routes.ts';

export const transferModule: ModuleManifest = {
  name: 'transfer',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(transferExportRoutes);
    await app.register(transferAdminRoutes);
  },
};
