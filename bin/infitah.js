#!/usr/bin/env node
// The `infitah` command. Sources are TypeScript run through tsx (see docs/decisions/001-run-typescript-with-tsx.md).
// The project's tsconfig (JSX through preact) is named explicitly, so the command runs from any
// working directory (a service manager's, a cron job's).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli.ts');
