// Schemas shared by the open-data API of several modules. They validate the responses and
// generate the OpenAPI document, so the documentation cannot drift from what is served.
import { z } from 'zod';

/** A text keyed by locale; a missing translation is absent, never "". */
export const l10nSchema = z
  .object({ ar: z.string().optional(), fr: z.string().optional(), en: z.string().optional() })
  .meta({ id: 'LocalizedText', description: 'Text by locale: at least one is present, usually ar (a text imported in French has no ar).' });

export function l10n(ar: string | null | undefined, fr: string | null | undefined, en: string | null | undefined): z.infer<typeof l10nSchema> {
  return { ...(ar ? { ar } : {}), ...(fr ? { fr } : {}), ...(en ? { en } : {}) };
}

/** Reads `${field}_ar/_fr/_en` columns of a row into a localized text (undefined when none has it;
 *  '' is absent: the required Arabic column of a text imported in French holds ''). */
export function l10nOf(row: object, field: string): z.infer<typeof l10nSchema> | undefined {
  const r = row as Record<string, string | null>;
  const [ar, fr, en] = [r[`${field}_ar`], r[`${field}_fr`], r[`${field}_en`]];
  return ar || fr || en ? l10n(ar, fr, en) : undefined;
}

export const collectivitySchema = z
  .object({
    slug: z.string(),
    name: l10nSchema,
    kind: z.enum(['commune', 'province', 'prefecture', 'region']),
    parent: z.string().optional().describe('slug of the parent collectivity'),
    demo: z.literal(true).optional().describe('present when the collectivity and its content are invented example data (the demo)'),
  })
  .meta({ id: 'Collectivity' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    errors: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
