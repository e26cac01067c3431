/*
 * What the oracle compares across an RPC's life, taken where the RPC layer
 * meets the transport and never from a frame: the CRC32C of a request or
 * reply message as encoded by the sender's RPC layer (`rpc_sent`,
 * `rpc_answered`) and as handed to the receiver's (`rpc_received`,
 * `rpc_replied`) — the message carries the call id, the value and the reply
 * endpoint, so a changed byte anywhere shows; and a 32-bit fingerprint of a
 * reply endpoint (so the ledger can tell whose endpoint a reply was sent to).
 * Numbers, so the trace hashes them on its integer fast path, and no JSON
 * is written twice for them. Knows nothing of the ledger that compares them.
 */
import { crc32c } from '../wire';

/** The digest of an RPC message's bytes. */
export function messageDigest(bytes: Uint8Array): number {
  return crc32c(bytes);
}

/**
 * The low 32 bits of a reply endpoint's token, from its text form
 * (`ip:port/first:second`, 16 hex digits a half): no BigInt arithmetic.
 */
export function endpointFingerprint(endpointText: string): number {
  return parseInt(endpointText.slice(-8), 16) >>> 0;
}
