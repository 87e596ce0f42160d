// GET /api/v1/collectivities/{slug}/meetings — open data: a collectivity's dialogue meetings with
// their attendance (once recorded) and the commitments made there, soonest first, a keyset page
// at a time (`limit`, `after` = the `next` of the previous page), optionally between two dates.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { l10nOf, l10nSchema, problemSchema } from '../../platform/api-schemas.ts';
import { cachedJson, sendProblem } from '../../platform/http.tsx';
import { casablancaToIso } from '../../platform/i18n/format.ts';
import { findCollectivity } from '../../platform/tenancy.ts';
import { isoDate } from '../../platform/validation.ts';
import { commitmentsOf, meetingsPage, parseCursor } from './repository.ts';
import { type CommitmentRow, type MeetingRow, attendanceFields, commitmentStatuses, meetingKinds, meetingStatuses } from './tables.ts';

const attendanceSchema = z
  .object(Object.fromEntries(attendanceFields.map((f) => [f, z.number().int().nullable()])) as Record<(typeof attendanceFields)[number], z.ZodNullable<z.ZodNumber>>)
  .describe('as staff recorded it after the meeting; in-person and online participants are counted alike in total (online: how many of them took part online)')
  .meta({ id: 'MeetingAttendance' });

const commitmentSchema = z
  .object({
    id: z.number().int(),
    what: l10nSchema,
    who: l10nSchema.optional(),
    dueOn: z.string().nullable().describe('YYYY-MM-DD'),
    status: z.enum(commitmentStatuses),
    closedOn: z.string().nullable().describe('YYYY-MM-DD'),
    activityId: z.number().int().nullable().describe('the programme activity the commitment became'),
  })
  .meta({ id: 'MeetingCommitment' });

const meetingSchema = z
  .object({
    id: z.number().int(),
    title: l10nSchema,
    kind: z.enum(meetingKinds),
    startsAt: z.string().describe('ISO 8601 instant (UTC)'),
    endsAt: z.string().describe('ISO 8601 instant (UTC)'),
    place: l10nSchema.optional(),
    onlineUrl: z.string().nullable(),
    status: z.enum(meetingStatuses),
    postponedFrom: z.string().nullable().describe('the first announced start, when postponed'),
    cancelReason: l10nSchema.optional(),
    url: z.string().describe("the meeting's public page"),
    demo: z.boolean().describe('example data of the built-in demo'),
    attendance: attendanceSchema.nullable().describe('null until recorded'),
    commitments: z.array(commitmentSchema),
  })
  .meta({ id: 'Meeting' });

const responseSchema = z.object({
  meetings: z.array(meetingSchema),
  next: z.string().nullable().describe('pass as `after` for the next page; null on the last one'),
});

const querySchema = z
  .object({
    from: isoDate().optional().describe('meetings starting on or after this day (YYYY-MM-DD, Casablanca)'),
    to: isoDate().optional().describe('meetings starting on or before this day (YYYY-MM-DD, Casablanca)'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|\d{1,9}$/)
      .optional()
      .describe('the `next` of the previous page'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function meetingDocument(m: MeetingRow, commitments: CommitmentRow[], url: string): z.input<typeof meetingSchema> {
  return {
    id: m.id,
    title: l10nOf(m, 'title') ?? {},
    kind: m.kind as (typeof meetingKinds)[number],
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    place: l10nOf(m, 'place'),
    onlineUrl: m.online_url,
    status: m.status as (typeof meetingStatuses)[number],
    postponedFrom: m.status === 'postponed' ? m.postponed_from : null,
    cancelReason: m.status === 'cancelled' ? l10nOf(m, 'cancel_reason') : undefined,
    url,
    demo: m.is_example === 1,
    attendance: m.attendance_total === null ? null : (Object.fromEntries(attendanceFields.map((f) => [f, m[`attendance_${f}`]])) as Record<(typeof attendanceFields)[number], number | null>),
    commitments: commitments.map((k) => ({
      id: k.id,
      what: l10nOf(k, 'what') ?? {},
      who: l10nOf(k, 'who'),
      dueOn: k.due_on,
      status: k.status as (typeof commitmentStatuses)[number],
      closedOn: k.closed_on,
      activityId: k.activity_id,
    })),
  };
}

export async function dialogueApi(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities/:slug/meetings',
    {
      schema: {
        tags: ['open data'],
        summary: "A collectivity's dialogue meetings, soonest first, with attendance and commitments; follow `next` for the next page",
        params: z.object({ slug: z.string().max(100) }),
        querystring: querySchema,
        response: { 200: responseSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      const { from, to, limit, after } = request.query;
      const key = `api-meetings:${c.id}:${c.contentVersion}:${from ?? ''}:${to ?? ''}:${limit}:${after ?? ''}`;
      return cachedJson(request, reply, key, responseSchema, async () => {
        const page = await meetingsPage(app.db, c.id, {
          from: from ? casablancaToIso(`${from}T00:00`) : undefined,
          to: to ? casablancaToIso(`${nextDay(to)}T00:00`) : undefined,
          after: parseCursor(after),
          limit,
          order: 'asc',
        });
        const commitments = await commitmentsOf(app.db, c.id, page.items.map((m) => m.id));
        const base = `${app.config.baseUrl}/ar/c/${c.slug}/meetings`;
        return {
          meetings: page.items.map((m) => meetingDocument(m, commitments.filter((k) => k.meeting_id === m.id), `${base}/${m.id}`)),
          next: page.next,
        };
      });
    },
  );
}
