#!/usr/bin/env node
// The hub ships as TypeScript source; tsx compiles it on the fly so `npx duohub` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv);
