/*
 * The small "Why?" button next to anything the trace explains: a packet, a
 * peer's state, a call's outcome, a violation. It asks the store to open the
 * chain behind trace event `seq`. Knows nothing of how the chain is found.
 */
import { useUi } from '../../app-context';

export function WhyButton({ seq, what }: { seq: number; what: string }) {
  const explain = useUi((s) => s.actions.explain);
  if (seq < 0) return null;
  return (
    <button
      type="button"
      className="why-btn"
      aria-label={`Why? ${what}`}
      title={`Why? The chain of causes behind ${what}`}
      onClick={(e) => {
        e.stopPropagation();
        explain(seq);
      }}
    >
      Why?
    </button>
  );
}
