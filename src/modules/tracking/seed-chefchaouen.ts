// The tracking part of the Chefchaouen example (programme/seed/chefchaouen.ts): dated targets,
// a few measurements and progress notes. All invented, all marked as demo data (is_demo), and
// consistent with the activities' seeded progress. Loading again changes nothing.
import type { Db } from '../../platform/db/database.ts';
import { now } from '../../platform/db/database.ts';
import './tables.ts';

type L10n = { ar: string; fr: string; en: string };
const example = (text: L10n): L10n => ({ ar: `مثال توضيحي: ${text.ar}`, fr: `Exemple fictif : ${text.fr}`, en: `Fictitious example: ${text.en}` });

const registry = { ar: 'مكتب الضبط بالجماعة (مثال توضيحي)', fr: "Bureau d'ordre de la commune (exemple fictif)", en: "The commune's registry office (fictitious example)" };

/** by project number: the project's one indicator */
const indicators: { project: number; targets: [string, number][]; measurements: [string, number][] }[] = [
  { project: 1, targets: [['2025-12-31', 3], ['2026-12-31', 6]], measurements: [['2025-06-30', 1], ['2025-12-31', 3], ['2026-06-30', 4]] },
  { project: 2, targets: [['2025-12-31', 4], ['2026-12-31', 8]], measurements: [['2025-12-31', 3], ['2026-06-30', 5]] },
  { project: 3, targets: [['2025-12-31', 90]], measurements: [['2025-06-30', 72], ['2025-12-31', 91]] },
];

/** by activity "project.activity": the notes that set its status and progress */
const notes: { activity: [number, number]; on: string; progress: number; status: string; body: L10n }[] = [
  {
    activity: [1, 1],
    on: '2025-06-20',
    progress: 100,
    status: 'done',
    body: example({ ar: 'الصفحة منشورة على البوابة وتضم الميزانية ومحاضر الدورات.', fr: 'La page est en ligne sur le portail, avec le budget et les procès-verbaux des sessions.', en: 'The page is online on the portal, with the budget and the session minutes.' }),
  },
  {
    activity: [1, 2],
    on: '2026-06-30',
    progress: 50,
    status: 'in_progress',
    body: example({ ar: 'نشرت أربعة محاضر من أصل ستة متوقعة.', fr: 'Quatre procès-verbaux publiés sur les six prévus.', en: 'Four of the six expected minutes published.' }),
  },
  {
    activity: [2, 1],
    on: '2026-06-30',
    progress: 60,
    status: 'in_progress',
    body: example({ ar: 'نظمت خمسة لقاءات تشاورية في الأحياء.', fr: 'Cinq rencontres de concertation tenues dans les quartiers.', en: 'Five consultation meetings held in the neighbourhoods.' }),
  },
  {
    activity: [3, 2],
    on: '2025-12-31',
    progress: 100,
    status: 'done',
    body: example({ ar: 'نشر التقرير النصف السنوي الأول حول الشكايات.', fr: 'Premier rapport semestriel sur les réclamations publié.', en: 'First half-yearly report on complaints published.' }),
  },
];

export async function loadChefchaouenTracking(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'chefchaouen').executeTakeFirst();
    if (!c) return false;
    const programme = await trx.selectFrom('programme').select('id').where('collectivity_id', '=', c.id).where('is_current', '=', 1).executeTakeFirst();
    if (!programme) return false;
    const already = await trx.selectFrom('indicator_target').select('id').where('collectivity_id', '=', c.id).executeTakeFirst();
    if (already) return false;
    const rows = await trx
      .selectFrom('indicator as i')
      .innerJoin('project as p', 'p.id', 'i.project_id')
      .select(['i.id', 'p.number'])
      .where('i.collectivity_id', '=', c.id)
      .where('i.programme_id', '=', programme.id)
      .execute();
    for (const s of indicators) {
      const indicator = rows.find((r) => r.number === s.project);
      if (!indicator) continue;
      const base = { collectivity_id: c.id, indicator_id: indicator.id };
      for (const [on, value] of s.targets) await trx.insertInto('indicator_target').values({ ...base, target_on: on, value }).execute();
      for (const [on, value] of s.measurements) {
        await trx.insertInto('indicator_measurement').values({ ...base, measured_on: on, value, source_ar: registry.ar, source_fr: registry.fr, source_en: registry.en, is_demo: 1 }).execute();
      }
    }
    const activities = await trx
      .selectFrom('activity as a')
      .innerJoin('project as p', 'p.id', 'a.project_id')
      .select(['a.id', 'a.number', 'p.number as project'])
      .where('a.collectivity_id', '=', c.id)
      .where('a.programme_id', '=', programme.id)
      .execute();
    for (const n of notes) {
      const activity = activities.find((a) => a.project === n.activity[0] && a.number === n.activity[1]);
      if (!activity) continue;
      await trx
        .insertInto('progress_note')
        .values({
          collectivity_id: c.id,
          programme_id: programme.id,
          activity_id: activity.id,
          noted_on: n.on,
          body_ar: n.body.ar,
          body_fr: n.body.fr,
          body_en: n.body.en,
          progress: n.progress,
          status: n.status,
          author_user_id: null,
          is_demo: 1,
          created_at: now(),
        })
        .execute();
    }
    return true;
  });
}
