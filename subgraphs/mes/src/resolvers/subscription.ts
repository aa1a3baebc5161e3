import { servedByGateway } from '@plantgraph/platform';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types.ts';

/** Declared here, served by the gateway: a direct subscription is refused. */
export const Subscription: SubscriptionResolvers = {
  operationStatusChanged: servedByGateway('mes'),
  manufacturingEvents: servedByGateway('mes'),
};
