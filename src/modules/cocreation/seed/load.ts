// Loads Settat's co-creation into the database, once (loading again changes nothing): the
// 2024–2025 programme's (fixed dates), then the next cycle's, placed relative to the load day.
import type { Db } from '../../../platform/db/database.ts';
import { casablancaToIso } from '../../../platform/i18n/format.ts';
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
  settatNextCycle,
  settatWorkshopProposals,
} from './settat.ts';

const cols = (prefix: string, t: { ar: string; fr: string; en: string }) => ({ [`${prefix}_ar`]: t.ar, [`${prefix}_fr`]: t.fr, [`${prefix}_en`]: t.en });

export async function loadSettatCocreation(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return false;
    const programme = await trx.selectFrom('programme').select('id').where('collectivity_id', '=', c.id).where('is_current', '=', 1).executeTakeFirst();
    if (!programme) return false;
    const already = await trx.selectFrom('process_stage').select('id').where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).executeTakeFirst();
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

/**
 * The co-creation of the programme after the current one, open on `today`: a programme in
 * co-creation (its matrix not written yet: the current one's four axes, which its call asks
 * about), its stages, its call for proposals with the first ideas received, a workshop, and a
 * meeting of the monitoring committee (the committee of decision no. 93 prepares, follows and
 * evaluates the programmes). Loaded once: not again if the collectivity has any programme in
 * co-creation.
 */
export async function loadSettatNextCycle(db: Db, options: { today: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return false;
    const current = await trx.selectFrom('programme').select(['id', 'end_year']).where('collectivity_id', '=', c.id).where('is_current', '=', 1).executeTakeFirst();
    if (!current) return false;
    const already = await trx.selectFrom('programme').select('id').where('collectivity_id', '=', c.id).where('status', '=', 'co_creation').executeTakeFirst();
    if (already) return false;
    const next = settatNextCycle(options.today);
    if (next.period.start <= current.end_year) return false;

    const programme = await trx
      .insertInto('programme')
      .values({
        collectivity_id: c.id,
        ...(cols('title', next.programme) as { title_ar: string }),
        start_year: next.period.start,
        end_year: next.period.end,
        status: 'co_creation',
        is_current: 0,
        created_at: casablancaToIso(`${next.stages[0].startsOn}T10:00`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const scope = { collectivity_id: c.id, programme_id: programme.id };
    const axes = new Map<number, number>();
    for (const a of await trx.selectFrom('axis').select(['number', 'title_ar', 'title_fr', 'title_en']).where('collectivity_id', '=', c.id).where('programme_id', '=', current.id).orderBy('number').execute()) {
      axes.set(a.number, (await trx.insertInto('axis').values({ ...scope, ...a }).returning('id').executeTakeFirstOrThrow()).id);
    }

    for (const s of next.stages) {
      await trx
        .insertInto('process_stage')
        .values({ ...scope, kind: s.kind, starts_on: s.startsOn, ends_on: 'endsOn' in s ? s.endsOn : null, month_only: 0, status: s.status, ...(cols('title', s.title) as { title_ar: string }) })
        .execute();
    }

    const committee = await trx.selectFrom('committee').select('id').where('collectivity_id', '=', c.id).where('programme_id', '=', current.id).executeTakeFirst();
    if (committee) {
      await trx
        .insertInto('committee_meeting')
        .values({ collectivity_id: c.id, committee_id: committee.id, held_on: next.committeeMeeting.heldOn, ...(cols('subject', next.committeeMeeting.subject) as { subject_ar: string }), minutes_ar: null, minutes_fr: null, minutes_en: null })
        .execute();
    }

    const w = next.workshop;
    await trx
      .insertInto('participation_event')
      .values({
        ...scope,
        kind: w.kind,
        held_on: w.heldOn,
        ...(cols('title', w.title) as { title_ar: string }),
        ...cols('place', w.place),
        attendance_total: null,
        attendance_women: null,
        attendance_ieecag: null,
        associations_represented: null,
      })
      .execute();

    const call = await trx
      .insertInto('call_for_proposals')
      .values({
        ...scope,
        opens_at: casablancaToIso(next.call.opensAt),
        closes_at: new Date(Date.parse(casablancaToIso(next.call.closesAt)) + 59_000).toISOString(),
        channels: 'online,workshop',
        published_at: casablancaToIso(next.call.publishedAt),
        ...(cols('title', next.call.title) as { title_ar: string }),
        ...cols('body', next.call.body),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    for (const p of next.proposals) {
      const at = casablancaToIso(p.at);
      const row = await trx
        .insertInto('proposal')
        .values({
          ...scope,
          axis_id: axes.get(p.axis)!,
          channel: 'online',
          call_id: call.id,
          event_id: null,
          author_user_id: null,
          title: p.title,
          body: p.body,
          lang: 'ar',
          search_text: normalize(`${p.title} ${p.body}`),
          status: 'submitted',
          project_id: null,
          is_demo: 1,
          submitted_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('proposal_step').values({ collectivity_id: c.id, proposal_id: row.id, at, status: 'submitted', actor_role: null }).execute();
    }
    return true;
  });
}
