// The budget's sections of "my space": the rounds the person is verified for and whether they
// voted — never how (the mark says that they voted; nothing links them to a ballot's choices) —
// and the projects they submitted. Keyset pages, newest first.
import { localeOfText, translator } from '../../platform/i18n/i18n.ts';
import { pick } from '../../platform/tenancy.ts';
import { beforeId, pageById, placeOf, registerMySpaceSection } from '../accounts/manifest.ts';
import './tables.ts';


registerMySpaceSection({
  name: 'ballots',
  async list(db, userId, locale, page) {
    const t = translator(locale);
    const before = beforeId(page.before);
    const rows = await db
      .selectFrom('budget_voter as v')
      .innerJoin('budget_round as r', (j) => j.onRef('r.id', '=', 'v.round_id').onRef('r.collectivity_id', '=', 'v.collectivity_id'))
      .innerJoin('collectivity as c', 'c.id', 'v.collectivity_id')
      .leftJoin('budget_voted as m', (j) => j.onRef('m.round_id', '=', 'v.round_id').onRef('m.voter_hash', '=', 'v.voter_hash'))
      .select(['r.id', 'r.title_ar', 'r.title_fr', 'r.title_en', 'r.voting_at', 'm.voter_hash as voted', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .where('v.user_id', '=', userId)
      .$if(before !== null, (q) => q.where('r.id', '<', before!))
      .orderBy('r.id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return pageById(rows, page.limit, (r) => ({
      title: pick({ ar: r.title_ar, fr: r.title_fr, en: r.title_en }, locale),
      href: `/${locale}/c/${r.slug}/budgets/${r.id}`,
      note: t(r.voted ? 'accounts.mySpace.voted' : 'accounts.mySpace.notVoted'),
      date: r.voting_at,
      place: placeOf(r, locale),
    }));
  },
  async collectivityIds(db, userId) {
    return (await db.selectFrom('budget_voter').select('collectivity_id').distinct().where('user_id', '=', userId).execute()).map((r) => r.collectivity_id);
  },
});

registerMySpaceSection({
  name: 'budgetProjects',
  async list(db, userId, locale, page) {
    const t = translator(locale);
    const before = beforeId(page.before);
    const rows = await db
      .selectFrom('budget_project as p')
      .innerJoin('collectivity as c', 'c.id', 'p.collectivity_id')
      .select(['p.id', 'p.round_id', 'p.title', 'p.status', 'p.created_at', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .where('p.author_id', '=', userId)
      .$if(before !== null, (q) => q.where('p.id', '<', before!))
      .orderBy('p.id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return pageById(rows, page.limit, (r) => ({
      title: { text: r.title, lang: localeOfText(r.title) },
      href: `/${locale}/c/${r.slug}/budgets/${r.round_id}#project-${r.id}`,
      note: t(`budget.status.${r.status}`),
      date: r.created_at,
      place: placeOf(r, locale),
    }));
  },
  async collectivityIds(db, userId) {
    return (await db.selectFrom('budget_project').select('collectivity_id').distinct().where('author_id', '=', userId).execute()).map((r) => r.collectivity_id);
  },
});
