#!/usr/bin/env node
// The `tidepool` CLI entry: registers tsx so the TypeScript sources run as-is
// (the same files the browser bundle is built from), then runs the command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = main(process.argv.slice(2));
