// What the participatory budget puts on the collectivity's home ("open now": a round taking
// projects or votes) and in its announcements (each round's vote, dated by its opening).
import { type Happening, registerAnnouncements, registerOpenNow } from '../collectivities/happenings.ts';
import { phaseAt } from './model.ts';
import './tables.ts';

registerOpenNow(async (db, collectivityId, at) => {
  // rounds whose results are not out yet: in submission or voting now, or voting later
  const rounds = await db.selectFrom('budget_round').selectAll().where('collectivity_id', '=', collectivityId).where('results_at', '>', at).orderBy('voting_at').limit(10).execute();
  return rounds.map((r): Happening => {
    const title = { ar: r.title_ar, fr: r.title_fr, en: r.title_en };
    const { phase } = phaseAt(r, at);
    const href = `/budgets/${r.id}`;
    if (phase === 'submission') return { kind: 'submission', key: `budget-submission:${r.id}`, title, href, from: r.submission_at, until: r.review_at };
    return { kind: 'vote', key: `budget-vote:${r.id}`, title, href, from: r.voting_at, until: r.results_at };
  });
});

registerAnnouncements(async (db, collectivityId, { before, limit }) => {
  const rounds = await db
    .selectFrom('budget_round')
    .select(['id', 'title_ar', 'title_fr', 'title_en', 'voting_at'])
    .where('collectivity_id', '=', collectivityId)
    .$if(before !== null, (q) => q.where('voting_at', '<=', before!))
    .orderBy('voting_at', 'desc')
    .limit(limit)
    .execute();
  return rounds.map((r) => ({ kind: 'vote' as const, key: `budget-vote:${r.id}`, title: { ar: r.title_ar, fr: r.title_fr, en: r.title_en }, summary: null, href: `/budgets/${r.id}`, at: r.voting_at }));
});
