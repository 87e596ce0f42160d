// Roles: a network admin acts on every collectivity; the other roles are granted per
// collectivity. What each role may do is in one table, platform/auth/permissions.ts.
export const roles = ['network_admin', 'focal_point', 'editor', 'committee_member', 'moderator', 'ieecag_member'] as const;
export type Role = (typeof roles)[number];

export interface RoleGrant {
  role: Role;
  collectivityId: number | null;
}

export interface CurrentUser {
  id: number;
  email: string;
  displayName: string;
  /** 'person' | 'association' */
  accountKind: string;
  /** the language of the mails sent to the account */
  locale: string;
  emailVerified: boolean;
  grants: RoleGrant[];
}

/** Roles held in one collectivity, granted by its focal point (network_admin: by a network admin or the CLI). */
export const collectivityRoles = ['focal_point', 'editor', 'committee_member', 'moderator', 'ieecag_member'] as const satisfies readonly Role[];

/** The role under which the user acts on this collectivity, strongest first; null if none. */
export function roleIn(user: CurrentUser, collectivityId: number): Role | null {
  for (const role of roles) {
    if (user.grants.some((g) => g.role === role && (role === 'network_admin' || g.collectivityId === collectivityId))) {
      return role;
    }
  }
  return null;
}

export const isNetworkAdmin = (user: CurrentUser) => user.grants.some((g) => g.role === 'network_admin');
