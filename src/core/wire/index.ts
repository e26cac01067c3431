/*
 * Public surface of the wire layer (docs/wire.md): frame layout constants,
 * whole-frame encode/decode, the streaming decoder, typed errors, the packet
 * inspector's frame view and the message codec. Layers above import from here
 * only; nothing here knows about peers, connections or the sim.
 */
export { HEADER_SIZE, DEFAULT_MAX_PAYLOAD_SIZE, MIN_FRAME_SIZE } from './frame-header';
export { TOKEN_SIZE, u64FromU32s } from './token';
export type { Token } from './token';
export { serializeFrame, deserializeFrame, payloadCrc } from './frame';
export type { DecodedFrame } from './frame';
export { FrameDecoder } from './frame-decoder';
export type { FrameDecoderOptions } from './frame-decoder';
export { formatWireError, isWireError } from './wire-error';
export type { WireError } from './wire-error';
export { describeFrame } from './describe-frame';
export type { FrameDescription } from './describe-frame';
export { crc32c } from './crc32c';
export { CodecError, jsonCodec } from './json-codec';
export type { Codec, JsonValue } from './json-codec';
export { utf8Decode, utf8Encode } from './utf8';
export type { Utf8Error } from './utf8';
