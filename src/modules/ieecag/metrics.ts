// (being built) the commission's figures other modules can follow
import type { Metric } from '../manifest.ts';

export const ieecagMetrics: Record<string, Metric> = {};
