/*
 * The typed failures of an RPC (docs/rpc.md), thrown into the calling task:
 * BrokenPromise (the server dropped the request unanswered), EndpointNotFound
 * (the server has no such endpoint; permanent), Timeout (the caller's deadline
 * passed), MaybeDelivered (an at-most-once request's connection failed: it may
 * or may not have been processed), QueueFull (back-pressure) and
 * PacketTooLarge. Knows nothing of how they arise.
 */
import { SimError, type RpcErrorKind } from '../sim';

export type { RpcErrorKind };

export const RPC_ERROR_KINDS: readonly RpcErrorKind[] = [
  'BrokenPromise',
  'EndpointNotFound',
  'Timeout',
  'MaybeDelivered',
  'QueueFull',
  'PacketTooLarge',
];

export class RpcError extends SimError {
  constructor(
    readonly rpcKind: RpcErrorKind,
    detail: string,
  ) {
    super(rpcKind, `${rpcKind}: ${detail}`);
  }
}

export function isRpcError(error: unknown, kind?: RpcErrorKind): error is RpcError {
  return error instanceof RpcError && (kind === undefined || error.rpcKind === kind);
}
