// Who may run the co-creation of a collectivity: staff with the 'edit' ability there (a focal
// point or an administrator) run it; committee members 'review' (read and answer proposals);
// moderators 'moderate' comments. Every back-office route of the module starts here.
import type { FastifyRequest } from 'fastify';
import { type Ability, can, roleFor } from '../../platform/auth/roles.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { type Collectivity, requireCollectivity } from '../../platform/tenancy.ts';
import { currentProgramme } from '../programme/manifest.ts';
import type { Scope } from './commands/events.ts';

/** The collectivity of the URL, the user's role in it, and its current programme; 403 / 404 otherwise. */
export async function staffScope(request: FastifyRequest<{ Params: { slug?: string } }>, ability: Ability = 'edit') {
  const c: Collectivity = await requireCollectivity(request.server.db, request.params.slug ?? '');
  if (!can(request.user, ability, c.id)) throw forbidden();
  const programme = await currentProgramme(request.server.db, c.id);
  if (!programme) throw notFound('programme_not_found');
  const scope: Scope = { actor: { userId: request.user!.id, role: roleFor(request.user!, ability, c.id)! }, collectivityId: c.id, programmeId: programme.id };
  return { c, programme, scope };
}
