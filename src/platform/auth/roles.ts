// Roles and what they may do. A network admin acts on every collectivity; the other roles
// are granted per collectivity. Module policies are written in terms of these abilities.
export const roles = ['network_admin', 'collectivity_admin', 'editor', 'committee_member', 'moderator'] as const;
export type Role = (typeof roles)[number];

export interface RoleGrant {
  role: Role;
  collectivityId: number | null;
}

export interface CurrentUser {
  id: number;
  email: string;
  displayName: string;
  grants: RoleGrant[];
}

/**
 * edit: keep the programme and the co-creation up to date. manage: structure, status, team.
 * review: read the citizens' proposals in the back office and answer them (the monitoring
 * committee's work). moderate: hide and restore reported comments.
 */
export type Ability = 'edit' | 'manage' | 'review' | 'moderate';

const abilities: Record<Role, Ability[]> = {
  network_admin: ['edit', 'manage', 'review', 'moderate'],
  collectivity_admin: ['edit', 'manage', 'review', 'moderate'],
  editor: ['edit', 'review', 'moderate'],
  committee_member: ['review'],
  moderator: ['moderate'],
};

/** Roles a collectivity admin may grant in their collectivity (network_admin is granted by the CLI). */
export const collectivityRoles = ['collectivity_admin', 'editor', 'committee_member', 'moderator'] as const satisfies readonly Role[];

/** The role under which the user acts on this collectivity, strongest first; null if none. */
export function roleIn(user: CurrentUser, collectivityId: number): Role | null {
  for (const role of roles) {
    if (user.grants.some((g) => g.role === role && (role === 'network_admin' || g.collectivityId === collectivityId))) {
      return role;
    }
  }
  return null;
}

/** Whether any of the user's grants that apply to this collectivity carries the ability. */
export function can(user: CurrentUser | null | undefined, ability: Ability, collectivityId: number): boolean {
  if (!user) return false;
  return user.grants.some(
    (g) => (g.role === 'network_admin' || g.collectivityId === collectivityId) && abilities[g.role].includes(ability),
  );
}

/** The first of the user's roles in this collectivity that carries the ability (for the audit trail). */
export function roleFor(user: CurrentUser, ability: Ability, collectivityId: number): Role | null {
  return roles.find((role) => user.grants.some((g) => g.role === role && (role === 'network_admin' || g.collectivityId === collectivityId)) && abilities[role].includes(ability)) ?? null;
}

export const isNetworkAdmin = (user: CurrentUser) => user.grants.some((g) => g.role === 'network_admin');
