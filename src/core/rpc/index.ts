/* Public surface of the RPC layer (docs/rpc.md). */
export { RpcClient, type CallOptions } from './rpc-client';
export { RequestStream, type IncomingRequest, type Handled } from './request-stream';
export { ReplyPromise } from './reply-promise';
export { NetNotifiedQueue } from './net-notified-queue';
export { FailureMonitor, type AddressStatus } from './failure-monitor';
export { RpcError, isRpcError, RPC_ERROR_KINDS, type RpcErrorKind } from './rpc-errors';
export { createRpcNode, type RpcNode } from './rpc-node';
