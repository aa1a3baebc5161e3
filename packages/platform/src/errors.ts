import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/** Stable `extensions.code` values a client can rely on. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Internal: 'INTERNAL_SERVER_ERROR',
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
  /** The request's traces and recalls together would walk more lots than one request may. */
  LotBudgetExceeded: 'LOT_BUDGET_EXCEEDED',
} as const;

/** Codes whose messages are written for clients and pass through unchanged. */
const CLIENT_SAFE_CODES = new Set<unknown>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  ErrorCode.SubgraphUnavailable,
  ErrorCode.LotBudgetExceeded,
]);

/** A client error naming the argument at fault. */
export function badUserInput(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BadUserInput, argumentName },
  });
}

/**
 * The one boundary for errors leaving a service: messages written for clients pass, anything
 * else becomes a generic internal error (no stack trace, no SQL, no internal message).
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (CLIENT_SAFE_CODES.has(code)) {
    const {
      stacktrace: _stacktrace,
      exception: _exception,
      ...extensions
    } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.Internal },
  };
}

/** Writes the request's correlation id into every error it returns, and logs failures. */
export function correlationPlugin<
  TContext extends { correlationId: string; log: { error: (obj: object, msg: string) => void } },
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (!CLIENT_SAFE_CODES.has(code)) {
              contextValue.log.error(
                { err: error.originalError ?? error, path: error.path, operationName },
                'request failed',
              );
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, correlationId: contextValue.correlationId },
          }));
          response.http.headers.set('x-correlation-id', contextValue.correlationId);
        },
      };
    },
  };
}
