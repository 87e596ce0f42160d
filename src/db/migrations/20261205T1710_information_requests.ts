// Access to information: the ground an urgent request gives (law 31.13, art. 17: a threat to a
// person's life, safety or freedom). Kept with the request, for staff; the register says only
// that it is urgent.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('information_request').addColumn('urgent_ground', 'text').execute(); // life | safety | freedom
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('information_request').dropColumn('urgent_ground').execute();
}
