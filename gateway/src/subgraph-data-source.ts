import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CORRELATION_HEADER, ErrorCode } from '@plantgraph/platform';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './context.ts';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

/** A subgraph's HTTP answer: its status and its body, parsed when it is JSON. */
interface SubgraphAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Connections kept open between requests, as many as requests in flight. The subgraphs keep idle
 * connections for 65 s; the agent lets go of its own after 5 s, so it seldom reuses a connection
 * the subgraph is closing.
 */
const AGENT_OPTIONS = { keepAlive: true, timeout: 5_000, scheduling: 'lifo' } as const;
const httpAgent = new HttpAgent(AGENT_OPTIONS);
const httpsAgent = new HttpsAgent(AGENT_OPTIONS);

/** Health checks and schema loading carry no client request, hence no correlation id. */
function clientContextOf(options: ProcessOptions): GatewayContext | null {
  return 'incomingRequestContext' in options ? options.context : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One error of a GraphQL response body as the gateway reads it, or null when it is not one. */
function formattedErrorOf(error: unknown): GraphQLFormattedError | null {
  if (!isRecord(error) || typeof error.message !== 'string') return null;
  const path = Array.isArray(error.path)
    ? error.path.filter((key) => typeof key === 'string' || typeof key === 'number')
    : undefined;
  return {
    message: error.message,
    ...(path ? { path } : {}),
    ...(isRecord(error.extensions) ? { extensions: error.extensions } : {}),
  };
}

/** A GraphQL response body, or null when the body is not one. */
function graphqlResponseOf(body: unknown): SubgraphResponse | null {
  if (!isRecord(body)) return null;
  const { data, errors, extensions } = body;
  if (data !== undefined && data !== null && !isRecord(data)) return null;
  let formatted: GraphQLFormattedError[] | undefined;
  if (errors !== undefined) {
    if (!Array.isArray(errors)) return null;
    formatted = [];
    for (const error of errors) {
      const one = formattedErrorOf(error);
      if (one === null) return null;
      formatted.push(one);
    }
  }
  if (data === undefined && formatted === undefined) return null;
  return {
    ...(data !== undefined ? { data } : {}),
    ...(formatted && formatted.length > 0 ? { errors: formatted } : {}),
    ...(isRecord(extensions) ? { extensions } : {}),
  };
}

/**
 * The code of a connection error (ECONNRESET, ECONNREFUSED, ENOTFOUND…) as node:http reports it.
 * Read from the shape, not `instanceof Error`: Node's own errors may come from another realm.
 */
function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * The connection was lost before any answer, as when the subgraph closes a kept-alive
 * connection (its idle timeout) just as the gateway reuses it. A query changes nothing, so it may
 * be sent again; a mutation may not.
 */
function isLostConnection(error: unknown): boolean {
  return errorCodeOf(error) === 'ECONNRESET';
}

function isQuery(query: string): boolean {
  return /^\s*(query\b|\{)/.test(query);
}

/** Reads a whole response and parses it when it says it is JSON (else the body is its text). */
async function readAnswer(response: IncomingMessage): Promise<SubgraphAnswer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  const type = response.headers['content-type'] ?? '';
  const status = response.statusCode ?? 0;
  if (!/^application\/(graphql-response\+)?json/.test(type)) return { status, body: text };
  try {
    const body: unknown = JSON.parse(text);
    return { status, body };
  } catch {
    return { status, body: text };
  }
}

/**
 * Sends the gateway's requests to one subgraph over kept-alive connections, with node:http (no
 * fetch layer between the gateway and the socket: the body is read once and parsed once).
 * Forwards the client's correlation id, passes the subgraph's own GraphQL errors through even on
 * a 4xx/5xx status (a rejected variable keeps its message), sends a query once more when its
 * connection was lost before any answer, and turns a subgraph that cannot be reached (or answers
 * 5xx without GraphQL errors, or something that is not JSON) into a SUBGRAPH_UNAVAILABLE error
 * for its fields only, so the other subgraphs' data still reaches the client.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  /** The subgraph's name in the supergraph. */
  readonly serviceName: string;
  readonly url: string;
  readonly #target: URL;

  constructor(serviceName: string, url: string) {
    this.serviceName = serviceName;
    this.url = url;
    this.#target = new URL(url);
  }

  #post(body: string, headers: Record<string, string>): Promise<SubgraphAnswer> {
    const secure = this.#target.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(
        this.#target,
        {
          method: 'POST',
          agent: secure ? httpsAgent : httpAgent,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (response) => {
          readAnswer(response).then(resolve, reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  async process(options: ProcessOptions): Promise<SubgraphResponse> {
    const { query, operationName, variables, extensions, http } = options.request;
    if (!query) throw new Error('a subgraph request without a query');
    const context = clientContextOf(options);
    const headers: Record<string, string> = {};
    // Headers the gateway asks for (a federated trace, say) go along.
    if (http) for (const [name, value] of http.headers) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    headers.accept = 'application/graphql-response+json, application/json';
    if (context) headers[CORRELATION_HEADER] = context.correlationId;
    const body = JSON.stringify({ query, operationName, variables, extensions });

    let answer: SubgraphAnswer;
    try {
      answer = await this.#post(body, headers).catch((error: unknown) => {
        if (!isLostConnection(error) || !isQuery(query)) throw error;
        return this.#post(body, headers);
      });
    } catch (error) {
      return this.#unavailable(context, error);
    }
    const response = graphqlResponseOf(answer.body);
    if (answer.status >= 200 && answer.status < 300) {
      return (
        response ?? this.#unavailable(context, new Error('the answer is not a GraphQL response'))
      );
    }
    if (response?.errors) return { errors: response.errors };
    if (answer.status >= 500) {
      return this.#unavailable(context, new Error(`HTTP ${answer.status}`));
    }
    throw new Error(`the ${this.serviceName} subgraph answered HTTP ${answer.status}`);
  }

  #unavailable(context: GatewayContext | null, error: unknown): SubgraphResponse {
    context?.log.warn(
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
}
