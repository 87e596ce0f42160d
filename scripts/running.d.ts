// Types of scripts/running.js, for the test helpers that use it (tests/helpers/app.ts).
export function running(pid: number): boolean;
