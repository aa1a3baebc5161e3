import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation.ts';
import type { Logger } from './logger.ts';

/** Largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Extra routes a service serves besides /graphql, /health and /ready; true when handled. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

export interface HttpServiceOptions<TContext extends BaseContext> {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly log: Logger;
  readonly apollo: ApolloServer<TContext>;
  /** Builds the per-request context; every database access of the request goes through it. */
  readonly context: (req: IncomingMessage, correlationId: string) => Promise<TContext>;
  /** Ready means the service can answer: its dependencies are reachable and migrated. */
  readonly ready: () => Promise<{ ok: boolean; detail?: string }>;
  readonly routes?: RouteHandler;
}

/** A started HTTP service. */
export interface RunningHttpService {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

class BodyError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'request body too large');
    chunks.push(buffer);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('application/json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'request body is not valid JSON');
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  correlationId?: string,
): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (correlationId) res.setHeader(CORRELATION_HEADER, correlationId);
  res.end(JSON.stringify(body));
}

/** Serves /graphql through Apollo Server, plus /health and /ready, on one node:http server. */
export async function serveHttp<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
): Promise<RunningHttpService> {
  const { apollo, log } = options;

  async function handleGraphql(req: IncomingMessage, res: ServerResponse, url: URL) {
    const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    try {
      body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    } catch (error) {
      const status = error instanceof BodyError ? error.status : 400;
      const message = error instanceof BodyError ? error.message : 'bad request';
      sendJson(
        res,
        status,
        { errors: [{ message, extensions: { code: 'BAD_REQUEST', correlationId } }] },
        correlationId,
      );
      return;
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => options.context(req, correlationId),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader(CORRELATION_HEADER, correlationId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health')
      return sendJson(res, 200, { status: 'ok', service: options.name });
    if (url.pathname === '/ready') {
      const ready = await options.ready().catch((error: unknown) => ({
        ok: false,
        detail: error instanceof Error ? error.message : 'not ready',
      }));
      return sendJson(res, ready.ok ? 200 : 503, {
        status: ready.ok ? 'ready' : 'not ready',
        service: options.name,
        ...(ready.detail ? { detail: ready.detail } : {}),
      });
    }
    if (options.routes && (await options.routes(req, res, url))) return;
    if (url.pathname === '/graphql' || url.pathname === '/') return handleGraphql(req, res, url);
    sendJson(res, 404, { error: 'not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'unhandled HTTP error');
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [
            { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          ],
        });
      else res.end();
    });
  });
  // Keep idle connections longer than HTTP clients do (the gateway's agent among them), so a
  // client never sends a request on a connection the server is closing at that moment.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  const port = address.port;
  const displayHost =
    options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${displayHost}:${port}/graphql`;
  log.info({ url }, `${options.name} listening`);
  return {
    url,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
