/*
 * NetTransport (docs/transport.md): one node's transport. One peer per destination
 * address, shared by every endpoint there; incoming connections filed under
 * the hello's address; each incoming frame routed to the receiver for its
 * token; messages to the node's own address delivered locally without the
 * network. A frame for an unknown dynamic token is answered with an
 * EndpointNotFound frame carrying the missing token, so the sender can mark
 * that endpoint permanently failed. Knows nothing of RPC semantics; it
 * reports peer state edges and not-found answers to whoever listens.
 */
import type { Sim } from '../sim';
import { formatAddress, sameAddress, type Address, type Host } from '../net';
import {
  ENDPOINT_NOT_FOUND_TOKEN,
  isWellKnown,
  type Peer,
  type PeerConfig,
  type SendResult,
} from '../peer';
import { CodecError, jsonCodec, type DecodedFrame } from '../wire';
import { formatEndpoint, tokenKey, type Endpoint, type UID } from './endpoint';
import { EndpointMap } from './endpoint-map';
import { PeerRegistry } from './peer-registry';

export interface NetTransportOptions {
  readonly sim: Sim;
  readonly host: Host;
  readonly port: number;
  readonly config?: Partial<PeerConfig>;
}

export interface TransportSendOptions {
  readonly reliable: boolean;
  readonly label: string;
  /** false: never open a connection (replies); dropped when not connected. */
  readonly connect?: boolean;
}

export interface TransportListener {
  /** A peer changed state (the failure monitor watches for edges). */
  peerStateChanged?(address: Address, state: Peer['state']): void;
  /** A connection to `address` is gone (a failure edge, even if another replaced it at once). */
  connectionLost?(address: Address): void;
  /** The node at `endpoint.address` says it has no such endpoint. */
  endpointNotFound?(endpoint: Endpoint): void;
}

export class NetTransport {
  readonly sim: Sim;
  readonly host: Host;
  readonly endpoints: EndpointMap;
  private readonly registry: PeerRegistry;
  private readonly listeners: TransportListener[] = [];
  private mutantFrames = 0;

  constructor(options: NetTransportOptions) {
    this.sim = options.sim;
    this.host = options.host;
    this.endpoints = new EndpointMap(options.sim.rng(`ids:${options.host.name}`));
    this.registry = new PeerRegistry({
      ...options,
      onFrame: (peer, frame) => this.route(frame, peer),
      onStateChange: (peer) =>
        this.listeners.forEach((l) => l.peerStateChanged?.(peer.remote, peer.state)),
      onConnectionLost: (peer) => this.listeners.forEach((l) => l.connectionLost?.(peer.remote)),
    });
    this.endpoints.register(ENDPOINT_NOT_FOUND_TOKEN, (message, from) =>
      this.notFoundReceived(message, from),
    );
  }

  get address(): Address {
    return this.registry.address;
  }

  get config(): PeerConfig {
    return this.registry.config;
  }

  listen(listener: TransportListener): void {
    this.listeners.push(listener);
  }

  peers(): Peer[] {
    return this.registry.all();
  }

  peerFor(address: Address): Peer {
    return this.registry.peerFor(address);
  }

  /** The seed's register_endpoint: route messages for `token` to `receiver`. */
  registerEndpoint(token: UID, receiver: (message: Uint8Array, from: Peer | null) => void): void {
    this.endpoints.register(token, receiver);
  }

  /** Sends one message to an endpoint; local endpoints are delivered without the network. */
  send(to: Endpoint, message: Uint8Array, options: TransportSendOptions): SendResult {
    if (sameAddress(to.address, this.address)) {
      const incarnation = this.host.incarnation;
      this.sim.schedule(0, 'local-delivery', () => {
        if (this.host.alive && this.host.incarnation === incarnation)
          this.route({ token: to.token, message }, null);
      });
      return { ok: true, id: 0 };
    }
    return this.registry.peerFor(to.address).send(to.token, message, options);
  }

  /** Stops resending a reliable message (its reply arrived or its caller gave up). */
  cancel(to: Endpoint, messageId: number): void {
    if (messageId !== 0) this.registry.peerFor(to.address).cancel(messageId);
  }

  private route(frame: Pick<DecodedFrame, 'token' | 'message'>, from: Peer | null): void {
    const receiver = this.endpoints.get(frame.token);
    if (receiver && !this.spuriouslyNotFound(frame.token, from))
      return receiver(frame.message, from);
    const token = tokenKey(frame.token);
    this.sim.emit(this.host.name, 'endpoint_not_found', {
      token,
      fromAddr: from ? from.label : 'local',
    });
    if (isWellKnown(frame.token)) return;
    if (from && this.sim.mutant === 'no-endpoint-not-found') return; // the mutant never tells the sender
    if (from) {
      const answer = jsonCodec.encode({
        first: frame.token.first.toString(16),
        second: frame.token.second.toString(16),
      });
      from.send(ENDPOINT_NOT_FOUND_TOKEN, answer, {
        reliable: false,
        label: 'not-found',
        connect: false,
      });
    } else {
      // A local caller learns at once, as a remote one would from the answer.
      const endpoint: Endpoint = { address: this.address, token: frame.token };
      this.sim.emit(this.host.name, 'endpoint_failed', {
        endpoint: formatEndpoint(endpoint),
        address: formatAddress(this.address),
      });
      for (const l of this.listeners) l.endpointNotFound?.(endpoint);
    }
  }

  /** The spurious-endpoint-not-found mutant: every tenth remote frame for a live dynamic endpoint is refused. */
  private spuriouslyNotFound(token: UID, from: Peer | null): boolean {
    if (this.sim.mutant !== 'spurious-endpoint-not-found' || from === null || isWellKnown(token))
      return false;
    return ++this.mutantFrames % 10 === 0;
  }

  private notFoundReceived(message: Uint8Array, from: Peer | null): void {
    const value = jsonCodec.decode(message);
    if (
      !from ||
      value instanceof CodecError ||
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value)
    )
      return;
    const { first, second } = value as Record<string, unknown>;
    if (
      typeof first !== 'string' ||
      typeof second !== 'string' ||
      !/^[0-9a-f]{1,16}$/.test(first) ||
      !/^[0-9a-f]{1,16}$/.test(second)
    )
      return;
    const endpoint: Endpoint = {
      address: from.remote,
      token: { first: BigInt(`0x${first}`), second: BigInt(`0x${second}`) },
    };
    this.sim.emit(this.host.name, 'endpoint_failed', {
      endpoint: formatEndpoint(endpoint),
      address: formatAddress(from.remote),
    });
    for (const l of this.listeners) l.endpointNotFound?.(endpoint);
  }
}
