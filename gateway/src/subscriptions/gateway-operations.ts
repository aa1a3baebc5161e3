import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@plantgraph/platform';
import type { FormattedExecutionResult } from 'graphql';
import type { GatewayContext } from '../context.ts';

/** One query or mutation as a client (or the gateway itself) sends it. */
export interface OperationRequest {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Readonly<Record<string, unknown>> | null;
}

/** Runs operations through the gateway's own executor, in process (no HTTP round trip to itself). */
export interface GatewayOperations {
  run(request: OperationRequest, correlationId: string): Promise<FormattedExecutionResult>;
}

/**
 * The gateway's Apollo Server as an in-process executor: the same plugins, query planning, caches
 * and error formatting as an HTTP request, with the given correlation id carried to the subgraphs.
 */
export function gatewayOperations(
  apollo: ApolloServer<GatewayContext>,
  log: Logger,
): GatewayOperations {
  return {
    async run(request, correlationId) {
      const response = await apollo.executeOperation(
        {
          query: request.query,
          ...(request.operationName ? { operationName: request.operationName } : {}),
          ...(request.variables ? { variables: { ...request.variables } } : {}),
        },
        { contextValue: { correlationId, log: log.child({ correlationId }) } },
      );
      if (response.body.kind !== 'single') {
        return { errors: [{ message: 'Incremental delivery is not supported here.' }] };
      }
      return response.body.singleResult;
    },
  };
}
