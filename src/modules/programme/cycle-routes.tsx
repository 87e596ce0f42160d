// Back office of the programmes over time, under /admin/c/{slug}/programmes:
//   GET  programmes                 every programme, with what can be done to each
//   POST programmes                 starts the next programme from the current one (a draft), with
//                                   what staff tick of the last cycle (carry.ts: proposals not retained)
//   GET  programmes/{id}/adopt      the adoption form (council session and date)
//   POST programmes/{id}/adopt      adopts it: it becomes current, the previous one is closed
//   POST programmes/{id}/consultation | draft | archived   a draft into or out of consultation; a closed one archived
// Adopting is the focal point's (programme.adopt); the rest, programme.update. Each route:
// permission → input → command → redirect with a message. A programme's parts are edited at
// programmes/{id}/… (admin-routes.tsx), which the list links to.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { requireId } from '../../platform/params.ts';
import { type Collectivity, pick } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { carrySources } from './carry.ts';
import { adoptProgramme, moveProgramme, moves, startNextProgramme } from './commands/cycle.ts';
import { isAdopted, isDraft, isPublic } from './progress.ts';
import { programmePath } from './presenters.ts';
import { currentProgramme, findProgramme, listProgrammes } from './repository.ts';
import { adoptionForm, nextProgrammeForm } from './schema.ts';
import { AdoptPage, ProgrammesAdminPage } from './views/cycles.tsx';

type Params = { slug: string; id: string };

const adoptionConstraints = htmlConstraints(adoptionForm);
const nextConstraints = htmlConstraints(nextProgrammeForm);
const title = (p: { title_ar: string; title_fr: string | null; title_en: string | null }, locale: FastifyRequest['locale']) =>
  pick({ ar: p.title_ar, fr: p.title_fr, en: p.title_en }, locale);

/** The ticked `source:id` values, by source; null when one is not of that form. */
function chosenItems(value: FormValues[string] | undefined): Map<string, number[]> | null {
  const out = new Map<string, number[]>();
  for (const v of value === undefined ? [] : [value].flat()) {
    const m = /^([a-z_]{1,30}):(\d{1,9})$/.exec(v);
    if (!m) return null;
    out.set(m[1], [...(out.get(m[1]) ?? []), Number(m[2])]);
  }
  return out;
}

