// Back office of the yearly evaluation report: /admin/c/{slug}/reports… Each route: who is
// signed in → policy (role in this collectivity) → validation → command → redirect with a message.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { parseId } from '../../platform/params.ts';
import { type Collectivity, pick } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { currentProgramme } from '../programme/manifest.ts';
import { type Scope, publishReport, saveDraft, startReport } from './commands/reports.ts';
import { type L10n } from './model.ts';
import { buildReport } from './report.ts';
import { findDraft, listDrafts, versionsOf } from './repository.ts';
import { draftForm, yearForm } from './schema.ts';
import type { ReportRow } from './tables.ts';
import { DraftPage, ReportsAdminPage } from './views/admin.tsx';

type Params = { slug: string; year: string };

const yearConstraints = htmlConstraints(yearForm);

export async function evaluationAdminRoutes(app: FastifyInstance) {
  /** The collectivity (the route's permission is checked first) and its current programme. */
  async function staff(request: FastifyRequest) {
    const { collectivity: c, actor } = staffOf(request);
    const programme = await currentProgramme(app.db, c.id);
    if (!programme) throw notFound('programme_not_found');
    const scope: Scope = { actor, collectivityId: c.id, programme };
    return { c, programme, scope };
  }

  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale), publicHref: `/${request.locale}/c/${c.slug}` });

  async function listPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, scope: Scope, values: FormValues, errors: FieldErrors, status = 200) {
    const drafts = await listDrafts(app.db, c.id, scope.programme.id);
    return reply.page(
      <ReportsAdminPage
        place={place(c, request)}
        period={{ start: scope.programme.start_year, end: scope.programme.end_year }}
        drafts={drafts.map((d) => ({ year: d.year, updatedAt: d.updated_at, latest: d.latest === null ? null : Number(d.latest), publishedAt: d.published_at === null ? null : String(d.published_at) }))}
        state={{ values, errors, constraints: yearConstraints }}
      />,
      status,
    );
  }

  async function draftOf(request: FastifyRequest<{ Params: Params }>, scope: Scope): Promise<ReportRow> {
    const year = parseId(request.params.year);
    const draft = year === null ? undefined : await findDraft(app.db, scope.collectivityId, scope.programme.id, year);
    if (!draft) throw notFound('report_not_found');
    return draft;
  }

  /** The form's values from the stored draft. */
  async function storedValues(draft: ReportRow, lateIds: number[], reasons: Map<number, L10n>): Promise<FormValues> {
    const values: FormValues = { notes_ar: draft.notes_ar ?? '', notes_fr: draft.notes_fr ?? '', notes_en: draft.notes_en ?? '' };
    for (const id of lateIds) {
      const r = reasons.get(id);
      values[`reason_${id}_ar`] = r?.ar ?? '';
      values[`reason_${id}_fr`] = r?.fr ?? '';
      values[`reason_${id}_en`] = r?.en ?? '';
    }
    return values;
  }

  async function draftPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, scope: Scope, draft: ReportRow, form: { values: FormValues; errors: FieldErrors } | null, status = 200) {
    const content = await buildReport(app.db, c.id, scope.programme, draft, todayInCasablanca());
    const lateIds = content.late.map((a) => a.activityId);
    const values = form?.values ?? (await storedValues(draft, lateIds, new Map(content.late.filter((a) => a.reasonSource === 'report').map((a) => [a.activityId, a.reason!]))));
    return reply.page(
      <DraftPage
        place={place(c, request)}
        year={draft.year}
        content={content}
        state={{ values, errors: form?.errors ?? {}, constraints: htmlConstraints(draftForm(lateIds)) }}
        versions={await versionsOf(app.db, c.id, draft.year, draft.programme_id)}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/reports', { config: { permission: 'report.edit' } }, async (request, reply) => {
    const { c, scope } = await staff(request);
    return listPage(request, reply, c, scope, {}, {});
  });

  app.post<{ Params: Params }>('/admin/c/:slug/reports', { config: { permission: 'report.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = yearForm.safeParse(body);
    if (!parsed.success) return listPage(request, reply, c, scope, body, fieldErrors(parsed.error), 400);
    const result = await startReport(app.db, scope, parsed.data.year, todayInCasablanca());
    if (!result.ok) return listPage(request, reply, c, scope, body, result.errors, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/reports/${parsed.data.year}`, 'evaluation.flash.started');
  });

  app.get<{ Params: Params }>('/admin/c/:slug/reports/:year', { config: { permission: 'report.edit' } }, async (request, reply) => {
    const { c, scope } = await staff(request);
    return draftPage(request, reply, c, scope, await draftOf(request, scope), null);
  });

  app.post<{ Params: Params }>('/admin/c/:slug/reports/:year', { config: { permission: 'report.edit' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const draft = await draftOf(request, scope);
    const body = (request.body ?? {}) as FormValues;
    // the late activities are those of the report as it computes now; reasons for others are ignored
    const content = await buildReport(app.db, c.id, scope.programme, draft, todayInCasablanca());
    const lateIds = content.late.map((a) => a.activityId);
    const parsed = draftForm(lateIds).safeParse(body);
    if (!parsed.success) return draftPage(request, reply, c, scope, draft, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const v = parsed.data;
    const l10n = (name: string): L10n => ({ ar: v[`${name}_ar`] ?? null, fr: v[`${name}_fr`] ?? null, en: v[`${name}_en`] ?? null });
    const result = await saveDraft(app.db, scope, draft.id, { notes: l10n('notes'), reasons: new Map(lateIds.map((id) => [id, l10n(`reason_${id}`)])) });
    if (!result.ok) return draftPage(request, reply, c, scope, draft, { values: body, errors: result.errors }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/reports/${draft.year}`, 'evaluation.flash.saved');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/reports/:year/publish', { config: { permission: 'report.publish' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = await staff(request);
    const draft = await draftOf(request, scope);
    const result = await publishReport(app.db, scope, draft.id, todayInCasablanca());
    if (!result.ok) return draftPage(request, reply, c, scope, draft, { values: {}, errors: result.errors }, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/reports/${draft.year}`, 'evaluation.flash.published');
  });
}
