// The programme's read models, per plan version (platform/read-model.ts): which public
// programme a URL names, its tree, and the first page of its history. The public pages, the API
// and the evaluation pages share them, so a page rendered afresh (a new locale, another page of
// the same programme, the API after the page) runs no query beyond the collectivity lookup.
import type { FastifyInstance } from 'fastify';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { planScope } from '../../platform/read-model.ts';

/** What the plan's read models are kept under: the collectivity and its plan version. */
export type PlanScoped = { id: number; planVersion: number };
import { findPublicProgramme } from './public-programme.ts';
import { type ProgrammeTree, currentProgramme, loadProgrammeTree } from './repository.ts';

/** currentProgramme (public or not), per plan version: read before a citizen's write too. */
export const currentProgrammeOf = (app: FastifyInstance, c: PlanScoped): Promise<ProgrammeRow | undefined> =>
  app.readModels.get(planScope(c), 'plan:current-programme', () => currentProgramme(app.db, c.id));

/** findPublicProgramme, per content version. */
export const publicProgrammeOf = (app: FastifyInstance, c: PlanScoped, period: string | undefined): Promise<ProgrammeRow | undefined> =>
  app.readModels.get(planScope(c), `plan:public-programme:${period ?? ''}`, () => findPublicProgramme(app.db, c.id, period));

/** publicProgrammeOf, or 404 (programme_not_found). */
export async function requirePublicProgrammeOf(app: FastifyInstance, c: PlanScoped, period: string | undefined): Promise<ProgrammeRow> {
  const found = await publicProgrammeOf(app, c, period);
  if (!found) throw notFound('programme_not_found');
  return found;
}

/** loadProgrammeTree, per content version. */
export const programmeTreeOf = (app: FastifyInstance, c: PlanScoped, programme: ProgrammeRow): Promise<ProgrammeTree> =>
  app.readModels.get(planScope(c), `plan:programme-tree:${programme.id}`, () => loadProgrammeTree(app.db, c.id, programme));
