#!/usr/bin/env node
// The `tidepool` CLI entry: registers tsx so the TypeScript sources run as-is
// (the same files the browser bundle is built from), then runs the command on
// the real stdout/stderr and exits with its status.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), process);
