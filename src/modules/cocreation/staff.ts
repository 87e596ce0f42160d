// The scope of a back-office route of co-creation: the collectivity of the URL (the route's
// permission — cocreation.edit, proposal.review or comment.moderate — is checked first;
// platform/auth/permissions.ts), the acting user and the current programme.
import type { FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { currentProgramme } from '../programme/manifest.ts';
import type { Scope } from './commands/events.ts';

/** The collectivity of the URL, the user's role in it, and its current programme; 404 without one. */
export async function staffScope(request: FastifyRequest) {
  const { collectivity: c, actor } = staffOf(request);
  const programme = await currentProgramme(request.server.db, c.id);
  if (!programme) throw notFound('programme_not_found');
  const scope: Scope = { actor, collectivityId: c.id, programmeId: programme.id };
  return { c, programme, scope };
}
