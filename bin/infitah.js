#!/usr/bin/env node
// The `infitah` command. Sources are TypeScript run through tsx (see docs/decisions/001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
