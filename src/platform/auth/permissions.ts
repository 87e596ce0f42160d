// The one permission table: which roles may do each action of the back office. Every /admin
// route declares its action (`config: { permission }`); one hook checks it, with the user's roles
// in the collectivity of the URL, before the body is read. Handlers get the collectivity and the
// role they act under from `staffOf(request)`; views ask `allowed()` to show or hide a button.
// tests/http/permissions.test.ts tries every /admin route with every role, in the user's own
// collectivity and in another, against this table.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError, forbidden } from '../errors.ts';
import { type Collectivity, requireCollectivity } from '../tenancy.ts';
import { type CurrentUser, type Role } from './roles.ts';

const N = 'network_admin' as const;
const F = 'focal_point' as const;
const E = 'editor' as const;
const C = 'committee_member' as const;
const M = 'moderator' as const;
const I = 'ieecag_member' as const;

/** Action → the roles that may do it. A network administrator's grant holds in every
 *  collectivity; every other grant holds in its own collectivity only. */
export const permissions = {
  // the network
  'collectivity.create': [N],
  'outbox.read': [N, F],
  // the last backup's date and size, on the back-office home (a backup is of the whole network)
  'backup.read': [N],
  // the change log of staff actions: who changed what, when (the network's across collectivities)
  'audit.read': [N, F],
  // a collectivity's back office
  'collectivity.enter': [N, F, E, C, M, I],
  'team.manage': [N, F],
  // the programme: an editor keeps its content; removing structure, its status, its cycles
  // (next programme, consultation, archive) and adoption belong to the focal point
  'programme.view': [N, F, E],
  'programme.update': [N, F],
  'programme.adopt': [N, F],
  'programme.import': [N, F],
  'programme.check': [N, F, E],
  'axis.create': [N, F, E],
  'axis.update': [N, F, E],
  'axis.delete': [N, F],
  'project.create': [N, F, E],
  'project.update': [N, F, E],
  'project.delete': [N, F],
  'activity.create': [N, F, E],
  'activity.update': [N, F, E],
  'activity.delete': [N, F, E],
  'partner.create': [N, F, E],
  'partner.update': [N, F, E],
  'partner.delete': [N, F],
  'indicator.create': [N, F, E],
  'indicator.update': [N, F, E],
  'indicator.delete': [N, F, E],
  // implementation tracking
  'tracking.view': [N, F, E],
  'tracking.record': [N, F, E],
  // the yearly evaluation report
  'report.edit': [N, F],
  'report.publish': [N, F],
  // co-creation: the process, calls, workshops and consultation are content; committee members
  // read and answer the proposals; moderators hide and restore comments
  'cocreation.edit': [N, F, E],
  'proposal.review': [N, F, E, C],
  'comment.moderate': [N, F, E, M],
  // the participatory budget: rounds, districts, census, reviews, paper ballots, winners
  'budget.manage': [N, F],
  // the dialogue with local actors: meetings, their registrations, attendance, minutes, commitments
  'meeting.manage': [N, F, E],
  // the equality commission's e-space: its members keep the commission's page, trainings and
  // documents, draft opinions and record the commission's adoption; the focal point transmits an
  // opinion to the council and records the council's response; referrals are answered by the
  // commission and hidden by moderators
  'ieecag.edit': [N, F, I],
  'opinion.draft': [N, I],
  'opinion.adopt': [N, I],
  'opinion.respond': [N, F],
  'referral.answer': [N, I],
  'referral.moderate': [N, F, M, I],
  // digital services: the national platforms are one list for the network; a collectivity's
  // memberships, services, monthly figures and campaigns are content
  'platforms.manage': [N],
  'services.edit': [N, F, E],
  // satisfaction surveys: building and publishing them, typing in paper and desk answers,
  // moderating free-text answers before they are public
  'survey.manage': [N, F, E],
  'survey.enter': [N, F, E],
  'survey.moderate': [N, F, E, M],
  // access to information (law 31.13): the network's day counts and holidays; a collectivity's
  // office and person in charge; requests filed at the desk and moved through their steps; the
  // decision on a complaint belongs to the head of the administration, recorded by the focal
  // point; the list of what is published proactively is content
  'information.rules': [N],
  'information.office': [N, F],
  'information.process': [N, F, E],
  'information.decide': [N, F],
  'information.publish': [N, F, E],
  // the network: its shared taxonomy of themes, and its dashboard's back-office twin (which names
  // the most delayed programmes, for the network's coordinators only)
  'themes.manage': [N],
  'network.view': [N],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;
export const actions = Object.keys(permissions) as Action[];

/**
 * What a route asks: an action of the table (in the collectivity of `:slug` when the URL has one,
 * else in any collectivity), a function of the URL's parameters that names the action (undefined:
 * 404), 'signedIn' (any account) or 'public' (the login and invitation pages).
 */
export type Permission = Action | 'signedIn' | 'public' | ((params: Record<string, string>) => Action | undefined);

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
  }
  interface FastifyRequest {
    /** set by the permission hook on /admin/c/:slug/… routes */
    staff?: Staff;
  }
}

