// Accounts of citizens and associations: sign-up with a verified address, login, forgotten
// password, profile, "download my data" and "delete my account" (law 09-08).
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { registerPersonalDataExporter } from '../../platform/personal-data.ts';
import type { ModuleManifest } from '../manifest.ts';
import { accountPersonalData } from './repository.ts';
import { accountRoutes } from './routes.tsx';

export { type Citizen, currentCitizen, requireVerifiedCitizen } from './citizen.ts';
export { type MySpaceItem, type MySpaceSection, beforeId, pageById, placeOf, registerMySpaceSection } from './my-space.ts';

registerPersonalDataExporter('account', accountPersonalData);

export const accountsModule: ModuleManifest = {
  name: 'accounts',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(accountRoutes);
  },
};
