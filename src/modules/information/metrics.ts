import type { Metric } from '../manifest.ts';

export const informationMetrics: Record<string, Metric> = {};
