// Which programme a public page is about, and where that programme's pages are. Every public
// programme has its pages under /programmes/{period}/…; the short URLs (/programme, /dashboard,
// /indicators, /api/v1/…/programme) follow the current one. Shared by the programme, evaluation,
// tracking and transfer modules so that they all resolve a period, and answer 404, the same way.
import type { Db } from '../../platform/db/database.ts';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { pick } from '../../platform/tenancy.ts';
import type { Text } from './presenters.ts';
import { isPublic } from './progress.ts';
import { currentProgramme, findProgramme, listProgrammes, publicProgrammeOfPeriodKey } from './repository.ts';

/** The public programme a URL names: the current one when `period` is absent, else the public
 *  programme of that period ("2024-2025"); undefined for a draft, an unknown period or none. */
export async function findPublicProgramme(db: Db, collectivityId: number, period: string | undefined): Promise<ProgrammeRow | undefined> {
  if (period === undefined) {
    const current = await currentProgramme(db, collectivityId);
    return current && isPublic(current.status) ? current : undefined;
  }
  return publicProgrammeOfPeriodKey(db, collectivityId, period);
}

/** findPublicProgramme, or 404 (programme_not_found), exactly as the matrix answers. */
export async function requirePublicProgramme(db: Db, collectivityId: number, period: string | undefined): Promise<ProgrammeRow> {
  const found = await findPublicProgramme(db, collectivityId, period);
  if (!found) throw notFound('programme_not_found');
  return found;
}

/** A public programme by id (the owner of an indicator, a report), or undefined. */
export async function publicProgrammeById(db: Db, collectivityId: number, id: number): Promise<ProgrammeRow | undefined> {
  const found = await findProgramme(db, collectivityId, id);
  return found && isPublic(found.status) ? found : undefined;
}

/** Every public programme, newest period first (for the sitemaps). */
export const publicProgrammes = (db: Db, collectivityId: number) => listProgrammes(db, collectivityId);

export const periodKey = (p: { start_year: number; end_year: number }) => `${p.start_year}-${p.end_year}`;

export interface ProgrammeUrls {
  /** the matrix */
  matrix: string;
  /** every change since adoption, a page at a time (the matrix shows the latest) */
  history: string;
  dashboard: string;
  cards: string;
  indicators: string;
  /** the yearly reports of this programme (all reports, for the current one) */
  reports: string;
  /** the open-data document (JSON, as the API serves it) */
  api: string;
  /** the open-data indicators */
  apiIndicators: string;
  /** the downloads without their extension: `${downloads}.xlsx`, `.csv`, `.json`, `.ics` */
  downloads: string;
}

/**
 * Where a programme's pages are. `base` is the collectivity's public base (/ar/c/settat), or ''
 * for paths after the locale (the sitemap). The current programme keeps its short URLs.
 */
export function programmeUrls(base: string, slug: string, p: { start_year: number; end_year: number; is_current: number }): ProgrammeUrls {
  const api = `/api/v1/collectivities/${slug}`;
  if (Number(p.is_current) === 1) {
    return {
      matrix: `${base}/programme`,
      history: `${base}/programme/history`,
      dashboard: `${base}/dashboard`,
      cards: `${base}/programme/cards`,
      indicators: `${base}/indicators`,
      reports: `${base}/reports`,
      api: `${api}/programme`,
      apiIndicators: `${api}/indicators`,
      downloads: `${api}/programme`,
    };
  }
  const home = `${base}/programmes/${periodKey(p)}`;
  return {
    matrix: home,
    history: `${home}/history`,
    dashboard: `${home}/dashboard`,
    cards: `${home}/cards`,
    indicators: `${home}/indicators`,
    reports: `${home}/reports`,
    api: `${api}/programmes/${periodKey(p)}`,
    apiIndicators: `${api}/programmes/${periodKey(p)}/indicators`,
    downloads: `${api}/programmes/${periodKey(p)}`,
  };
}

/** The public programme a page of another programme points to: the current one, if public. */
export async function currentLinkFor(db: Db, collectivityId: number, base: string, locale: Locale, programme: ProgrammeRow): Promise<{ href: string; title: Text } | null> {
  if (Number(programme.is_current) === 1) return null;
  const current = await currentProgramme(db, collectivityId);
  if (!current || !isPublic(current.status)) return null;
  return { href: `${base}/programme`, title: pick({ ar: current.title_ar, fr: current.title_fr, en: current.title_en }, locale) };
}
