// "My space": the person's requests for information, newest first, with their status and the
// deadline that runs; each links to the requester's own page of the request.
import { formatDate, todayInCasablanca } from '../../platform/i18n/format.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { beforeId, pageById, placeOf, registerMySpaceSection } from '../accounts/manifest.ts';
import { type Status, isOverdue, runningDeadline } from './model.ts';
import './tables.ts';

registerMySpaceSection({
  name: 'informationRequests',
  async list(db, userId, locale, page) {
    const t = translator(locale);
    const before = beforeId(page.before);
    const today = todayInCasablanca();
    const rows = await db
      .selectFrom('information_request as r')
      .innerJoin('collectivity as c', 'c.id', 'r.collectivity_id')
      .select(['r.id', 'r.subject', 'r.status', 'r.received_on', 'r.due_on', 'r.complaint_due_on', 'c.slug', 'c.name_ar', 'c.name_fr', 'c.name_en'])
      .where('r.requester_user_id', '=', userId)
      .$if(before !== null, (q) => q.where('r.id', '<', before!))
      .orderBy('r.id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return pageById(rows, page.limit, (r) => {
      const dates = { status: r.status as Status, due_on: r.due_on, complaint_due_on: r.complaint_due_on };
      const due = runningDeadline(dates);
      const status = t(`information.status.${r.status}`);
      return {
        // the subject is the requester's own words, in the language they wrote it
        title: { text: r.subject, lang: locale },
        href: `/${locale}/c/${r.slug}/information/${r.id}/mine`,
        note: due
          ? t(isOverdue(dates, today) ? 'information.mine.noteOverdue' : 'information.mine.noteDue', { status, date: formatDate(locale, due) })
          : status,
        date: r.received_on,
        place: placeOf(r, locale),
      };
    });
  },
  async collectivityIds(db, userId) {
    return (await db.selectFrom('information_request').select('collectivity_id').distinct().where('requester_user_id', '=', userId).execute()).map((r) => r.collectivity_id);
  },
});
