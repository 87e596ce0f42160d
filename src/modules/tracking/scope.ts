// The scope of a back-office route of the module: the collectivity of the URL (its permission,
// tracking.view or tracking.record, is checked first; platform/auth/permissions.ts), its current
// programme and the acting user.
import type { FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import type { Collectivity } from '../../platform/tenancy.ts';
import { currentProgramme } from '../programme/repository.ts';
import type { Scope } from './commands/progress-note.ts';

/** The collectivity of the URL, its current programme and the acting user; 404 without a programme. */
export async function trackingScope(request: FastifyRequest): Promise<{ c: Collectivity; scope: Scope }> {
  const { collectivity: c, actor } = staffOf(request);
  const programme = await currentProgramme(request.server.db, c.id);
  if (!programme) throw notFound('programme_not_found');
  return { c, scope: { actor, collectivityId: c.id, programme } };
}
