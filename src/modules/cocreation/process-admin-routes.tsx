// Back office of the participatory process, /admin/c/{slug}/process: the stages of the current
// programme, the monitoring committee, its members (ordered, at most one chair) and its
// meetings. Each write: who is signed in → 'edit' in this collectivity → schema → command.
import { requireId } from '../../platform/params.ts';
import { staffScope } from './staff.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { formatDate, formatMonth } from '../../platform/i18n/format.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick, pickField, pickText } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import type { CommandResult } from '../../platform/commands.ts';
import type { Scope } from './commands/events.ts';
import {
  committeeOfScope,
  deleteMeeting,
  deleteMember,
  deleteStage,
  moveMember,
  saveCommittee,
  saveMeeting,
  saveMember,
  saveStage,
} from './commands/process.ts';
import { committeeForm, meetingForm, memberForm, stageForm } from './process-schema.ts';
import { CommitteeFormPage, MeetingFormPage, MemberFormPage, ProcessOverview, StageFormPage } from './views/process-admin.tsx';
import './tables.ts';
import './process-tables.ts';

type Params = { slug: string; id: string };
const P = 'cocreation.processAdmin';
const constraints = {
  stage: htmlConstraints(stageForm),
  committee: htmlConstraints(committeeForm),
  member: htmlConstraints(memberForm),
  meeting: htmlConstraints(meetingForm),
};
/** A row as the values of its form: strings, nulls left out, checkboxes as "1". */
const valuesOf = (row: object, checkboxes: string[] = []): FormValues => {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(row)) {
    if (checkboxes.includes(k)) values[k] = v ? '1' : undefined;
    else if (v !== null && v !== undefined) values[k] = String(v);
  }
  return values;
};