export async function programmeCycleRoutes(app: FastifyInstance) {
  const updating = { config: { permission: 'programme.update' } } as const;
  const adopting = { config: { permission: 'programme.adopt' } } as const;
  const scope = (request: FastifyRequest) => {
    const { collectivity: c, actor } = staffOf(request);
    return { c, actor };
  };
  const place = (c: Collectivity, request: FastifyRequest) => ({ slug: c.slug, name: pick(c.name, request.locale) });

  async function listPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, next: { values: FormValues; errors: FieldErrors }, status = 200) {
    const t = translator(request.locale);
    const rows = await listProgrammes(app.db, c.id, { all: true });
    const current = rows.find((p) => Number(p.is_current) === 1);
    const items = rows.map((p) => ({
      id: p.id,
      title: title(p, request.locale),
      period: `${p.start_year}–${p.end_year}`,
      status: p.status,
      statusLabel: t(`programme.programmeStatus.${p.status}`),
      isCurrent: Number(p.is_current) === 1,
      publicHref: isPublic(p.status) ? `/${request.locale}/c/${c.slug}${programmePath(p)}` : null,
      canAdopt: isDraft(p.status) && Number(p.is_current) === 0,
      // its parts' forms: a closed or archived programme is read there, not changed
      editHref: `/admin/c/${c.slug}/programmes/${p.id}`,
      editable: !['closed', 'archived'].includes(p.status),
      moveTo: Number(p.is_current) === 0 ? ((moves[p.status]?.[0] ?? null) as 'consultation' | 'draft' | 'archived' | null) : null,
    }));
    // the next programme starts from an adopted current one
    const offerNext = current && isAdopted(current.status);
    const defaults = current ? { start_year: String(current.end_year + 1), end_year: String(current.end_year + 2) } : {};
    // what else the next programme may take up from the current one (proposals not retained…)
    const view = { locale: request.locale, adminBase: `/admin/c/${c.slug}` };
    const candidates = offerNext
      ? (await Promise.all(carrySources().map(async (s) => ({
          heading: t(s.heading.offered),
          items: (await s.candidates(app.db, c.id, current!.id, view)).map((i) => ({ ...i, value: `${s.name}:${i.id}` })),
        })))).filter((g) => g.items.length > 0)
      : [];
    return reply.page(
      <ProgrammesAdminPage
        place={place(c, request)}
        items={items}
        next={offerNext ? { values: { ...defaults, ...next.values }, errors: next.errors, constraints: nextConstraints } : null}
        candidates={candidates}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/programmes', updating, async (request, reply) => {
    const { c } = scope(request);
    return listPage(request, reply, c, { values: {}, errors: {} });
  });

  app.post<{ Params: Params }>('/admin/c/:slug/programmes', { ...updating, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, actor } = scope(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = nextProgrammeForm.safeParse(body);
    if (!parsed.success) return listPage(request, reply, c, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const chosen = chosenItems(body.carry);
    if (!chosen) return listPage(request, reply, c, { values: body, errors: { carry: { key: 'errors.invalidChoice' } } }, 400);
    const result = await startNextProgramme(app.db, actor, c.id, parsed.data, chosen);
    if (!result.ok) return listPage(request, reply, c, { values: body, errors: result.errors }, 400);
    // the draft's own back office, where its parts are edited and the carried proposals listed
    return reply.redirectWithFlash(`/admin/c/${c.slug}/programmes/${result.value.programmeId}`, 'programme.cycles.started');
  });

  async function adoptPage(request: FastifyRequest, reply: FastifyReply, c: Collectivity, id: number, values: FormValues, errors: FieldErrors, status = 200) {
    const programme = await findProgramme(app.db, c.id, id);
    if (!programme || !isDraft(programme.status)) throw notFound('programme_not_found');
    const current = await currentProgramme(app.db, c.id);
    return reply.page(
      <AdoptPage
        place={place(c, request)}
        title={title(programme, request.locale)}
        period={`${programme.start_year}–${programme.end_year}`}
        current={current && current.id !== id ? title(current, request.locale) : null}
        state={{ values: { ...values, id: String(id) }, errors, constraints: adoptionConstraints }}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/programmes/:id/adopt', adopting, async (request, reply) => {
    const id = requireId(request.params.id);
    const { c } = scope(request);
    return adoptPage(request, reply, c, id, {}, {});
  });

  app.post<{ Params: Params }>('/admin/c/:slug/programmes/:id/adopt', { ...adopting, preHandler: app.csrfProtection }, async (request, reply) => {
    const id = requireId(request.params.id);
    const { c, actor } = scope(request);
    const body = (request.body ?? {}) as FormValues;
    const parsed = adoptionForm.safeParse(body);
    if (!parsed.success) return adoptPage(request, reply, c, id, body, fieldErrors(parsed.error), 400);
    const result = await adoptProgramme(app.db, actor, c.id, id, parsed.data);
    if (!result) throw notFound('programme_not_found');
    if (!result.ok) return adoptPage(request, reply, c, id, body, result.errors, 400);
    return reply.redirectWithFlash(`/admin/c/${c.slug}/programmes`, 'programme.cycles.adopted');
  });

  for (const status of ['consultation', 'draft', 'archived'] as const) {
    app.post<{ Params: Params }>(`/admin/c/:slug/programmes/:id/${status}`, { ...updating, preHandler: app.csrfProtection }, async (request, reply) => {
      const id = requireId(request.params.id);
      const { c, actor } = scope(request);
      const result = await moveProgramme(app.db, actor, c.id, id, status);
      if (!result) throw notFound('programme_not_found');
      if (!result.ok) return reply.redirectWithFlash(`/admin/c/${c.slug}/programmes`, result.errors._?.key ?? 'errors.formInvalid');
      return reply.redirectWithFlash(`/admin/c/${c.slug}/programmes`, 'programme.admin.saved');
    });
  }
}
