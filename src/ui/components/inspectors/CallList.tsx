/*
 * The inspected node's calls: folded, its last few failures (or last calls
 * when none failed); unfolded, those still waiting and every recent one,
 * newest first — each with how it ended and a "Why?" for its outcome.
 * Reads the engine view's RPC lifecycles (core/view/lifecycle.ts); knows
 * nothing of how they are derived.
 */
import { useState } from 'react';
import type { NodeView, RpcOutcomeView, RpcView } from '../../../core/view';
import { addrOfEndpointText, ipOf } from '../../../core/view';
import { WhyButton } from '../why/WhyButton';
import { formatDuration } from './format';

/** Folded, the list shows the last few failures (what "Why?" is for), or the last calls when none failed. */
const FOLDED = 3;

interface Props {
  readonly node: string;
  readonly nodes: readonly NodeView[];
  readonly pending: readonly RpcView[];
  readonly ended: readonly RpcOutcomeView[];
  readonly nowUs: number;
}

export function CallList({ node, nodes, pending, ended, nowUs }: Props) {
  const [all, setAll] = useState(false);
  const mine = pending.filter((r) => r.node === node);
  const done = ended.filter((r) => r.node === node).reverse();
  if (mine.length === 0 && done.length === 0) return null;
  const failed = done.filter((r) => r.end !== 'replied');
  const shown = all ? done : (failed.length > 0 ? failed : done).slice(0, FOLDED);
  const target = (endpoint: string) =>
    nodes.find((n) => n.ip === ipOf(addrOfEndpointText(endpoint)))?.name ?? endpoint;
  return (
    <section className="insp-calls" aria-label={`Calls from ${node}`}>
      <h3 className="insp-calls-title">
        Calls{' '}
        <span className="insp-muted">
          · {mine.length} waiting · last {done.length} ended
          {failed.length > 0 ? `, ${failed.length} failed` : ''}
        </span>
      </h3>
      <ul className="insp-call-list">
        {(all ? mine : []).map((r) => (
          <li key={r.rpc} className="insp-call">
            <span className="mono insp-call-id">{r.rpc}</span>
            <span className="insp-call-to mono" title={r.to}>
              → {target(r.to)}
            </span>
            <span className="insp-call-outcome is-pending">
              waiting {formatDuration(nowUs - r.sentUs)}
            </span>
          </li>
        ))}
        {shown.map((r) => (
          <li key={r.rpc} className="insp-call" data-testid={`call-${r.rpc}`}>
            <span className="mono insp-call-id">{r.rpc}</span>
            <span className="insp-call-to mono" title={r.to}>
              → {target(r.to)}
            </span>
            <span className={`insp-call-outcome is-${r.end}`}>
              {r.end === 'replied' ? `replied in ${formatDuration(r.endUs - r.sentUs)}` : r.error}
            </span>
            <WhyButton
              seq={r.endSeq}
              what={`call ${r.rpc} ${r.end === 'replied' ? 'getting its reply' : `failing with ${r.error}`}`}
            />
          </li>
        ))}
      </ul>
      {done.length + mine.length > shown.length || all ? (
        <button
          type="button"
          className="insp-calls-more"
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all ? 'Show fewer' : `Show all ${done.length + mine.length}`}
        </button>
      ) : null}
    </section>
  );
}
