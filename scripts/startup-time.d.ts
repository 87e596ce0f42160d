// Types of scripts/startup-time.js, for the bench (bench/startup.ts).
export interface ServeStart {
  /** ms from the spawn to the first 200 from /healthz */
  ready: number;
  /** CPU time of the process then, in ms */
  cpu: number;
  /** resident memory then, in MB */
  rssReady: number;
  /** resident memory after one fresh programme page, in MB */
  rssPage: number;
}
export function startupTimes(runs: number): Promise<{ helps: number[]; first: ServeStart; again: ServeStart[] }>;
export function median(xs: number[]): number;
