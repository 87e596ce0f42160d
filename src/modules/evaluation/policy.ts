// Who may do what with the yearly evaluation report: preparing and publishing it is the work of
// the collectivity's administrators ('manage'), checked first in every back-office route.
import { type Ability, type CurrentUser, can } from '../../platform/auth/roles.ts';
import { forbidden } from '../../platform/errors.ts';

export type ReportAction = 'report.view' | 'report.edit' | 'report.publish';

const rules: Record<ReportAction, Ability> = {
  'report.view': 'manage',
  'report.edit': 'manage',
  'report.publish': 'manage',
};

export const allows = (user: CurrentUser | null, action: ReportAction, collectivityId: number) => can(user, rules[action], collectivityId);

export function authorize(user: CurrentUser | null, action: ReportAction, collectivityId: number): void {
  if (!allows(user, action, collectivityId)) throw forbidden();
}
