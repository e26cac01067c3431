/*
 * Accepts incoming connections for a node: the first frame on each must be a
 * hello with a compatible version; its listening address tells the owner
 * which peer the connection belongs to (`fileUnder`). A connection that opens
 * with anything else, or an incompatible version, is closed with a clear
 * trace event. Knows nothing of endpoints; the owner decides what a peer is.
 */
import type { Sim } from '../sim';
import { formatAddress, type Address, type Connection, type Host, type Listener } from '../net';
import { FramedConnection } from './framed-connection';
import { decodeHello } from './hello';
import { HELLO_TOKEN, sameToken } from './well-known';

export interface AcceptorOptions {
  readonly sim: Sim;
  readonly host: Host;
  readonly port: number;
  readonly maxPayloadSize: number;
  /** Hands a connection to the peer for `address`; false if that peer declined it. */
  fileUnder(address: Address, framed: FramedConnection): boolean;
}

export function acceptHellos(options: AcceptorOptions): Listener {
  const { sim, host } = options;
  return host.listen(options.port, (conn: Connection) => {
    const reject = (reason: string) => {
      sim.emit(host.name, 'hello_rejected', {
        conn: conn.id,
        fromAddr: formatAddress(conn.remote),
        reason,
      });
      framed.abort(reason);
    };
    const framed: FramedConnection = new FramedConnection(sim, conn, options.maxPayloadSize, {
      onFrame: (frame) => {
        if (!sameToken(frame.token, HELLO_TOKEN)) return reject('first frame was not a hello');
        const hello = decodeHello(frame.message);
        if ('error' in hello) return reject(hello.error);
        if (!options.fileUnder(hello.address, framed))
          reject('this node keeps its own connection to that peer');
      },
      onClosed: () => {},
    });
  });
}
