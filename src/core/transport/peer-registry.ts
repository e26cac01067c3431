/*
 * The peers of one node: exactly one Peer per remote address, created on
 * first use, and a listener whose incoming connections are filed under the
 * peer their hello names (so replies ride the same connection). Frames for
 * anything but the peer's own ping go to `onFrame`. Everything here belongs
 * to one incarnation of the node: a killed node's registry is dead with it.
 * Knows nothing of endpoints or RPC.
 */
import type { Sim } from '../sim';
import { NodeSlot, type Address, type Host } from '../net';
import { acceptHellos, Peer, peerConfig, type PeerConfig } from '../peer';
import type { DecodedFrame } from '../wire';

export interface PeerRegistryOptions {
  readonly sim: Sim;
  readonly host: Host;
  readonly port: number;
  readonly config?: Partial<PeerConfig>;
  onFrame(peer: Peer, frame: DecodedFrame): void;
  onStateChange?(peer: Peer): void;
  onConnectionLost?(peer: Peer): void;
}

/** Where each live node's registry is published for read-only views. */
export const PEER_REGISTRY_SLOT = new NodeSlot<PeerRegistry>('peers');

export class PeerRegistry {
  readonly config: PeerConfig;
  readonly address: Address;
  private readonly peers: Peer[] = [];
  // ip → port → peer: looked up for every message sent, so no key string is built.
  private readonly byAddress = new Map<string, Map<number, Peer>>();

  constructor(private readonly options: PeerRegistryOptions) {
    this.config = peerConfig(options.config);
    this.address = { ip: options.host.ip, port: options.port };
    PEER_REGISTRY_SLOT.set(options.host, this);
    acceptHellos({
      sim: options.sim,
      host: options.host,
      port: options.port,
      maxPayloadSize: this.config.maxPayloadSize,
      fileUnder: (address, framed) => this.peerFor(address).adopt(framed),
    });
  }

  /** The one peer for `address`, created on first use. */
  peerFor(address: Address): Peer {
    let byPort = this.byAddress.get(address.ip);
    if (!byPort) this.byAddress.set(address.ip, (byPort = new Map()));
    let peer = byPort.get(address.port);
    if (!peer) {
      const { sim, host, onFrame, onStateChange, onConnectionLost } = this.options;
      const hooks = {
        ...(onStateChange ? { onStateChange } : {}),
        ...(onConnectionLost ? { onConnectionLost } : {}),
      };
      peer = new Peer(
        { sim, host, listenAddress: this.address, onFrame, ...hooks },
        address,
        this.config,
      );
      byPort.set(address.port, peer);
      this.peers.push(peer);
    }
    return peer;
  }

  /** Every peer, in creation order (deterministic: creation follows sim order). */
  all(): Peer[] {
    return [...this.peers];
  }
}
