/*
 * A typed, per-host, per-incarnation slot: layers above the network (a node's
 * peer registry, say) publish their per-node state here so a read-only view can
 * find it without the network knowing what it is. A value published by an
 * incarnation that has since been killed is invisible. Knows nothing of what
 * it stores.
 */
import type { Host } from './host';

export class NodeSlot<T> {
  private readonly values = new WeakMap<Host, { incarnation: number; value: T }>();

  constructor(readonly name: string) {}

  set(host: Host, value: T): void {
    this.values.set(host, { incarnation: host.incarnation, value });
  }

  /** The value published by the host's current, live incarnation, if any. */
  get(host: Host): T | undefined {
    const entry = this.values.get(host);
    return entry && host.alive && entry.incarnation === host.incarnation ? entry.value : undefined;
  }
}
