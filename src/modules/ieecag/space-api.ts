// GET /api/v1/collectivities/{slug}/ieecag — open data: the equality commission (founding, mission,
// office), its composition (a member's name only with their consent), the register of advisory
// opinions in figures, the trainings in figures, and the gender lens, all counted from the rows.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { l10nOf, l10nSchema, problemSchema } from '../../platform/api-schemas.ts';
import { cachedJson, sendProblem } from '../../platform/http.tsx';
import { findCollectivity } from '../../platform/tenancy.ts';
import { genderLens, lensSources, womenShare } from './gender-lens.ts';
import { opinionFigures } from './opinion-figures.ts';
import { findCommission, foundingFileInfo, listMembers, trainingTotals } from './space.ts';
import { memberCategories, memberRoles } from './tables.ts';

const memberSchema = z
  .object({
    name: z.string().nullable().describe('null: the member has not agreed to their name being published'),
    role: z.enum(memberRoles),
    category: z.enum(memberCategories),
    organisation: l10nSchema.optional(),
    mandateStart: z.string().nullable().describe('YYYY-MM-DD'),
    mandateEnd: z.string().nullable().describe('YYYY-MM-DD'),
    onMonitoringCommittee: z.boolean().describe("sits on the openness programme's monitoring committee too"),
  })
  .meta({ id: 'IeecagMember' });

const genderYearSchema = z
  .object({
    year: z.number().int(),
    women: z.number().int(),
    men: z.number().int(),
    known: z.number().int().describe('people whose gender is known (women + men)'),
    total: z.number().int().describe('everyone counted; total − known: gender not known'),
    womenShare: z.number().nullable().describe('women in % of the people whose gender is known; null: nobody’s is'),
  })
  .meta({ id: 'GenderYear' });

const responseSchema = z.object({
  commission: z
    .object({
      foundedOn: z.string().nullable().describe('YYYY-MM-DD'),
      foundingAct: l10nSchema.optional(),
      foundingActPdf: z.string().nullable().describe("the founding act's PDF"),
      mission: l10nSchema.optional(),
      contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
      office: z.object({ address: l10nSchema.optional(), hours: l10nSchema.optional() }),
      responseDelayDays: z.number().int().describe('after this many days without the council’s response, a transmitted opinion is overdue'),
      demo: z.boolean().describe('invented example data of the built-in demo'),
    })
    .nullable()
    .describe('null: the collectivity has not described its commission yet'),
  members: z.array(memberSchema),
  opinions: z
    .object({
      published: z.number().int(),
      transmitted: z.number().int().describe('published opinions transmitted to the council'),
      responses: z.object({ pending: z.number().int(), followed: z.number().int(), partly: z.number().int(), not_followed: z.number().int() }),
      followedShare: z.number().nullable().describe('followed or partly followed, in % of the opinions the council answered'),
      overdue: z.number().int(),
      projectsFollowing: z.number().int().describe('programme projects linked to an opinion the council followed'),
    })
    .meta({ id: 'IeecagOpinionFigures' }),
  trainings: z.object({ count: z.number().int(), participants: z.number().int(), women: z.number().int(), men: z.number().int() }),
  genderLens: z
    .array(z.object({ source: z.enum(lensSources), years: z.array(genderYearSchema) }))
    .describe("women's share of the participation the platform counts, per source and year"),
  url: z.string().describe("the commission's public page"),
});

export async function spaceApi(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities/:slug/ieecag',
    {
      schema: {
        tags: ['open data'],
        summary: "A collectivity's equality commission (IEECAG): composition, opinions and trainings in figures, gender lens",
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: responseSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      return cachedJson(request, reply, `api-ieecag:${c.id}:${c.contentVersion}`, responseSchema, async () => {
        const [commission, file, members, figures, trainings, lens] = await Promise.all([
          findCommission(app.db, c.id),
          foundingFileInfo(app.db, c.id),
          listMembers(app.db, c.id),
          opinionFigures(app.db, c.id),
          trainingTotals(app.db, c.id),
          genderLens(app.db, c.id),
        ]);
        const base = `${app.config.baseUrl}/ar/c/${c.slug}/ieecag`;
        return {
          commission: commission
            ? {
                foundedOn: commission.founded_on,
                foundingAct: l10nOf(commission, 'founding_act'),
                foundingActPdf: file ? `${base}/founding-act.pdf` : null,
                mission: l10nOf(commission, 'mission'),
                contact: { email: commission.contact_email, phone: commission.contact_phone },
                office: { address: l10nOf(commission, 'office_address'), hours: l10nOf(commission, 'office_hours') },
                responseDelayDays: commission.response_delay_days,
                demo: commission.is_example === 1,
              }
            : null,
          members: members.map((m) => ({
            name: m.name_public === 1 ? m.name : null,
            role: m.role as (typeof memberRoles)[number],
            category: m.category as (typeof memberCategories)[number],
            organisation: l10nOf(m, 'organisation'),
            mandateStart: m.mandate_start,
            mandateEnd: m.mandate_end,
            onMonitoringCommittee: m.on_monitoring_committee === 1,
          })),
          opinions: {
            published: figures.published,
            transmitted: figures.transmitted,
            responses: figures.responses,
            followedShare: figures.followedShare,
            overdue: figures.overdue,
            projectsFollowing: figures.projectsFollowing,
          },
          trainings: { count: trainings.trainings, participants: trainings.participants, women: trainings.women, men: trainings.men },
          genderLens: lens.map((s) => ({ source: s.source, years: s.years.map((y) => ({ ...y, womenShare: womenShare(y) })) })),
          url: base,
        };
      });
    },
  );
}
