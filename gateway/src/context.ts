import type { RequestContextBase } from '@plantgraph/platform';

/** What one gateway request carries: the client's correlation id and a logger bound to it. */
export type GatewayContext = RequestContextBase;
