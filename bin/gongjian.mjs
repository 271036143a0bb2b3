#!/usr/bin/env node
// The `gongjian` command: runs the TypeScript CLI through tsx's loader (no build step needed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/src/cli.ts');
const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
