// What a feature module declares to the application: its name (also its i18n namespace),
// its locale catalogs, and one Fastify plugin with its public, back-office and API routes.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';

export interface ModuleManifest {
  name: string;
  localesDir: string;
  plugin: (app: FastifyInstance) => Promise<void>;
  /** loads the module's part of the built-in Settat demo; loading again changes nothing. What
   *  must be open when the demo is looked at (a vote, a call) is placed relative to `today`. */
  seedDemo?: (db: Db, options: DemoOptions) => Promise<unknown>;
  /** the parts of the demo that are open on `options.today` and that belong to a programme after
   *  the current one (the next cycle's co-creation): run once every module's seedDemo is done,
   *  so that each module's history is written while the current programme is the newest */
  seedDemoNow?: (db: Db, options: DemoOptions) => Promise<unknown>;
  /** live figures other modules can follow (an indicator bound to one), by name within the
   *  module; the full name is `module.name` (e.g. `cocreation.proposals`) */
  metrics?: Record<string, Metric>;
  /** the module's public pages of a collectivity, for its sitemap (`platform/sitemap.ts`) */
  sitemap?: SitemapProvider;
}

export interface DemoOptions {
  /** the day the demo is loaded (YYYY-MM-DD, Casablanca): its open parts are dated from it */
  today: string;
}

/** Paths after the locale (`/c/settat/programme`), at most `limit`, pages that answer 200 only. */
export type SitemapProvider = (db: Db, place: { id: number; slug: string }, limit: number) => Promise<string[]>;

/** A value on a calendar date (YYYY-MM-DD, Casablanca). */
export interface DatedValue {
  date: string;
  value: number;
}

/** People a module counted in a calendar year (Casablanca), by gender, for the equality
 *  commission's gender lens (ieecag/gender-lens.ts): `known` = women + men; `total` − `known`
 *  were counted without a gender. */
export interface GenderYear {
  year: number;
  women: number;
  men: number;
  known: number;
  total: number;
}

export interface MetricScope {
  collectivityId: number;
  programmeId: number;
}

/**
 * A figure computed from a module's live rows, as a dated series (oldest first; counts are
 * cumulative: the value on a date is the total up to that date). Never stored: computed when read.
 */
export interface Metric {
  /** i18n key of the label; it receives the chosen variant's values (e.g. {axis}) */
  label: string;
  unit: 'count' | 'percent';
  /** a metric counted per item (an axis, a channel): the items of this programme to choose from */
  variants?: (db: Db, scope: MetricScope) => Promise<{ key: string; values: Record<string, string | number> }[]>;
  series: (db: Db, scope: MetricScope, variant: string | null) => Promise<DatedValue[]>;
}
