import type { IncomingMessage } from 'node:http';

/** Who is on the other end of a WebSocket connection. */
export interface SubscriberIdentity {
  /** For logs and, once authentication lands, authorisation. */
  readonly subject: string;
  /**
   * Subscribers with the same key see the same data, so one resolution of an event serves all of
   * them; a key per role or per plant scope keeps their results apart.
   */
  readonly cacheKey: string;
}

/** What a connection presents before it may subscribe. */
export interface ConnectionInit {
  /** The `connection_init` payload: where a client puts its token (e.g. `{ "authorization": "Bearer …" }`). */
  readonly payload: Readonly<Record<string, unknown>> | undefined;
  /** The HTTP upgrade request (headers, remote address). */
  readonly request: IncomingMessage;
}

/**
 * Decides whether a connection may go on, and as whom: null refuses it (the socket closes with
 * 4403 Forbidden). This is the hook where a token will be checked when authentication lands.
 */
export type ConnectionAuthenticator = (init: ConnectionInit) => Promise<SubscriberIdentity | null>;

/** Until authentication lands: every connection is accepted as the same anonymous subscriber. */
export const acceptAnonymous: ConnectionAuthenticator = async () => ({
  subject: 'anonymous',
  cacheKey: 'anonymous',
});
