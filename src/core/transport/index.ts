/* Public surface of the transport layer (docs/transport.md). */
export {
  NetTransport,
  type NetTransportOptions,
  type TransportSendOptions,
  type TransportListener,
} from './net-transport';
export { EndpointMap, type Receiver } from './endpoint-map';
export { PeerRegistry, PEER_REGISTRY_SLOT, type PeerRegistryOptions } from './peer-registry';
export {
  randomToken,
  tokenKey,
  formatEndpoint,
  parseEndpoint,
  addrOfEndpointText,
  type Endpoint,
  type UID,
} from './endpoint';
export { WellKnown, wellKnownToken, isWellKnown } from '../peer';
