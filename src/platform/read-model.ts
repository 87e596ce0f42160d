// Read models: what a collectivity's public pages and API compute from its rows (the programme
// tree, its history, which programme a period names…), kept in memory under the collectivity's
// content version. Every write bumps that version in its own transaction (platform/commands.ts),
// so a read model is never used after an edit, on this instance or another; unlike the page
// cache, one read model serves every page, locale and format built from it (HTML, API, exports).
// Values must be treated as immutable by their readers.

export interface Versioned {
  id: number;
  contentVersion: number;
}

const MAX_ENTRIES = 5000;

export class ReadModels {
  // promises, so that concurrent misses share one load
  private entries = new Map<string, Promise<unknown>>();

  constructor(private readonly max = MAX_ENTRIES) {}

  /** `name` must hold every other input of `load` (a programme id, a cursor…). */
  get<T>(c: Versioned, name: string, load: () => Promise<T>): Promise<T> {
    const key = `${c.id}:${c.contentVersion}:${name}`;
    const found = this.entries.get(key) as Promise<T> | undefined;
    if (found) {
      // least recently used goes first: re-insert on hit
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const loading = load();
    this.entries.set(key, loading);
    // neither a failed load (the next request tries again) nor "nothing there" is kept: URLs
    // naming things that do not exist (random ids) must not push out the read models in use
    const forget = () => void (this.entries.get(key) === loading && this.entries.delete(key));
    loading.then((value) => (value === undefined || value === null) && forget(), forget);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return loading;
  }
}

/** The programme's scope: its read models follow the plan's version, which citizens' writes that
 *  leave the plan unchanged do not move (platform/commands.ts, `planUnchanged`). */
export const planScope = (c: { id: number; planVersion: number }): Versioned => ({ id: c.id, contentVersion: c.planVersion });
