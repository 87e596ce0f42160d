// The ballot's one script (public/budget.js): it shows the running total and the amount left as
// boxes are ticked. The ballot works without it ("check my total" asks the server).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(import.meta.dirname, '..', '..', '..', '..', 'public', 'budget.js');
export const budgetScriptHref = `/static/budget.js?v=${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10)}`;
