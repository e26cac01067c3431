/*
 * Sequential I/O over the virtual network's callback connections, for
 * generator tasks: `yield* connect(...)` gives a Connection, and a StreamReader
 * turns onData/onEnd/onReset into `yield* reader.read()`. Knows nothing of what
 * the bytes mean.
 */
import { SimError, type Sim, type SimFuture } from '../sim';
import type { Address, Connection, Host } from '../net';

export class ConnectFailed extends SimError {
  constructor(reason: string) {
    super('ConnectFailed', `connect failed: ${reason}`);
  }
}

export class ConnectionReset extends SimError {
  constructor(reason: string) {
    super('ConnectionReset', `connection reset: ${reason}`);
  }
}

/** Connects from `host` to `remote`; rejects with ConnectFailed, or Timeout after `timeoutUs`. */
export function connect(
  sim: Sim,
  host: Host,
  remote: Address,
  timeoutUs: number,
): SimFuture<Connection> {
  const result = sim.future<Connection>();
  const pending = host.connect(remote, {
    onOpen: (conn) => {
      if (!result.resolve(conn)) conn.abort(); // the caller gave up already
    },
    onFail: (reason) => result.reject(new ConnectFailed(reason)),
  });
  const guarded = sim.withTimeout(result, timeoutUs, `connect to ${remote.ip}:${remote.port}`);
  guarded.onSettle((r) => {
    if (r.ok) return;
    pending.cancel();
    result.reject(r.error); // so a connection that opens after all is aborted, not leaked
  });
  return guarded;
}

/** Reads a connection as a sequence of chunks; `null` means a graceful end of stream. */
export class StreamReader {
  private readonly chunks: Uint8Array[] = [];
  private ended = false;
  private resetReason: string | null = null;
  private waiter: SimFuture<Uint8Array | null> | null = null;

  constructor(
    private readonly sim: Sim,
    conn: Connection,
  ) {
    conn.setHandlers({
      onData: (chunk) => this.offer(chunk),
      onEnd: () => this.finish(null),
      onReset: (reason) => this.finish(reason),
    });
  }

  /** The next chunk, or null at end of stream; rejects with ConnectionReset. */
  read(): SimFuture<Uint8Array | null> {
    const f = this.sim.future<Uint8Array | null>();
    const chunk = this.chunks.shift();
    if (chunk) f.resolve(chunk);
    else if (this.resetReason !== null) f.reject(new ConnectionReset(this.resetReason));
    else if (this.ended) f.resolve(null);
    else this.waiter = f;
    return f;
  }

  private offer(chunk: Uint8Array): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve(chunk);
    } else this.chunks.push(chunk);
  }

  /** Stops waiting on this connection: the pending and every later read fail with ConnectionReset. */
  abandon(reason: string): void {
    if (this.resetReason === null && !this.ended) this.finish(reason);
  }

  private finish(resetReason: string | null): void {
    if (resetReason !== null) this.resetReason = resetReason;
    else this.ended = true;
    const w = this.waiter;
    this.waiter = null;
    if (!w) return;
    if (resetReason !== null) w.reject(new ConnectionReset(resetReason));
    else w.resolve(null);
  }
}
