// What a feature module declares to the application: its name (also its i18n namespace),
// its locale catalogs, and one Fastify plugin with its public, back-office and API routes.
import type { FastifyInstance } from 'fastify';

export interface ModuleManifest {
  name: string;
  localesDir: string;
  plugin: (app: FastifyInstance) => Promise<void>;
}
