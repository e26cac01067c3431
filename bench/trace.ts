/*
 * The trace's own cost, measured apart from the stack: the events of a real
 * mesh run (calm, back-to-back calls) are recorded, then folded again into a
 * fresh headless Trace, with no listeners, as fast as possible. The refold
 * must give the run's own hash: the figure only counts if it describes the
 * same work. The result is reported per event, and per RPC using that run's
 * events per RPC. It is a lower bound on the trace's share of an RPC. In the
 * stack, the same fold competes with the protocol code for caches and branch
 * predictors, and invariant checkers also listen.
 */
import { createEngine } from '../src/core/engine';
import {
  fieldsOf,
  Trace,
  type TraceEvent,
  type TraceFields,
  type TraceKind,
  type TraceSchema,
} from '../src/core/sim';
import { timeLoop } from './engine';
import { meshSession } from './stack';

export interface TraceBench {
  nsPerEvent: number;
  eventsPerRpc: number;
}

interface Emitted {
  readonly timeUs: number;
  readonly node: string;
  readonly kind: TraceKind;
  readonly cause: number;
  readonly fields: TraceFields;
}

/** The event as its emitter passed it: the envelope apart, the fields in their order. */
function asEmitted(event: TraceEvent): Emitted {
  return {
    timeUs: event.timeUs,
    node: event.node,
    kind: event.kind,
    cause: event.cause,
    fields: fieldsOf(event),
  };
}

function refold(events: readonly Emitted[]): string {
  const trace = new Trace(0);
  for (const e of events)
    trace.emit(e.timeUs, e.node, e.kind, e.fields as TraceSchema[TraceKind], e.cause);
  return trace.hash();
}

export function benchTraceFold(budgetMs = 1000, simUs = 2_000_000): TraceBench {
  const engine = createEngine(meshSession(1n), { traceCapacity: 1_000_000 });
  engine.runUntil({ timeUs: simUs });
  const { events, evicted } = engine.traceSince(0);
  if (evicted > 0) throw new Error(`trace bench: ${evicted} events fell out of the ring`);
  const emitted = events.map(asEmitted);
  if (refold(emitted) !== engine.traceHash())
    throw new Error('trace bench: refolding the recorded events does not give the run hash');
  const rpcs = engine.summary().traceCounts.rpc_replied ?? 0;
  const chunk = () => {
    refold(emitted);
    return emitted.length;
  };
  timeLoop(chunk, budgetMs / 4); // warm-up
  return { nsPerEvent: 1e9 / timeLoop(chunk, budgetMs), eventsPerRpc: events.length / rpcs };
}
