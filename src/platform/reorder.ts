// Moving an item of an ordered list (members, services, questions) one place up or down: the
// positions written anew from the first (which also mends equal positions left by older data).
// Pure: the command reads the rows in order, writes the changed positions and audits the move.

export interface Moved {
  /** the item's place before and after, counted from 1 (for the audit trail) */
  from: number;
  to: number;
  /** the rows whose position changes, with their new one */
  changes: { id: number; position: number }[];
}

/** null when the item is not in the list; `changes` is empty when it is already at that end. */
export function moveInList(rows: { id: number; position: number }[], id: number, direction: 'up' | 'down', first = 1): Moved | null {
  const from = rows.findIndex((r) => r.id === id);
  if (from < 0) return null;
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= rows.length) return { from: from + 1, to: from + 1, changes: [] };
  const order = [...rows];
  [order[from], order[to]] = [order[to]!, order[from]!];
  const changes = order.flatMap((r, i) => (r.position !== first + i ? [{ id: r.id, position: first + i }] : []));
  return { from: from + 1, to: to + 1, changes };
}
