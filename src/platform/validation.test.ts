// A form's HTML constraints come from the schema that validates it on the server, worked out on
// first read: what a form reads, field by field or all at once (a spread), is what zod's JSON
// Schema says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { type HtmlConstraints, htmlConstraints } from './validation.ts';

const form = z.object({
  title: z.string().trim().min(1).max(200),
  note: z.string().max(2000).optional(),
  seats: z.coerce.number().int().min(1).max(10),
  kind: z.enum(['a', 'b']).default('a'),
});

test('each field reads its constraints from the schema, required unless optional or defaulted', () => {
  const c = htmlConstraints(form);
  assert.deepEqual(c.title, { required: true, maxLength: 200, min: undefined, max: undefined });
  assert.deepEqual(c.note, { required: undefined, maxLength: 2000, min: undefined, max: undefined });
  assert.deepEqual(c.seats, { required: true, maxLength: undefined, min: 1, max: 10 });
  assert.equal(c.kind.required, undefined);
  assert.equal(c.missing, undefined);
});

test('a spread copies every field, and a field overridden in it keeps the others', () => {
  const c = htmlConstraints(form);
  const copy: HtmlConstraints = { ...c, seats: { ...c.seats, max: 4 } };
  assert.deepEqual(Object.keys(copy), ['title', 'note', 'seats', 'kind']);
  assert.equal(copy.seats.max, 4);
  assert.equal(copy.seats.min, 1);
  assert.equal(copy.title.maxLength, 200);
  assert.equal(c.seats.max, 10); // the form's own are unchanged
});

test('a schema that is not an object (a preprocessed one) gives the same constraints', () => {
  const piped = z.preprocess((v) => v, form);
  assert.deepEqual({ ...htmlConstraints(piped) }, { ...htmlConstraints(form) });
});
