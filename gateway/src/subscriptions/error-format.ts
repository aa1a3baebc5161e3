import { formatError, type Logger } from '@plantgraph/platform';
import {
  GraphQLError,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { SubscriptionErrorCode } from './subscription-errors.ts';

/** Codes whose messages are written for clients, besides those the platform lets through. */
const SUBSCRIPTION_CODES = new Set<unknown>(Object.values(SubscriptionErrorCode));

/** An error already formatted by the gateway's executor, carried as a GraphQLError. */
export class FormattedError extends GraphQLError {
  readonly formatted: GraphQLFormattedError;

  constructor(formatted: GraphQLFormattedError) {
    super(formatted.message, { extensions: formatted.extensions ?? {} });
    this.formatted = formatted;
  }

  override toJSON(): GraphQLFormattedError {
    return this.formatted;
  }
}

/** A formatted result as graphql-ws hands results around (errors as GraphQLError). */
export function asExecutionResult(result: FormattedExecutionResult): ExecutionResult {
  const { errors, ...rest } = result;
  return errors ? { ...rest, errors: errors.map((error) => new FormattedError(error)) } : rest;
}

/**
 * The boundary for errors leaving over WebSocket: client messages pass (the platform's codes and
 * the subscription codes), anything else becomes a generic internal error and is logged.
 */
export function formatWsError(error: GraphQLError, log: Logger): GraphQLFormattedError {
  const formatted = error instanceof FormattedError ? error.formatted : error.toJSON();
  if (SUBSCRIPTION_CODES.has(formatted.extensions?.code)) return formatted;
  const safe = formatError(formatted);
  if (safe.message !== formatted.message) {
    log.error({ err: error.originalError ?? error, path: error.path }, 'operation failed');
  }
  return safe;
}

/** A result as it is sent in a `next` message. */
export function formatWsResult(result: ExecutionResult, log: Logger): FormattedExecutionResult {
  const { errors, ...rest } = result;
  return errors ? { ...rest, errors: errors.map((error) => formatWsError(error, log)) } : rest;
}
