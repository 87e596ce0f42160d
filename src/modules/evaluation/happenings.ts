// Each published version of a yearly report is an announcement of the collectivity.
import { locales, translator } from '../../platform/i18n/i18n.ts';
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
  const title = (year: number) => {
    const [ar, fr, en] = locales.map((l) => translator(l)('evaluation.report.title', { year: String(year) }));
    return { ar, fr, en };
  };
  return rows.map((r) => ({ kind: 'report' as const, key: `report:${r.id}`, title: title(r.year), summary: null, href: `/reports/${r.year}/versions/${r.version}`, at: r.published_at }));
});
