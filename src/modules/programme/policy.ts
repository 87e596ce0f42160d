// Who may do what to a programme. Checked first in every back-office route; the collectivity
// comes from the URL and the user's grants are per collectivity (see platform/auth/roles.ts).
import type { Ability, CurrentUser } from '../../platform/auth/roles.ts';
import { can } from '../../platform/auth/roles.ts';
import { forbidden } from '../../platform/errors.ts';
import type { EntityType } from './commands/entities.ts';

export type ProgrammeAction = `${EntityType}.${'create' | 'update' | 'delete'}` | 'programme.view' | 'programme.update';

/** A focal point keeps the content up to date; removing structure and changing the programme's
 *  status or adoption belong to the collectivity's administrators. */
const rules: Record<ProgrammeAction, Ability> = {
  'programme.view': 'edit',
  'programme.update': 'manage',
  'axis.create': 'edit',
  'axis.update': 'edit',
  'axis.delete': 'manage',
  'project.create': 'edit',
  'project.update': 'edit',
  'project.delete': 'manage',
  'activity.create': 'edit',
  'activity.update': 'edit',
  'activity.delete': 'edit',
  'partner.create': 'edit',
  'partner.update': 'edit',
  'partner.delete': 'manage',
  'indicator.create': 'edit',
  'indicator.update': 'edit',
  'indicator.delete': 'edit',
};

export const allows = (user: CurrentUser | null, action: ProgrammeAction, collectivityId: number) =>
  can(user, rules[action], collectivityId);

export function authorize(user: CurrentUser | null, action: ProgrammeAction, collectivityId: number): void {
  if (!allows(user, action, collectivityId)) throw forbidden();
}
