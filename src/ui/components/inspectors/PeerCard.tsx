/*
 * One peer of the inspected node: where it points, its state machine with the
 * current state lit (and the backoff / connect-timeout countdown), its two
 * queues as chips, and its metrics with time spent in each state.
 */
import type { PeerState } from '../../../core/view';
import type { MessageChip, PeerView } from '../../../core/view';
import { PEER_STATE_COLOUR, PEER_STATE_LABEL } from '../../theme';
import { MessageQueue } from './MessageChips';
import { WhyButton } from '../why/WhyButton';
import { StateDiagram } from './StateDiagram';
import { formatBytes, formatCount, formatDuration } from './format';

const STATE_ORDER: readonly PeerState[] = ['connected', 'connecting', 'backoff', 'disconnected'];

interface Props {
  readonly id: string;
  readonly peer: PeerView;
  readonly nowUs: number;
  readonly expanded: boolean;
  readonly onToggle: () => void;
  readonly packetOf: (chip: MessageChip) => string | null;
  readonly onOpenPacket: (packetId: string) => void;
}

export function PeerCard({ id, peer, nowUs, expanded, onToggle, packetOf, onOpenPacket }: Props) {
  const m = peer.metrics;
  const colour = PEER_STATE_COLOUR[peer.state];
  const bodyId = `${id}-body`;
  return (
    <article
      id={id}
      className="insp-card"
      data-testid={`peer-${peer.node}-${peer.remoteNode ?? peer.remote}`}
      data-state={peer.state}
      style={{ borderLeftColor: colour }}
      aria-label={`Peer ${peer.remoteNode ?? peer.remote}`}
    >
      <button
        type="button"
        className="insp-card-head"
        aria-expanded={expanded}
        aria-controls={bodyId}
        onClick={onToggle}
        title={expanded ? 'Collapse' : 'Expand'}
      >
        <span className="insp-caret" aria-hidden="true">
          {expanded ? '▾' : '▸'}
        </span>
        <span className="insp-card-remote">
          <span className="insp-arrow-to" aria-hidden="true">
            →
          </span>
          {peer.remoteNode ?? 'unknown node'}
        </span>
        <span className="insp-card-addr mono">{peer.remote}</span>
        {!expanded ? (
          <span className="insp-card-mini mono">
            {m.queuedMessages > 0 ? `${m.queuedMessages} queued` : ''}
          </span>
        ) : null}
        <span className="insp-state-pill" style={{ color: colour, borderColor: colour }}>
          <span className="insp-dot" style={{ background: colour }} />
          {PEER_STATE_LABEL[peer.state]}
        </span>
      </button>
      {expanded ? (
        <div id={bodyId} className="insp-card-body">
          <StateDiagram state={peer.state} />
          <StatusLine peer={peer} nowUs={nowUs} />
          <MessageQueue
            title="Reliable"
            hint="Reliable messages stay listed until their sender cancels them (reply or ack); after a reconnect they are sent again in order."
            chips={peer.reliable}
            packetOf={packetOf}
            onOpen={onOpenPacket}
          />
          <MessageQueue
            title="Unreliable"
            hint="Unreliable messages are sent at most once; they are discarded when the connection drops."
            chips={peer.unreliable}
            packetOf={packetOf}
            onOpen={onOpenPacket}
          />
          <Metrics peer={peer} />
          <TimeInState times={m.timeInStateUs} />
        </div>
      ) : null}
    </article>
  );
}

/** A ping out longer than a round trip should take (4× the last, at least 20 ms): the countdown is worth showing. */
function silentPing(
  m: PeerView['metrics'],
  nowUs: number,
): { waitedUs: number; leftUs: number } | null {
  const p = m.pingPending;
  if (!p) return null;
  const waitedUs = nowUs - p.sentUs;
  if (waitedUs < Math.max(20_000, 4 * (m.pingRttUs?.last ?? 0))) return null;
  return { waitedUs, leftUs: Math.max(0, p.verdictAtUs - nowUs) };
}

function StatusLine({ peer, nowUs }: { peer: PeerView; nowUs: number }) {
  const m = peer.metrics;
  const remaining = m.timerDueUs === null ? null : m.timerDueUs - nowUs;
  let text: string;
  let title: string;
  switch (peer.state) {
    case 'backoff':
      text = remaining === null ? 'waiting to reconnect' : `retry in ${formatDuration(remaining)}`;
      title =
        'Backing off after a failed or lost connection: the delay doubles per consecutive failure, jittered, capped at maxBackoff.';
      break;
    case 'connecting':
      text = remaining === null ? 'connecting…' : `connect timeout in ${formatDuration(remaining)}`;
      title = 'A connect is in flight; if it fails or times out the peer backs off.';
      break;
    case 'connected': {
      const silent = silentPing(m, nowUs);
      if (silent) {
        text = `no pong for ${formatDuration(silent.waitedUs)} · ping monitor decides in ${formatDuration(silent.leftUs)}`;
        title =
          'Still "Connected": a cut link delivers nothing and reports nothing, so the connection looks up. The ping monitor declares it dead when no pong (and no other frame) arrives within pingTimeout; then the peer backs off.';
        break;
      }
      text = m.pingRttUs
        ? `up · last ping ${formatDuration(m.pingRttUs.last)}`
        : 'up · no ping answered yet';
      title = 'Connected: queued messages drain in order; the ping monitor watches the connection.';
      break;
    }
    default:
      text = 'idle — connects when a message is queued';
      title = 'No connection and nothing to send.';
  }
  const showAttempt = peer.state === 'backoff' || peer.state === 'connecting';
  const attempt = peer.state === 'connecting' ? m.attempt + 1 : m.attempt;
  return (
    <div className="insp-status" title={title}>
      <span
        className="insp-status-icon"
        aria-hidden="true"
        style={{ color: PEER_STATE_COLOUR[peer.state] }}
      >
        {showAttempt ? <ClockIcon /> : peer.state === 'connected' ? '⇄' : '○'}
      </span>
      <span className="insp-status-text mono" data-testid="peer-status-text">
        {text}
      </span>
      {showAttempt ? (
        <span
          className="insp-status-attempt mono"
          title="Consecutive failures since the last successful connection"
        >
          attempt {attempt}
        </span>
      ) : null}
      <WhyButton
        seq={peer.stateSeq}
        what={`${peer.node}'s peer ${peer.remoteNode ?? peer.remote} being ${PEER_STATE_LABEL[peer.state].toLowerCase()}`}
      />
    </div>
  );
}

