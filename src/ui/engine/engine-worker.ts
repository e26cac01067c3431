/*
 * The Web Worker's entry: serves the page's engine over the worker's own
 * message port. Everything else is in engine-service.ts.
 */
import { serveEngine } from './engine-service';
import type { Port } from './protocol';

serveEngine(self as unknown as Port);
