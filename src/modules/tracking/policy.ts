// Who may record the implementation: staff with the 'edit' ability in the collectivity (a focal
// point or an administrator). Checked first in every back-office route of the module.
import type { FastifyRequest } from 'fastify';
import { can, roleIn } from '../../platform/auth/roles.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { type Collectivity, requireCollectivity } from '../../platform/tenancy.ts';
import { currentProgramme } from '../programme/repository.ts';
import type { Scope } from './commands/progress-note.ts';

export type TrackingAction = 'tracking.view' | 'note.create' | 'measurement.create' | 'measurement.delete' | 'target.set' | 'target.delete' | 'metric.bind';

const rules: Record<TrackingAction, 'edit'> = {
  'tracking.view': 'edit',
  'note.create': 'edit',
  'measurement.create': 'edit',
  'measurement.delete': 'edit',
  'target.set': 'edit',
  'target.delete': 'edit',
  'metric.bind': 'edit',
};

/** The collectivity of the URL, its current programme and the acting user; 403 / 404 otherwise. */
export async function trackingScope(request: FastifyRequest<{ Params: { slug?: string } }>, action: TrackingAction): Promise<{ c: Collectivity; scope: Scope }> {
  const c = await requireCollectivity(request.server.db, request.params.slug ?? '');
  if (!request.user || !can(request.user, rules[action], c.id)) throw forbidden();
  const programme = await currentProgramme(request.server.db, c.id);
  if (!programme) throw notFound('programme_not_found');
  return { c, scope: { actor: { userId: request.user.id, role: roleIn(request.user, c.id)! }, collectivityId: c.id, programme } };
}
