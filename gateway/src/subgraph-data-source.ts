import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CORRELATION_HEADER, ErrorCode } from '@plantgraph/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './context.ts';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

/** Health checks and schema loading carry no client request, hence no correlation id. */
function clientContextOf(options: ProcessOptions): GatewayContext | null {
  return 'incomingRequestContext' in options ? options.context : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The status and body of a non-2xx subgraph response, as RemoteGraphQLDataSource reports it. */
function failedResponseOf(error: unknown): { status: number; body: unknown } | null {
  if (!(error instanceof GraphQLError)) return null;
  const response = error.extensions.response;
  if (!isRecord(response) || typeof response.status !== 'number') return null;
  return { status: response.status, body: response.body };
}

/** The GraphQL errors of a response body, or null when the body is not a GraphQL response. */
function graphqlErrorsOf(body: unknown): GraphQLFormattedError[] | null {
  if (!isRecord(body) || !Array.isArray(body.errors) || body.errors.length === 0) return null;
  const errors: GraphQLFormattedError[] = [];
  for (const error of body.errors) {
    if (!isRecord(error) || typeof error.message !== 'string') return null;
    errors.push({
      message: error.message,
      ...(isRecord(error.extensions) ? { extensions: error.extensions } : {}),
    });
  }
  return errors;
}

/**
 * The connection was lost before any answer, as when the subgraph closes a kept-alive
 * connection (its idle timeout) just as the gateway reuses it. A query changes nothing, so it may
 * be sent again; a mutation may not.
 */
function isStaleConnection(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'FetchError') return false;
  const code = 'code' in error ? error.code : undefined;
  return code === 'ECONNRESET' || /socket hang up/.test(error.message);
}

function isQuery(options: ProcessOptions): boolean {
  return /^\s*(query\b|\{)/.test(options.request.query ?? '');
}

/** No HTTP answer at all: refused, reset, timed out, unknown host, or a body that is not JSON. */
function isTransportFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'FetchError' || error.name === 'AbortError');
}

/**
 * Sends the gateway's requests to one subgraph. Forwards the client's correlation id, passes the
 * subgraph's own GraphQL errors through even on a 4xx/5xx status (a rejected variable keeps its
 * message), and turns a subgraph that cannot be reached into a SUBGRAPH_UNAVAILABLE error for its
 * fields only, so the other subgraphs' data still reaches the client.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The subgraph's name in the supergraph. */
  readonly serviceName: string;

  constructor(serviceName: string, url: string) {
    super({ url });
    this.serviceName = serviceName;
  }

  /** Sends the request, and a query once more when it went out on a connection just closed. */
  async #send(options: ProcessOptions): Promise<SubgraphResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (!isStaleConnection(error) || !isQuery(options)) throw error;
      return super.process(options);
    }
  }

  override willSendRequest(options: ProcessOptions): void {
    const context = clientContextOf(options);
    if (context) options.request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
  }

  override async process(options: ProcessOptions): Promise<SubgraphResponse> {
    try {
      return await this.#send(options);
    } catch (error) {
      const failed = failedResponseOf(error);
      const errors = failed ? graphqlErrorsOf(failed.body) : null;
      if (errors) return { errors };
      if ((failed && failed.status >= 500) || isTransportFailure(error)) {
        clientContextOf(options)?.log.warn(
          { err: error, subgraph: this.serviceName, url: this.url },
          'subgraph unavailable',
        );
        return {
          errors: [
            {
              message: `The ${this.serviceName} subgraph is unavailable; the fields it serves are missing from this response.`,
              extensions: { code: ErrorCode.SubgraphUnavailable },
            },
          ],
        };
      }
      throw error;
    }
  }
}
