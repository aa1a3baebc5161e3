import { GraphQLError } from 'graphql';

/** The code of a subscription sent to a subgraph instead of the gateway. */
export const SUBSCRIPTION_NOT_SERVED_HERE = 'BAD_REQUEST';

/**
 * The resolver of a subscription field a subgraph declares but does not serve: the gateway serves
 * every subscription from the event backbone, so a direct one is refused with a clear error
 * (whether the subgraph's server subscribes or merely executes the operation).
 */
export function servedByGateway(subgraph: string): {
  subscribe: () => never;
  resolve: () => never;
} {
  const refuse = (): never => {
    throw new GraphQLError(
      `Subscriptions are served by the gateway over WebSocket (graphql-transport-ws on its /graphql); the ${subgraph} subgraph declares them but does not execute them.`,
      { extensions: { code: SUBSCRIPTION_NOT_SERVED_HERE } },
    );
  };
  return { subscribe: refuse, resolve: refuse };
}
