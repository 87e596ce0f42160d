// Loads Settat's co-creation into the database, once (loading again changes nothing).
import type { Db } from '../../../platform/db/database.ts';
import { normalize } from '../../../platform/text/normalize.ts';
import '../tables.ts';
import '../process-tables.ts';
import {
  type SeedProposal,
  settatCall,
  settatCommittee,
  settatConsultationContributions,
  settatEvents,
  settatOnlineProposals,
  settatStages,
  settatWorkshopProposals,
} from './settat.ts';

const cols = (prefix: string, t: { ar: string; fr: string; en: string }) => ({ [`${prefix}_ar`]: t.ar, [`${prefix}_fr`]: t.fr, [`${prefix}_en`]: t.en });

export async function loadSettatCocreation(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return false;
    const programme = await trx.selectFrom('programme').select('id').where('collectivity_id', '=', c.id).orderBy('start_year', 'desc').executeTakeFirst();
    if (!programme) return false;
    const already = await trx.selectFrom('process_stage').select('id').where('collectivity_id', '=', c.id).executeTakeFirst();
    if (already) return false;
    const scope = { collectivity_id: c.id, programme_id: programme.id };

    for (const s of settatStages) {
      await trx
        .insertInto('process_stage')
        .values({ ...scope, kind: s.kind, starts_on: s.startsOn, ends_on: s.endsOn ?? null, month_only: s.monthOnly ? 1 : 0, status: 'done', ...(cols('title', s.title) as { title_ar: string }) })
        .execute();
    }

    const committee = await trx
      .insertInto('committee')
      .values({
        ...scope,
        ...(cols('name', settatCommittee.name) as { name_ar: string }),
        decision_number: settatCommittee.decisionNumber,
        decision_date: settatCommittee.decisionDate,
        ...cols('decision_text', settatCommittee.decisionText),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('committee_member')
      .values(
        settatCommittee.members.map((m, i) => ({
          collectivity_id: c.id,
          committee_id: committee.id,
          position: i,
          name: m.name,
          role: m.role,
          represents_ieecag: m.ieecag ? 1 : 0,
          ...cols('title', m.title),
        })),
      )
      .execute();

    // the document's committee meeting: 15 June 2023, to study the ideas and draft the programme
    await trx
      .insertInto('committee_meeting')
      .values({
        collectivity_id: c.id,
        committee_id: committee.id,
        held_on: '2023-06-15',
        subject_ar: 'دراسة الأفكار والمقترحات وتفريغها ووضع مسودة برنامج الانفتاح',
        subject_fr: "Étude des idées et propositions, et rédaction du projet de programme d'ouverture",
        subject_en: 'Study of the ideas and proposals, and drafting of the openness programme',
        minutes_ar: null,
        minutes_fr: null,
        minutes_en: null,
      })
      .execute();

    const eventIds: Record<string, number> = {};
    for (const [key, e] of Object.entries(settatEvents)) {
      const attendance = 'attendance' in e ? e.attendance : null;
      const row = await trx
        .insertInto('participation_event')
        .values({
          ...scope,
          kind: e.kind,
          held_on: e.heldOn,
          ...(cols('title', e.title) as { title_ar: string }),
          ...cols('place', e.place),
          attendance_total: attendance?.total ?? null,
          attendance_women: attendance?.women ?? null,
          attendance_ieecag: attendance?.ieecag ?? null,
          associations_represented: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      eventIds[key] = row.id;
    }

    const call = await trx
      .insertInto('call_for_proposals')
      .values({
        ...scope,
        opens_at: settatCall.opensAt,
        closes_at: settatCall.closesAt,
        channels: 'online',
        published_at: settatCall.opensAt,
        ...(cols('title', settatCall.title) as { title_ar: string }),
        ...cols('body', settatCall.body),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const axes = new Map((await trx.selectFrom('axis').select(['id', 'number']).where('programme_id', '=', programme.id).execute()).map((a) => [a.number, a.id]));
    const projects = await trx.selectFrom('project').select(['id', 'number', 'axis_id']).where('programme_id', '=', programme.id).execute();
    const projectOfAxis = new Map(projects.map((p) => [p.axis_id, p.id]));

    // The committee studied the ideas on 2023-06-15 and turned them into draft projects on 2023-06-16.
    const addProposal = async (p: SeedProposal, channel: 'workshop' | 'online', submittedAt: string) => {
      const axisId = axes.get(p.axis)!;
      const projectId = projectOfAxis.get(axisId)!;
      const row = await trx
        .insertInto('proposal')
        .values({
          ...scope,
          axis_id: axisId,
          channel,
          call_id: channel === 'online' ? call.id : null,
          event_id: channel === 'workshop' ? eventIds.workshop : null,
          author_user_id: null,
          title: p.title,
          body: p.body,
          lang: 'ar',
          search_text: normalize(`${p.title} ${p.body}`),
          status: 'retained',
          project_id: projectId,
          is_demo: 1,
          submitted_at: submittedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('proposal_step')
        .values([
          { collectivity_id: c.id, proposal_id: row.id, at: submittedAt, status: 'submitted', actor_role: null },
          { collectivity_id: c.id, proposal_id: row.id, at: '2023-06-15T10:00:00.000Z', status: 'under_review', actor_role: 'focal_point' },
          {
            collectivity_id: c.id,
            proposal_id: row.id,
            at: '2023-06-16T10:00:00.000Z',
            status: 'retained',
            actor_role: 'focal_point',
            answer_ar: 'درست لجنة التتبع هذه الفكرة وأدرجتها ضمن مسودة المشروع المرتبط بمحورها.',
            answer_fr: "Le comité de suivi a étudié cette idée et l'a intégrée au projet de programme, dans le projet de son axe.",
            answer_en: 'The monitoring committee studied this idea and included it in the draft, in the project of its axis.',
          },
        ])
        .execute();
    };
    for (const p of settatWorkshopProposals) await addProposal(p, 'workshop', '2023-05-17T10:00:00.000Z');
    for (const [n, p] of settatOnlineProposals.entries()) {
      // spread over the window, 9–14 June 2023
      const day = 9 + (n % 6);
      await addProposal(p, 'online', `2023-06-${String(day).padStart(2, '0')}T${String(9 + (n % 9)).padStart(2, '0')}:00:00.000Z`);
    }

    const projectByNumber = new Map(projects.map((p) => [p.number, p.id]));
    await trx
      .insertInto('consultation_contribution')
      .values(
        settatConsultationContributions.map((x) => ({
          ...scope,
          project_id: projectByNumber.get(x.project)!,
          event_id: eventIds.consultation,
          author_user_id: null,
          channel: 'workshop',
          body: x.body,
          is_demo: 1,
          submitted_at: '2023-07-06T10:00:00.000Z',
        })),
      )
      .execute();
    return true;
  });
}
