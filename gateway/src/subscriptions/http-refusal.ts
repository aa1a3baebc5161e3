import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Answers a subscription sent over HTTP with a clear error instead of executing it: subscriptions
 * are served over WebSocket on the same URL.
 */
export function refuseSubscriptionsOverHttp<
  TContext extends BaseContext,
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'Subscriptions are served over WebSocket with the graphql-transport-ws protocol (the graphql-ws client) on this same URL, not over HTTP.',
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
