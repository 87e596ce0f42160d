// Ids in URLs: a positive integer of at most 9 digits; anything else is "not found".
import { notFound } from './errors.ts';

/** The id, or null when the text is not one. */
export const parseId = (v: string | undefined): number | null => (v && /^\d{1,9}$/.test(v) ? Number(v) : null);

/** The id, or a 404 (optionally with a stable code such as 'proposal_not_found'). */
export function requireId(v: string | undefined, code?: string): number {
  const id = parseId(v);
  if (id === null) throw notFound(code);
  return id;
}
