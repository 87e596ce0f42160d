// The demo's classification of Settat's axes in the network's taxonomy. Done by the network
// module, after every module's demo is loaded: the programme's own demo stays loadable into a
// database from before the taxonomy existed (tests of older migrations load it). Loading again
// changes nothing.
import type { Db } from '../../platform/db/database.ts';

const axisThemes: Record<string, Record<number, string>> = {
  settat: { 1: 'participatory_budget', 2: 'gender_equality', 3: 'digitalisation', 4: 'dialogue' },
};

export async function classifyDemoAxes(db: Db): Promise<void> {
  for (const [slug, themes] of Object.entries(axisThemes)) {
    const c = await db.selectFrom('collectivity').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!c) continue;
    for (const [number, key] of Object.entries(themes)) {
      const theme = await db.selectFrom('network_theme').select('id').where('key', '=', key).executeTakeFirst();
      if (!theme) continue;
      await db
        .updateTable('axis')
        .set({ theme_id: theme.id })
        .where('collectivity_id', '=', c.id)
        .where('number', '=', Number(number))
        .where('theme_id', 'is', null)
        .execute();
    }
  }
}
