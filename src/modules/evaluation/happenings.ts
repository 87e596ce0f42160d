// Each published version of a yearly report is an announcement of the collectivity.
import { translator } from '../../platform/i18n/i18n.ts';
import { registerAnnouncements } from '../collectivities/happenings.ts';
import './tables.ts';

registerAnnouncements(async (db, collectivityId, { before, limit }) => {
  const rows = await db
    .selectFrom('evaluation_version')
    .select(['id', 'year', 'version', 'published_at'])
    .where('collectivity_id', '=', collectivityId)
    .$if(before !== null, (q) => q.where('published_at', '<=', before!))
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  const title = (year: number) => ({ ar: translator('ar')('evaluation.report.title', { year: String(year) }), fr: translator('fr')('evaluation.report.title', { year: String(year) }), en: translator('en')('evaluation.report.title', { year: String(year) }) });
  return rows.map((r) => ({ kind: 'report' as const, key: `report:${r.id}`, title: title(r.year), summary: null, href: `/reports/${r.year}/versions/${r.version}`, at: r.published_at }));
});
