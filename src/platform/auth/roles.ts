// Roles and what they may do. A network admin acts on every collectivity; the other roles
// are granted per collectivity. Module policies are written in terms of these abilities.
export const roles = ['network_admin', 'collectivity_admin', 'editor'] as const;
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

/** edit: keep the programme's content up to date. manage: structure, status, users. */
export type Ability = 'edit' | 'manage';

const abilities: Record<Role, Ability[]> = {
  network_admin: ['edit', 'manage'],
  collectivity_admin: ['edit', 'manage'],
  editor: ['edit'],
};

/** The role under which the user acts on this collectivity, strongest first; null if none. */
export function roleIn(user: CurrentUser, collectivityId: number): Role | null {
  for (const role of roles) {
    if (user.grants.some((g) => g.role === role && (role === 'network_admin' || g.collectivityId === collectivityId))) {
      return role;
    }
  }
  return null;
}

export function can(user: CurrentUser | null | undefined, ability: Ability, collectivityId: number): boolean {
  if (!user) return false;
  const role = roleIn(user, collectivityId);
  return role !== null && abilities[role].includes(ability);
}

export const isNetworkAdmin = (user: CurrentUser) => user.grants.some((g) => g.role === 'network_admin');
