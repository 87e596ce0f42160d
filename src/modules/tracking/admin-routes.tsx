// Back office of the tracking module, under /admin/c/{slug}/tracking. Each write: who is signed in
// → permission (role in this collectivity) → CSRF → validation → command → redirect with a message.
// Multipart forms (evidence files) are taken only in this plugin's scope, and read by the route
// after its checks (platform/uploads.ts readForm).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CommandResult } from '../../platform/commands.ts';
import { notFound } from '../../platform/errors.ts';
import { formatDate, formatNumber, todayInCasablanca } from '../../platform/i18n/format.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { parseId, requireId } from '../../platform/params.ts';
import { type Collectivity, pick, pickField, pickText } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { bindMetric, deleteMeasurement, deleteTarget, addMeasurement, setTarget } from './commands/indicators.ts';
import { addProgressNote } from './commands/progress-note.ts';
import { multipartForms, readForm } from '../../platform/uploads.ts';
import { MAX_FILE_BYTES, MAX_FILES, checkEvidence } from './evidence.ts';
import { metricChoices } from './metrics.ts';
import { trackingScope } from './scope.ts';
import { presentIndicator, presentNotes } from './presenters.ts';
import { bindingOf, indicatorValues, measurementsOf, notesOf, targetsOf } from './repository.ts';
import { bindingForm, measurementForm, noteForm, targetForm } from './schema.ts';
import { ActivityNotesPage, IndicatorAdminPage, TrackingOverview } from './views/admin.tsx';
import type { FormState } from '../../platform/ui/form.tsx';

type Params = { slug: string; id: string; item: string };

const constraints = {
  note: htmlConstraints(noteForm),
  measurement: htmlConstraints(measurementForm),
  target: htmlConstraints(targetForm),
  metric: htmlConstraints(bindingForm),
};

