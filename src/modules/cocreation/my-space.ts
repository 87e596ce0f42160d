// The co-creation sections of "my space": the person's proposals, what they support or follow,
// their comments. Keyset pages by id, newest first; each query starts from the person's index.
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { beforeId, pageById, placeOf, registerMySpaceSection } from '../accounts/manifest.ts';
import './tables.ts';

const lang = (l: string) => (isLocale(l) ? l : 'ar');

registerMySpaceSection({
  name: 'proposals',
  async list(db, userId, locale, page) {
    const t = translator(locale);
    const before = beforeId(page.before);
    const rows = await db
      .selectFrom('proposal as p')
      .innerJoin('collectivity as c', 'c.id', 'p.collectivity_id')
      .select(['p.id', 'p.title', 'p.lang', 'p.status', 'p.submitted_at', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .where('p.author_user_id', '=', userId)
      .$if(before !== null, (q) => q.where('p.id', '<', before!))
      .orderBy('p.id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return pageById(rows, page.limit, (r) => ({
      title: { text: r.title, lang: lang(r.lang) },
      href: `/${locale}/c/${r.slug}/proposals/${r.id}`,
      note: t(`cocreation.status.${r.status}`),
      date: r.submitted_at,
      place: placeOf(r, locale),
    }));
  },
  async collectivityIds(db, userId) {
    return (await db.selectFrom('proposal').select('collectivity_id').distinct().where('author_user_id', '=', userId).execute()).map((r) => r.collectivity_id);
  },
});

registerMySpaceSection({
  name: 'supports',
  async list(db, userId, locale, page) {
    const t = translator(locale);
    const before = beforeId(page.before);
    const rows = await db
      .selectFrom('proposal as p')
      .innerJoin('collectivity as c', 'c.id', 'p.collectivity_id')
      .leftJoin('proposal_support as s', (j) => j.onRef('s.proposal_id', '=', 'p.id').on('s.user_id', '=', userId))
      .leftJoin('proposal_follow as f', (j) => j.onRef('f.proposal_id', '=', 'p.id').on('f.user_id', '=', userId))
      .select(['p.id', 'p.title', 'p.lang', 'p.status', 's.created_at as supported_at', 'f.created_at as followed_at', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .where((eb) =>
        eb.or([
          eb('p.id', 'in', eb.selectFrom('proposal_support').select('proposal_id').where('user_id', '=', userId)),
          eb('p.id', 'in', eb.selectFrom('proposal_follow').select('proposal_id').where('user_id', '=', userId)),
        ]),
      )
      .$if(before !== null, (q) => q.where('p.id', '<', before!))
      .orderBy('p.id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return pageById(rows, page.limit, (r) => ({
      title: { text: r.title, lang: lang(r.lang) },
      href: `/${locale}/c/${r.slug}/proposals/${r.id}`,
      note: `${t(r.supported_at ? 'accounts.mySpace.supported' : 'accounts.mySpace.followed')} · ${t(`cocreation.status.${r.status}`)}`,
      date: (r.supported_at ?? r.followed_at)!,
      place: placeOf(r, locale),
    }));
  },
  async collectivityIds(db, userId) {
    const rows = await db
      .selectFrom('proposal_support')
      .select('collectivity_id')
      .where('user_id', '=', userId)
      .union(db.selectFrom('proposal_follow').select('collectivity_id').where('user_id', '=', userId))
      .execute();
    return rows.map((r) => r.collectivity_id);
  },
});

registerMySpaceSection({
  name: 'comments',
  async list(db, userId, locale, page) {
    const t = translator(locale);
    const before = beforeId(page.before);
    const rows = await db
      .selectFrom('proposal_comment as m')
      .innerJoin('proposal as p', 'p.id', 'm.proposal_id')
      .innerJoin('collectivity as c', 'c.id', 'm.collectivity_id')
      .select(['m.id', 'm.created_at', 'm.hidden_at', 'p.id as proposal_id', 'p.title', 'p.lang', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .where('m.author_user_id', '=', userId)
      .$if(before !== null, (q) => q.where('m.id', '<', before!))
      .orderBy('m.id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return pageById(rows, page.limit, (r) => ({
      title: { text: r.title, lang: lang(r.lang) },
      href: `/${locale}/c/${r.slug}/proposals/${r.proposal_id}#comment-${r.id}`,
      note: r.hidden_at ? t('accounts.mySpace.hidden') : null,
      date: r.created_at,
      place: placeOf(r, locale),
    }));
  },
  async collectivityIds(db, userId) {
    return (await db.selectFrom('proposal_comment').select('collectivity_id').distinct().where('author_user_id', '=', userId).execute()).map((r) => r.collectivity_id);
  },
});