function ClockIcon() {
  return (
    <svg viewBox="0 0 12 12" width="11" height="11" aria-hidden="true">
      <circle cx="6" cy="6" r="5" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <path
        d="M6 3 V6 L8 7.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
      />
    </svg>
  );
}

function Metric({
  label,
  value,
  sub,
  title,
  warn,
}: {
  label: string;
  value: string;
  sub?: string;
  title: string;
  warn?: boolean;
}) {
  return (
    <div className={warn ? 'insp-metric is-warn' : 'insp-metric'} title={title}>
      <dt>{label}</dt>
      <dd className="mono">
        {value}
        {sub ? <span className="insp-metric-sub"> {sub}</span> : null}
      </dd>
    </div>
  );
}

function Metrics({ peer }: { peer: PeerView }) {
  const m = peer.metrics;
  const rtt = m.pingRttUs;
  return (
    <dl className="insp-metrics">
      <Metric
        label="RTT last"
        value={rtt ? formatDuration(rtt.last) : '—'}
        title="Round-trip time of the last answered ping"
      />
      <Metric
        label="RTT min–max"
        value={rtt ? `${formatDuration(rtt.min)}–${formatDuration(rtt.max)}` : '—'}
        title="Fastest and slowest answered ping"
      />
      <Metric
        label="Queued"
        value={formatCount(m.queuedMessages)}
        sub={formatBytes(m.queuedBytes)}
        title="Messages and bytes in both queues"
      />
      <Metric
        label="Sent"
        value={formatCount(m.messagesSent)}
        sub={formatBytes(m.bytesSent)}
        title="Messages and bytes written to connections"
      />
      <Metric
        label="Received"
        value={formatCount(m.messagesReceived)}
        sub={formatBytes(m.bytesReceived)}
        title="Messages and bytes read from connections"
      />
      <Metric
        label="Retransmitted"
        value={formatCount(m.retransmitted)}
        warn={m.retransmitted > 0}
        title="Reliable messages sent again after a reconnect"
      />
      <Metric
        label="Dropped"
        value={formatCount(m.dropped)}
        warn={m.dropped > 0}
        title="Messages discarded (unreliable on disconnect, or queue full with drop-oldest)"
      />
      <Metric
        label="Connects"
        value={formatCount(m.connectAttempts)}
        sub={`${formatCount(m.connectFailures)} failed`}
        warn={m.connectFailures > 0}
        title="Connection attempts and how many failed"
      />
      <Metric
        label="Disconnects"
        value={formatCount(m.disconnects)}
        warn={m.disconnects > 0}
        title="Connections lost or torn down"
      />
    </dl>
  );
}

function TimeInState({ times }: { times: Readonly<Record<PeerState, number>> }) {
  const total = STATE_ORDER.reduce((sum, s) => sum + times[s], 0);
  return (
    <div className="insp-tis">
      <div className="insp-tis-head">
        <span>Time in state</span>
        <span className="mono">{formatDuration(total)}</span>
      </div>
      <div className="insp-tis-bar" role="img" aria-label="Time in each state">
        {total > 0
          ? STATE_ORDER.map((s) =>
              times[s] > 0 ? (
                <span
                  key={s}
                  style={{
                    width: `${(times[s] / total) * 100}%`,
                    background: PEER_STATE_COLOUR[s],
                  }}
                  title={`${PEER_STATE_LABEL[s]}: ${formatDuration(times[s])} (${((times[s] / total) * 100).toFixed(1)}%)`}
                />
              ) : null,
            )
          : null}
      </div>
      <div className="insp-tis-legend">
        {STATE_ORDER.map((s) => (
          <span
            key={s}
            className="insp-tis-item"
            title={`${PEER_STATE_LABEL[s]}: ${formatDuration(times[s])}`}
          >
            <span className="insp-dot" style={{ background: PEER_STATE_COLOUR[s] }} />
            {PEER_STATE_LABEL[s]}
            <span className="mono insp-tis-time">{formatDuration(times[s])}</span>
            <span className="mono insp-tis-pct">
              {total > 0 ? `${Math.round((times[s] / total) * 100)}%` : '—'}
            </span>
          </span>
        ))}
      </div>
    </div>
  );
}
