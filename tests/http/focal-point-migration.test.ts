// The focal-point migration: the old collectivity admin and the old editor (shown as "focal
// point") both become focal points, grants and pending invitations alike; one grant is kept for
// someone who held both; recorded actors under the old 'editor' become 'focal_point', so the new
// 'editor' label (content editor) is not put on past focal-point work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyDatabase, migrate } from '../helpers/migrations.ts';

const FOCAL_POINT = '20261204T2000_focal_point_role';

test('old roles become focal points; past actions under the old editor are the focal point’s', async (t) => {
  const database = await emptyDatabase(t);
  const db = database.db as any;
  await migrate(database, FOCAL_POINT);
  const at = new Date().toISOString();
  const { id: cid } = await db.insertInto('collectivity').values({ slug: 'settat', name_ar: 'سطات', kind: 'commune', created_at: at }).returning('id').executeTakeFirstOrThrow();
  const user = async (email: string) => (await db.insertInto('app_user').values({ email, password_hash: 'x', display_name: email, created_at: at }).returning('id').executeTakeFirstOrThrow()).id as number;
  const [admin, editor, both, member] = [await user('admin@x.ma'), await user('editor@x.ma'), await user('both@x.ma'), await user('member@x.ma')];
  await db.insertInto('role_assignment').values([
    { user_id: admin, role: 'collectivity_admin', collectivity_id: cid },
    { user_id: editor, role: 'editor', collectivity_id: cid },
    { user_id: both, role: 'collectivity_admin', collectivity_id: cid },
    { user_id: both, role: 'editor', collectivity_id: cid },
    { user_id: member, role: 'committee_member', collectivity_id: cid },
  ]).execute();
  await db.insertInto('staff_invitation').values({ token_hash: 'h1', collectivity_id: cid, email: 'new@x.ma', role: 'editor', invited_by: admin, created_at: at, expires_at: at }).execute();
  const log = (role: string | null) => ({ collectivity_id: cid, programme_id: null, entity_type: 'activity', entity_id: 1, action: 'update', at, actor_user_id: null, actor_role: role, changes: '[]', public: 1 });
  await db.insertInto('change_log').values([log('editor'), log('collectivity_admin'), log('network_admin'), log(null)]).execute();

  await migrate(database);

  const grants = await db.selectFrom('role_assignment').select(['user_id', 'role']).orderBy('user_id').orderBy('role').execute();
  assert.deepEqual(grants, [
    { user_id: admin, role: 'focal_point' },
    { user_id: editor, role: 'focal_point' },
    { user_id: both, role: 'focal_point' },
    { user_id: member, role: 'committee_member' },
  ]);
  assert.equal((await db.selectFrom('staff_invitation').select('role').executeTakeFirstOrThrow()).role, 'focal_point');
  const roles = (await db.selectFrom('change_log').select('actor_role').orderBy('id').execute()).map((r: { actor_role: string | null }) => r.actor_role);
  assert.deepEqual(roles, ['focal_point', 'collectivity_admin', 'network_admin', null]);
});
