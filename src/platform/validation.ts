// Building blocks for form schemas. Each message is an i18n key; the issue's own numbers
// (maximum, minimum) become the message's values. Forms post strings: these helpers coerce.
import { z } from 'zod';

export const TEXT_SHORT = 300;
export const TEXT_LONG = 4000;

/**
 * `make`, keeping what it makes: one schema per set of arguments, shared by every form that asks.
 * A zod schema never changes (each method returns a new one), and some 300 fields ask for the same
 * few, each a chain of four to eight schema objects held for the life of the process (3 MB of its
 * heap when each field had its own).
 */
function shared<A extends unknown[], S>(make: (...args: A) => S): (...args: A) => S {
  const made = new Map<string, S>();
  return (...args) => {
    const key = args.join('\u0000');
    let schema = made.get(key);
    if (schema === undefined) made.set(key, (schema = make(...args)));
    return schema;
  };
}

export const requiredText = shared((max: number = TEXT_SHORT) =>
  z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.tooLong'));

/** An optional text: empty becomes null (a missing translation is absent, never ""). */
export const optionalText = shared((max: number = TEXT_SHORT) =>
  z
    .string()
    .trim()
    .max(max, 'errors.tooLong')
    .optional()
    .transform((v) => (v ? v : null)));

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const requiredInt = shared((min: number, max: number, rangeMessage: string = 'errors.notInteger') =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: (i) => (i.input === undefined ? 'errors.required' : 'errors.notInteger') })
      .int('errors.notInteger')
      .min(min, rangeMessage)
      .max(max, rangeMessage),
  ));

export const optionalInt = shared((min: number, max: number, rangeMessage: string = 'errors.notInteger') =>
  z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'errors.notInteger' }).int('errors.notInteger').min(min, rangeMessage).max(max, rangeMessage).optional(),
  ).transform((v) => v ?? null));

export const optionalNumber = () =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: 'errors.notNumber' }).finite('errors.notNumber').optional())
    .transform((v) => v ?? null);

/** A real calendar date as YYYY-MM-DD (2024-02-30 is refused). */
export const isoDate = shared(() =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .refine((v) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, 'errors.invalidDate'));

/** A wall-clock date and time as <input type="datetime-local"> posts it (YYYY-MM-DDTHH:mm). */
export const localDateTime = shared(() =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}:00Z`)), 'errors.invalidDateTime'));

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (i) => (i.input === undefined || i.input === '' ? 'errors.required' : 'errors.invalidChoice') });

/** A multi-select of ids: a form posts nothing, one string or several. */
export const idList = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(Number))
    .pipe(z.array(z.number().int('errors.invalidChoice').positive('errors.invalidChoice')));

export interface FieldError {
  key: string;
  values?: Record<string, number | string>;
}
export type FieldErrors = Record<string, FieldError>;

/** One message per field (the first), keyed by the form field's name. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (out[field]) continue;
    const values: Record<string, number> = {};
    if ('maximum' in issue) values.max = Number(issue.maximum);
    if ('minimum' in issue) values.min = Number(issue.minimum);
    // our messages are i18n keys (errors.* or a module's own); zod's own English ones are not shown
    const key = /^[a-z]+(\.[A-Za-z_]+)+$/.test(issue.message) ? issue.message : 'errors.invalidChoice';
    out[field] = { key, values };
  }
  return out;
}

export type FormValues = Record<string, string | string[] | undefined>;

export type HtmlConstraints = Record<string, { required?: boolean; maxLength?: number; min?: number; max?: number }>;

/**
 * HTML constraint attributes read from the same schema that validates on the server. An object's
 * are worked out when a field's are first read: zod's JSON Schema conversion costs about a
 * millisecond a form, and some 80 forms are declared as the server starts.
 */
export function htmlConstraints(schema: z.ZodType): HtmlConstraints {
  if (!(schema instanceof z.ZodObject)) return constraintsOf(schema);
  let all: HtmlConstraints | undefined;
  const out: HtmlConstraints = {};
  for (const name of Object.keys(schema.shape)) {
    Object.defineProperty(out, name, { enumerable: true, get: () => (all ??= constraintsOf(schema))[name] });
  }
  return out;
}

function constraintsOf(schema: z.ZodType): HtmlConstraints {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { maxLength?: number; minimum?: number; maximum?: number }>;
    required?: string[];
  };
  const out: HtmlConstraints = {};
  for (const [name, prop] of Object.entries(json.properties ?? {})) {
    out[name] = {
      required: json.required?.includes(name) || undefined,
      maxLength: prop.maxLength,
      min: prop.minimum,
      max: prop.maximum,
    };
  }
  return out;
}
