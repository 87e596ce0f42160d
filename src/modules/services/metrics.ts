// Figures of the digital services module that indicators can follow (to be built).
import type { Metric } from '../manifest.ts';

export const servicesMetrics: Record<string, Metric> = {};