export async function processAdminRoutes(app: FastifyInstance) {

  const scopeFor = staffScope;
  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });
  const base = (c: Collectivity) => `/admin/c/${c.slug}/process`;

  /**
   * One form's routes: its page, the validated save (400 with the same form, values kept, a
   * message per field, nothing saved), and the command's answer (null: not found).
   */
  function saveHandler<S extends z.ZodType>(
    schema: S,
    render: (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, c: Collectivity, id: number | null, values: FormValues, errors: FieldErrors, status: number) => unknown,
    run: (scope: Scope, id: number | null, input: z.output<S>) => Promise<CommandResult<number> | null>,
    withId: boolean,
  ) {
    return async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      const { c, scope } = await scopeFor(request);
      const id = withId ? requireId(request.params.id) : null;
      const body = (request.body ?? {}) as FormValues;
      const parsed = schema.safeParse(body);
      if (!parsed.success) return render(request, reply, c, id, body, fieldErrors(parsed.error), 400);
      const result = await run(scope, id, parsed.data);
      if (result === null) throw notFound();
      if (!result.ok) return render(request, reply, c, id, body, result.errors, 400);
      return reply.redirectWithFlash(base(c), 'programme.admin.saved');
    };
  }

  // --- overview -----------------------------------------------------------------------------------
  app.get<{ Params: Params }>('/admin/c/:slug/process', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const locale = request.locale;
    const t = translator(locale);
    const [stages, committee] = await Promise.all([
      app.db
        .selectFrom('process_stage')
        .selectAll()
        .where('collectivity_id', '=', c.id)
        .where('programme_id', '=', scope.programmeId)
        .orderBy('starts_on')
        .orderBy('id')
        .execute(),
      committeeOfScope(app.db, scope),
    ]);
    const [members, meetings] = committee
      ? await Promise.all([
          app.db.selectFrom('committee_member').selectAll().where('collectivity_id', '=', c.id).where('committee_id', '=', committee.id).orderBy('position').orderBy('id').execute(),
          app.db.selectFrom('committee_meeting').selectAll().where('collectivity_id', '=', c.id).where('committee_id', '=', committee.id).orderBy('held_on', 'desc').orderBy('id', 'desc').execute(),
        ])
      : [[], []];
    return reply.page(
      <ProcessOverview
        place={place(c, request)}
        stages={stages.map((s) => ({
          id: s.id,
          date: s.month_only ? formatMonth(locale, s.starts_on) : s.ends_on ? `${formatDate(locale, s.starts_on)} – ${formatDate(locale, s.ends_on)}` : formatDate(locale, s.starts_on),
          kind: s.kind,
          title: pickText(s, 'title', locale),
          status: s.status,
        }))}
        committee={
          committee
            ? {
                name: pickText(committee, 'name', locale),
                decision: committee.decision_number
                  ? t('cocreation.decision', { number: committee.decision_number, date: committee.decision_date ? formatDate(locale, committee.decision_date) : '' })
                  : null,
              }
            : null
        }
        members={members.map((m) => ({ id: m.id, name: m.name, title: pickField(m, 'title', locale), role: m.role, ieecag: m.represents_ieecag === 1 }))}
        meetings={meetings.map((m) => ({ id: m.id, date: formatDate(locale, m.held_on), subject: pickText(m, 'subject', locale) }))}
      />,
    );
  });

  // --- stages -------------------------------------------------------------------------------------
  const stagePage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, id: number | null, values: FormValues, errors: FieldErrors, status = 200) => {
    const t = translator(request.locale);
    return reply.page(
      <StageFormPage
        place={place(c, request)}
        title={t(id === null ? `${P}.newStage` : `${P}.editStage`)}
        action={id === null ? `${base(c)}/stages` : `${base(c)}/stages/${id}`}
        deleteAction={id === null ? undefined : `${base(c)}/stages/${id}/delete`}
        state={{ values, errors, constraints: constraints.stage }}
      />,
      status,
    );
  };

  app.get<{ Params: Params }>('/admin/c/:slug/process/stages/new', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c } = await scopeFor(request);
    return stagePage(request, reply, c, null, { kind: 'workshop', status: 'planned' }, {});
  });
  app.get<{ Params: Params }>('/admin/c/:slug/process/stages/:id', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const id = requireId(request.params.id);
    const s = await app.db.selectFrom('process_stage').selectAll().where('collectivity_id', '=', c.id).where('programme_id', '=', scope.programmeId).where('id', '=', id).executeTakeFirst();
    if (!s) throw notFound();
    return stagePage(request, reply, c, id, valuesOf(s, ['month_only']), {});
  });
  const saveStageRoute = (withId: boolean) => saveHandler(stageForm, stagePage, (scope, id, input) => saveStage(app.db, scope, id, input), withId);
  app.post<{ Params: Params }>('/admin/c/:slug/process/stages', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, saveStageRoute(false));
  app.post<{ Params: Params }>('/admin/c/:slug/process/stages/:id', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, saveStageRoute(true));
  app.post<{ Params: Params }>('/admin/c/:slug/process/stages/:id/delete', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const result = await deleteStage(app.db, scope, requireId(request.params.id));
    if (result === null || !result.ok) throw notFound();
    return reply.redirectWithFlash(base(c), 'programme.admin.deleted');
  });

  // --- the committee ------------------------------------------------------------------------------
  const committeePage = async (request: FastifyRequest, reply: FastifyReply, c: Collectivity, scope: Scope, values: FormValues | null, errors: FieldErrors, status = 200) => {
    const t = translator(request.locale);
    const committee = await committeeOfScope(app.db, scope);
    return reply.page(
      <CommitteeFormPage
        place={place(c, request)}
        title={t(committee ? `${P}.editCommittee` : `${P}.createCommittee`)}
        action={`${base(c)}/committee`}
        state={{ values: values ?? (committee ? valuesOf(committee) : {}), errors, constraints: constraints.committee }}
      />,
      status,
    );
  };
  app.get<{ Params: Params }>('/admin/c/:slug/process/committee', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    return committeePage(request, reply, c, scope, null, {});
  });
  app.post<{ Params: Params }>('/admin/c/:slug/process/committee', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = committeeForm.safeParse(body);
    if (!parsed.success) return committeePage(request, reply, c, scope, body, fieldErrors(parsed.error), 400);
    const result = await saveCommittee(app.db, scope, parsed.data);
    if (!result.ok) return committeePage(request, reply, c, scope, body, result.errors, 400);
    return reply.redirectWithFlash(base(c), 'programme.admin.saved');
  });

  // --- members ------------------------------------------------------------------------------------
  const memberPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, id: number | null, values: FormValues, errors: FieldErrors, status = 200) => {
    const t = translator(request.locale);
    return reply.page(
      <MemberFormPage
        place={place(c, request)}
        title={t(id === null ? `${P}.newMember` : `${P}.editMember`)}
        action={id === null ? `${base(c)}/members` : `${base(c)}/members/${id}`}
        deleteAction={id === null ? undefined : `${base(c)}/members/${id}/delete`}
        state={{ values, errors, constraints: constraints.member }}
      />,
      status,
    );
  };
  /** A member of the current programme's committee, or 404. */
  const memberOf = async (c: Collectivity, scope: Scope, id: number) => {
    const committee = await committeeOfScope(app.db, scope);
    const m = committee && (await app.db.selectFrom('committee_member').selectAll().where('collectivity_id', '=', c.id).where('committee_id', '=', committee.id).where('id', '=', id).executeTakeFirst());
    if (!m) throw notFound();
    return m;
  };

  app.get<{ Params: Params }>('/admin/c/:slug/process/members/new', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    if (!(await committeeOfScope(app.db, scope))) return reply.redirect(`${base(c)}/committee`, 303);
    return memberPage(request, reply, c, null, { role: 'member' }, {});
  });
  app.get<{ Params: Params }>('/admin/c/:slug/process/members/:id', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const id = requireId(request.params.id);
    return memberPage(request, reply, c, id, valuesOf(await memberOf(c, scope, id), ['represents_ieecag']), {});
  });
  const saveMemberRoute = (withId: boolean) => saveHandler(memberForm, memberPage, (scope, id, input) => saveMember(app.db, scope, id, input), withId);
  app.post<{ Params: Params }>('/admin/c/:slug/process/members', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, saveMemberRoute(false));
  app.post<{ Params: Params }>('/admin/c/:slug/process/members/:id', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, saveMemberRoute(true));
  app.post<{ Params: Params }>('/admin/c/:slug/process/members/:id/delete', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const result = await deleteMember(app.db, scope, requireId(request.params.id));
    if (result === null || !result.ok) throw notFound();
    return reply.redirectWithFlash(base(c), 'programme.admin.deleted');
  });
  for (const direction of ['up', 'down'] as const) {
    app.post<{ Params: Params }>(`/admin/c/:slug/process/members/:id/${direction}`, { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
      const { c, scope } = await scopeFor(request);
      const result = await moveMember(app.db, scope, requireId(request.params.id), direction);
      if (result === null || !result.ok) throw notFound();
      return reply.redirectWithFlash(`${base(c)}#members`, 'programme.admin.saved');
    });
  }

  // --- meetings -----------------------------------------------------------------------------------
  const meetingPage = (request: FastifyRequest, reply: FastifyReply, c: Collectivity, id: number | null, values: FormValues, errors: FieldErrors, status = 200) => {
    const t = translator(request.locale);
    return reply.page(
      <MeetingFormPage
        place={place(c, request)}
        title={t(id === null ? `${P}.newMeeting` : `${P}.editMeeting`)}
        action={id === null ? `${base(c)}/meetings` : `${base(c)}/meetings/${id}`}
        deleteAction={id === null ? undefined : `${base(c)}/meetings/${id}/delete`}
        state={{ values, errors, constraints: constraints.meeting }}
      />,
      status,
    );
  };
  app.get<{ Params: Params }>('/admin/c/:slug/process/meetings/new', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    if (!(await committeeOfScope(app.db, scope))) return reply.redirect(`${base(c)}/committee`, 303);
    return meetingPage(request, reply, c, null, {}, {});
  });
  app.get<{ Params: Params }>('/admin/c/:slug/process/meetings/:id', { config: { permission: 'cocreation.edit' } }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const id = requireId(request.params.id);
    const committee = await committeeOfScope(app.db, scope);
    const m = committee && (await app.db.selectFrom('committee_meeting').selectAll().where('collectivity_id', '=', c.id).where('committee_id', '=', committee.id).where('id', '=', id).executeTakeFirst());
    if (!m) throw notFound();
    return meetingPage(request, reply, c, id, valuesOf(m), {});
  });
  const saveMeetingRoute = (withId: boolean) => saveHandler(meetingForm, meetingPage, (scope, id, input) => saveMeeting(app.db, scope, id, input), withId);
  app.post<{ Params: Params }>('/admin/c/:slug/process/meetings', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, saveMeetingRoute(false));
  app.post<{ Params: Params }>('/admin/c/:slug/process/meetings/:id', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, saveMeetingRoute(true));
  app.post<{ Params: Params }>('/admin/c/:slug/process/meetings/:id/delete', { config: { permission: 'cocreation.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await scopeFor(request);
    const result = await deleteMeeting(app.db, scope, requireId(request.params.id));
    if (result === null || !result.ok) throw notFound();
    return reply.redirectWithFlash(base(c), 'programme.admin.deleted');
  });
}
