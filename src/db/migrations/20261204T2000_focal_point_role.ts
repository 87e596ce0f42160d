// One permission table (src/platform/auth/permissions.ts) with a collectivity's roles named for
// what they do. The focal point runs the collectivity's whole space: the old 'collectivity_admin'
// and the old 'editor' (which the back office already called "focal point") both become
// 'focal_point'; 'editor' is from now on the role of whoever keeps the content up to date.
// Pending invitations follow. Records of who acted keep the role held at the time, but an old
// 'editor' was shown as "focal point" and is one: it is renamed so that the new 'editor' label
// (content editor) is not put on past focal-point work. 'collectivity_admin' keeps its label.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // a person holding both old roles in one collectivity keeps one grant
  await sql`delete from role_assignment where role = 'editor' and exists (
    select 1 from role_assignment a where a.user_id = role_assignment.user_id
      and a.collectivity_id = role_assignment.collectivity_id and a.role = 'collectivity_admin')`.execute(db);
  await db.updateTable('role_assignment').set({ role: 'focal_point' }).where('role', 'in', ['collectivity_admin', 'editor']).execute();
  await db.updateTable('staff_invitation').set({ role: 'focal_point' }).where('role', 'in', ['collectivity_admin', 'editor']).execute();
  await db.updateTable('change_log').set({ actor_role: 'focal_point' }).where('actor_role', '=', 'editor').execute();
  await db.updateTable('proposal_step').set({ actor_role: 'focal_point' }).where('actor_role', '=', 'editor').execute();
  await db.updateTable('proposal_comment').set({ hidden_by_role: 'focal_point' }).where('hidden_by_role', '=', 'editor').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // both old roles could do everything the focal point does but the team and the budget
  await db.updateTable('role_assignment').set({ role: 'collectivity_admin' }).where('role', '=', 'focal_point').execute();
  await db.updateTable('staff_invitation').set({ role: 'collectivity_admin' }).where('role', '=', 'focal_point').execute();
  // the old 'editor' was labelled "focal point"
  await db.updateTable('change_log').set({ actor_role: 'editor' }).where('actor_role', '=', 'focal_point').execute();
  await db.updateTable('proposal_step').set({ actor_role: 'editor' }).where('actor_role', '=', 'focal_point').execute();
  await db.updateTable('proposal_comment').set({ hidden_by_role: 'editor' }).where('hidden_by_role', '=', 'focal_point').execute();
}
