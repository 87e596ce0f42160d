// The metrics every module declares in its manifest, by full name (`module.metric`), and the
// series of one binding. The module list is imported when first needed: modules/index.ts
// imports this module's manifest, so a static import would be circular.
import type { Db } from '../../platform/db/database.ts';
import type { DatedValue, Metric, MetricScope } from '../manifest.ts';

let registry: Map<string, Metric> | null = null;

export async function allMetrics(): Promise<Map<string, Metric>> {
  if (!registry) {
    const { modules } = await import('../index.ts');
    registry = new Map();
    for (const m of modules) for (const [name, metric] of Object.entries(m.metrics ?? {})) registry.set(`${m.name}.${name}`, metric);
  }
  return registry;
}

/** A binding as one string: `cocreation.proposals`, or `cocreation.proposalsByAxis:2` with a variant. */
export const bindingKey = (metric: string, variant: string | null) => (variant === null ? metric : `${metric}:${variant}`);

export function parseBinding(key: string): { metric: string; variant: string | null } {
  const i = key.indexOf(':');
  return i < 0 ? { metric: key, variant: null } : { metric: key.slice(0, i), variant: key.slice(i + 1) };
}

export interface MetricChoice {
  key: string;
  label: string;
  values: Record<string, string | number>;
  unit: Metric['unit'];
}

/** Every metric (and variant) an indicator of this programme can be bound to. */
export async function metricChoices(db: Db, scope: MetricScope): Promise<MetricChoice[]> {
  const out: MetricChoice[] = [];
  for (const [name, metric] of await allMetrics()) {
    if (metric.variants) {
      for (const v of await metric.variants(db, scope)) out.push({ key: bindingKey(name, v.key), label: metric.label, values: v.values, unit: metric.unit });
    } else out.push({ key: name, label: metric.label, values: {}, unit: metric.unit });
  }
  return out;
}

/** The live series of a binding; empty when the metric no longer exists. */
export async function metricSeries(db: Db, scope: MetricScope, metric: string, variant: string | null): Promise<DatedValue[]> {
  const m = (await allMetrics()).get(metric);
  return m ? m.series(db, scope, variant) : [];
}
