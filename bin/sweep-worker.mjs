// Entry of a `tidepool sweep` worker thread: registers tsx (loader hooks are
// per thread, so the parent's do not apply here), then runs the TypeScript
// worker module — the same sources the CLI and the browser bundle use.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/sweep-worker.ts');