export async function trackingAdminRoutes(app: FastifyInstance) {
  await multipartForms(app, { fileSize: MAX_FILE_BYTES, files: MAX_FILES * 2, fields: 20 });
  const view = { config: { permission: 'tracking.view' } } as const;
  const record = { config: { permission: 'tracking.record' } } as const;

  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });
  /** the `?before=` of a long list's later page (notes, measurements) */
  const beforeOf = (request: FastifyRequest) => parseId((request.query as { before?: string } | undefined)?.before) ?? undefined;
  const pager = (href: string, before: number | undefined, next: number | null) => ({
    firstHref: before ? href : null,
    nextHref: next ? `${href}?before=${next}` : null,
  });

  app.get<{ Params: Params }>('/admin/c/:slug/tracking', view, async (request, reply) => {
    const { c, scope } = await trackingScope(request);
    const locale = request.locale;
    const t = translator(locale);
    const programmeId = scope.programme.id;
    const [activities, notes, values] = await Promise.all([
      app.db
        .selectFrom('activity as a')
        .innerJoin('project as p', 'p.id', 'a.project_id')
        .select(['a.id', 'a.number', 'a.title_ar', 'a.title_fr', 'a.title_en', 'a.progress', 'a.status', 'p.number as project'])
        .where('a.collectivity_id', '=', c.id)
        .where('a.programme_id', '=', programmeId)
        .orderBy('p.number')
        .orderBy('a.number')
        .execute(),
      app.db
        .selectFrom('progress_note')
        .select((eb) => ['activity_id', eb.fn.countAll<number>().as('n')])
        .where('collectivity_id', '=', c.id)
        .where('programme_id', '=', programmeId)
        .groupBy('activity_id')
        .execute(),
      indicatorValues(app.db, c.id, programmeId, locale),
    ]);
    const noteCount = new Map(notes.map((n) => [n.activity_id, Number(n.n)]));
    const projects = await app.db.selectFrom('project').select(['id', 'number']).where('collectivity_id', '=', c.id).where('programme_id', '=', programmeId).execute();
    const numberOf = new Map(projects.map((p) => [p.id, p.number]));
    return reply.page(
      <TrackingOverview
        place={place(c, request)}
        publicHref={`/${locale}/c/${c.slug}/indicators`}
        activities={activities.map((a) => ({
          id: a.id,
          label: `${a.project}.${a.number}`,
          title: pickText(a, 'title', locale),
          progress: a.progress,
          statusLabel: t(`programme.status.${a.status}`),
          notes: noteCount.get(a.id) ?? 0,
        }))}
        indicators={values.map((v) => ({
          id: v.id,
          project: numberOf.get(v.projectId) ?? 0,
          statement: pick({ ar: v.statement.ar, fr: v.statement.fr ?? null, en: v.statement.en ?? null }, locale),
          kindLabel: t(`programme.indicatorKind.${v.kind}`),
          bound: v.metric !== null,
        }))}
      />,
    );
  });

  // --- progress notes ---------------------------------------------------------------------

  async function activityPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, c: Collectivity, programmeId: number, values: FormValues, errors: FieldErrors, status = 200) {
    const id = requireId(request.params.id);
    const locale = request.locale;
    const t = translator(locale);
    const a = await app.db
      .selectFrom('activity as a')
      .innerJoin('project as p', 'p.id', 'a.project_id')
      .select(['a.id', 'a.number', 'a.title_ar', 'a.title_fr', 'a.title_en', 'a.progress', 'a.status', 'p.number as project'])
      .where('a.collectivity_id', '=', c.id)
      .where('a.programme_id', '=', programmeId)
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!a) throw notFound('activity_not_found');
    const before = beforeOf(request);
    const notes = await notesOf(app.db, c.id, id, before);
    if (!notes) throw notFound();
    const href = `/admin/c/${c.slug}/tracking/activities/${a.id}`;
    return reply.page(
      <ActivityNotesPage
        place={place(c, request)}
        activity={{
          label: t('tracking.admin.activityLabel', { project: a.project, n: a.number }),
          title: pickText(a, 'title', locale),
          progress: a.progress,
          statusLabel: t(`programme.status.${a.status}`),
          publicHref: `/${locale}/c/${c.slug}/programme/activities/${a.id}`,
        }}
        action={`/admin/c/${c.slug}/tracking/activities/${a.id}/notes`}
        state={{ values, errors, constraints: constraints.note }}
        notes={presentNotes(notes.items, c.slug, locale, t)}
        pager={pager(href, before, notes.next)}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/tracking/activities/:id', record, async (request, reply) => {
    const { c, scope } = await trackingScope(request);
    return activityPage(request, reply, c, scope.programme.id, { noted_on: todayInCasablanca() }, {});
  });

  app.post<{ Params: Params }>('/admin/c/:slug/tracking/activities/:id/notes', record, async (request, reply) => {
    const { c, scope } = await trackingScope(request);
    const id = requireId(request.params.id);
    // the files are read only now, once the role and then the CSRF token are checked
    const { form: body, files: uploaded } = await readForm(request, reply);
    const parsed = noteForm.safeParse(body);
    const evidence = await checkEvidence(uploaded);
    const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...evidence.errors };
    if (!parsed.success || Object.keys(errors).length > 0) return activityPage(request, reply, c, scope.programme.id, body, errors, 400);
    const result = await addProgressNote(app.db, scope, id, parsed.data, evidence.files);
    if (result === null) throw notFound('activity_not_found');
    if (!result.ok) return activityPage(request, reply, c, scope.programme.id, body, result.errors, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/tracking/activities/${id}`, 'tracking.admin.noteAdded');
  });

  // --- indicators -------------------------------------------------------------------------

  async function indicatorPage(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    c: Collectivity,
    programmeId: number,
    forms: Partial<Record<'target' | 'measurement' | 'metric', { values: FormValues; errors: FieldErrors }>> = {},
    status = 200,
  ) {
    const id = requireId(request.params.id);
    const locale = request.locale;
    const t = translator(locale);
    const values = (await indicatorValues(app.db, c.id, programmeId, locale)).find((v) => v.id === id);
    if (!values) throw notFound('indicator_not_found');
    const before = beforeOf(request);
    const [choices, targets, measurements, binding] = await Promise.all([
      metricChoices(app.db, { collectivityId: c.id, programmeId }),
      targetsOf(app.db, c.id, id),
      measurementsOf(app.db, c.id, id, before),
      bindingOf(app.db, c.id, id),
    ]);
    if (!measurements) throw notFound();
    const view = presentIndicator(values, locale, t, choices);
    const state = (name: 'target' | 'measurement' | 'metric', defaults: FormValues): FormState => ({
      values: forms[name]?.values ?? defaults,
      errors: forms[name]?.errors ?? {},
      constraints: constraints[name],
    });
    return reply.page(
      <IndicatorAdminPage
        place={place(c, request)}
        indicator={view}
        base={`/admin/c/${c.slug}/tracking/indicators/${id}`}
        targets={targets.map((x) => ({ id: x.id, date: formatDate(locale, x.target_on), shown: formatNumber(locale, Number(x.value)) }))}
        publicHref={`/${locale}/c/${c.slug}/indicators/${id}`}
        measurementsPager={pager(`/admin/c/${c.slug}/tracking/indicators/${id}`, before, measurements.next)}
        measurements={measurements.items.map((m) => ({
          id: m.id,
          date: formatDate(locale, m.measured_on),
          shown: formatNumber(locale, Number(m.value)),
          source: pickField(m, 'source', locale),
          demo: m.is_demo === 1,
        }))}
        metrics={choices.map((ch) => [ch.key, t(ch.label, ch.values)])}
        forms={{
          target: state('target', {}),
          measurement: state('measurement', { measured_on: todayInCasablanca() }),
          metric: state('metric', { metric: binding ? (binding.variant === null ? binding.metric : `${binding.metric}:${binding.variant}`) : '' }),
        }}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/tracking/indicators/:id', view, async (request, reply) => {
    const { c, scope } = await trackingScope(request);
    return indicatorPage(request, reply, c, scope.programme.id);
  });

  /** Runs a command from one of the indicator page's forms: 400 with that form again, or redirect. */
  function indicatorWrite<S extends typeof measurementForm | typeof targetForm | typeof bindingForm>(
    path: string,
    form: 'target' | 'measurement' | 'metric',
    schema: S,
    run: (scope: Awaited<ReturnType<typeof trackingScope>>['scope'], id: number, input: any) => Promise<CommandResult<number> | null>,
  ) {
    app.post<{ Params: Params }>(path, { ...record, preHandler: app.csrfProtection }, async (request, reply) => {
      const { c, scope } = await trackingScope(request);
      const id = requireId(request.params.id);
      const body = (request.body ?? {}) as FormValues;
      const parsed = schema.safeParse(body);
      if (!parsed.success) return indicatorPage(request, reply, c, scope.programme.id, { [form]: { values: body, errors: fieldErrors(parsed.error) } }, 400);
      const result = await run(scope, id, parsed.data);
      if (result === null) throw notFound('indicator_not_found');
      if (!result.ok) return indicatorPage(request, reply, c, scope.programme.id, { [form]: { values: body, errors: result.errors } }, 400);
      return reply.redirectWithFlash(`/admin/c/${c.slug}/tracking/indicators/${id}`, 'programme.admin.saved');
    });
  }
  indicatorWrite('/admin/c/:slug/tracking/indicators/:id/measurements', 'measurement', measurementForm, (s, id, input) => addMeasurement(app.db, s, id, input));
  indicatorWrite('/admin/c/:slug/tracking/indicators/:id/targets', 'target', targetForm, (s, id, input) => setTarget(app.db, s, id, input));
  indicatorWrite('/admin/c/:slug/tracking/indicators/:id/metric', 'metric', bindingForm, (s, id, input) => bindMetric(app.db, s, id, input.metric));

  for (const [segment, run] of [
    ['measurements', deleteMeasurement],
    ['targets', deleteTarget],
  ] as const) {
    app.post<{ Params: Params }>(`/admin/c/:slug/tracking/indicators/:id/${segment}/:item/delete`, { ...record, preHandler: app.csrfProtection }, async (request, reply) => {
      const { c, scope } = await trackingScope(request);
      const id = requireId(request.params.id);
      const result = await run(app.db, scope, id, requireId(request.params.item));
      if (result === null || !result.ok) throw notFound();
      return reply.redirectWithFlash(`/admin/c/${c.slug}/tracking/indicators/${id}`, 'programme.admin.deleted');
    });
  }
}
