// Figures of the surveys module that indicators can follow (to be built).
import type { Metric } from '../manifest.ts';

export const surveysMetrics: Record<string, Metric> = {};