export interface Staff {
  collectivity: Collectivity;
  /** the role that allows the route's action, recorded in the audit trail */
  role: Role;
  actor: { userId: number; role: Role };
}

const applies = (grant: CurrentUser['grants'][number], collectivityId: number | null) =>
  grant.role === 'network_admin' || collectivityId === null || grant.collectivityId === collectivityId;

/** The first of the user's roles that allows the action in this collectivity (null: any of
 *  theirs), or null. */
export function roleAllowed(user: CurrentUser | null | undefined, action: Action, collectivityId: number | null): Role | null {
  if (!user) return null;
  const allowedRoles: readonly Role[] = permissions[action];
  return allowedRoles.find((role) => user.grants.some((g) => g.role === role && applies(g, collectivityId))) ?? null;
}

export const allowed = (user: CurrentUser | null | undefined, action: Action, collectivityId: number | null) =>
  roleAllowed(user, action, collectivityId) !== null;

/** The collectivities (ids) where the user may do the action; 'all' for a network grant. */
export function collectivitiesAllowed(user: CurrentUser, action: Action): 'all' | number[] {
  const allowedRoles: readonly Role[] = permissions[action];
  const grants = user.grants.filter((g) => allowedRoles.includes(g.role));
  if (grants.some((g) => g.role === 'network_admin')) return 'all';
  return grants.map((g) => g.collectivityId).filter((id): id is number => id !== null);
}

/** The collectivity and role the permission hook resolved for this request. */
export function staffOf(request: FastifyRequest): Staff {
  if (!request.staff) throw new Error(`no permission resolved for ${request.routeOptions.url}`);
  return request.staff;
}

export interface AdminRoute {
  method: string;
  url: string;
  permission: Permission;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every /admin route with its permission, for the generated permission test */
    adminRoutes: AdminRoute[];
  }
}

/** The action a route asks for with these URL parameters (undefined: no such thing, 404). */
export function actionOf(permission: Permission, params: Record<string, string>): Action | 'signedIn' | 'public' | undefined {
  return typeof permission === 'function' ? permission(params) : permission;
}

/**
 * Registered on the root instance before any route: every /admin route must declare its
 * permission (the app does not start otherwise), and gets a check that runs first — before
 * CSRF, before the body is read (uploads), before the handler.
 */
export function registerPermissions(app: FastifyInstance) {
  const routes: AdminRoute[] = [];
  app.decorate('adminRoutes', routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url?.startsWith('/admin')) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`${route.method} ${route.url} declares no permission (src/platform/auth/permissions.ts)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, permission });
    if (permission === 'public') return;
    const check = async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
      // no session (or an expired one): to the login page, which comes back here
      if (!request.user) return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303);
      const params = (request.params ?? {}) as Record<string, string>;
      const action = actionOf(permission, params);
      if (action === undefined) throw new AppError(404, 'not_found');
      if (action === 'signedIn' || action === 'public') return;
      if (params.slug === undefined) {
        if (!allowed(request.user, action, null)) throw forbidden();
        return;
      }
      const collectivity = await requireCollectivity(app.db, params.slug);
      const role = roleAllowed(request.user, action, collectivity.id);
      if (!role) throw forbidden();
      request.staff = { collectivity, role, actor: { userId: request.user.id, role } };
    };
    route.onRequest = [check, ...[route.onRequest ?? []].flat()];
  });
}
