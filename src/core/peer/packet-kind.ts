/*
 * Names the kind of a packet from its token for traces and the UI's colours:
 * the well-known hello and ping tokens, a not-found answer, or an ordinary
 * message. Senders know more (request vs reply) and label their own packets.
 */
import type { Token } from '../wire';
import { isWellKnown, WellKnown } from './well-known';

export function packetKindOf(token: Token): string {
  if (!isWellKnown(token)) return 'message';
  switch (Number(token.second)) {
    case WellKnown.Hello:
      return 'hello';
    case WellKnown.Ping:
      return 'ping';
    case WellKnown.EndpointNotFound:
      return 'not-found';
    default:
      return 'well-known';
  }
}
