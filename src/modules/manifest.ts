// What a feature module declares to the application: its name (also its i18n namespace),
// its locale catalogs, and one Fastify plugin with its public, back-office and API routes.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';

export interface ModuleManifest {
  name: string;
  localesDir: string;
  plugin: (app: FastifyInstance) => Promise<void>;
  /** loads the module's part of the built-in Settat demo; loading again changes nothing */
  seedDemo?: (db: Db) => Promise<unknown>;
}
