import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@plantgraph/platform';
import { CloseCode, handleProtocols, makeServer, type SubscribePayload } from 'graphql-ws';
import {
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { asExecutionResult, formatWsError, formatWsResult } from './error-format.ts';
import type { GatewayOperations } from './gateway-operations.ts';
import type { ConnectionAuthenticator } from './identity.ts';
import { SubscriberConnection } from './subscriber-connection.ts';
import { SubscriptionErrorCode, subscriptionError } from './subscription-errors.ts';
import { planSubscription, SubscriptionPlan } from './subscription-plan.ts';
import type { SubscriptionService } from './subscription-service.ts';

/** Limits of every WebSocket connection. */
export interface WebSocketLimits {
  /** A connection that sends no `connection_init` within this time is closed (4408). */
  readonly initTimeoutMs: number;
  /**
   * The server pings every this often; a connection that misses a pong for as long is cut (a
   * client that stopped reading altogether, or a dead network).
   */
  readonly keepAliveMs: number;
  /** Operations (subscriptions, queries) one connection may run at once. */
  readonly maxOperations: number;
  /**
   * Pushed results that may wait for one connection's client; a subscription that finds no room
   * falls behind and reads the event feed at its client's pace until it has caught up.
   */
  readonly bufferSize: number;
}

export interface WebSocketServerOptions {
  readonly server: Server;
  /** The URL path the protocol is served on (that of the HTTP GraphQL endpoint). */
  readonly path: string;
  readonly log: Logger;
  readonly limits: WebSocketLimits;
  readonly authenticate: ConnectionAuthenticator;
  /** The API schema (Subscription type included) once the gateway loaded it. */
  readonly schema: () => GraphQLSchema | null;
  /** Runs queries and mutations sent over the socket. */
  readonly operations: GatewayOperations;
  /** Serves subscriptions; null when the gateway has no event feed. */
  readonly subscriptions: SubscriptionService | null;
}

/** A running WebSocket endpoint. */
export interface RunningWebSocketServer {
  /** Open connections. */
  readonly connections: number;
  /** Closes every connection (1001 Going away) and stops accepting new ones. */
  close(): Promise<void>;
}

/** A query or mutation admitted on a socket. */
class SocketOperation {
  readonly request: SubscribePayload;
  readonly correlationId: string;
  constructor(request: SubscribePayload, correlationId: string) {
    this.request = request;
    this.correlationId = correlationId;
  }
}

/** A subscription admitted on a connection. */
class AdmittedSubscription {
  readonly plan: SubscriptionPlan;
  readonly connection: SubscriberConnection;
  constructor(plan: SubscriptionPlan, connection: SubscriberConnection) {
    this.plan = plan;
    this.connection = connection;
  }
}

interface Extra {
  readonly connection: SubscriberConnection;
  readonly request: IncomingMessage;
}

function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/**
 * Serves the graphql-transport-ws protocol (graphql-ws) on `path` of the gateway's HTTP server:
 * subscriptions from the event feed, queries and mutations through the gateway's executor.
 * Protocol errors of one operation (unknown field, bad argument or cursor) answer that operation
 * with an `error` message; the connection stays open for the others.
 */
export function serveWebSockets(options: WebSocketServerOptions): RunningWebSocketServer {
  const { log, limits } = options;
  const wss = new WebSocketServer({ noServer: true, handleProtocols, maxPayload: 1024 * 1024 });

  /** Parses, validates and admits one operation sent on `connection` (`running` counts it). */
  const admit = async (
    connection: SubscriberConnection,
    running: number,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    if (running > limits.maxOperations) {
      return [
        subscriptionError(
          `This connection already runs ${limits.maxOperations} operations, its limit; complete one or open another connection.`,
          SubscriptionErrorCode.TooManySubscriptions,
        ),
      ];
    }
    const schema = options.schema();
    if (schema === null) {
      return [
        subscriptionError(
          'The gateway has not loaded its schema yet.',
          SubscriptionErrorCode.EventFeedUnavailable,
        ),
      ];
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      if (error instanceof GraphQLError) return [coded(error, 'GRAPHQL_PARSE_FAILED')];
      throw error;
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0)
      return invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
    const operation = getOperationAST(document, payload.operationName);
    if (operation === null || operation === undefined) {
      return [
        new GraphQLError(
          payload.operationName
            ? `The document has no operation named "${payload.operationName}".`
            : 'The document holds several operations: name the one to run.',
          { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } },
        ),
      ];
    }
    const args = {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
    };
    if (operation.operation !== 'subscription') {
      const correlationId = randomUUID();
      return { ...args, contextValue: new SocketOperation(payload, correlationId) };
    }
    const service = options.subscriptions;
    if (service === null) {
      return [
        subscriptionError(
          'This gateway has no event feed: start it with NATS_URL, or run the stack (npm start).',
          SubscriptionErrorCode.EventFeedUnavailable,
        ),
      ];
    }
    const plan = planSubscription({
      schema,
      document,
      operation,
      variables: payload.variables ?? {},
      lookups: service.lookups,
      identityKey: connection.identity?.cacheKey ?? 'anonymous',
    });
    if (!(plan instanceof SubscriptionPlan)) return plan;
    const refused = await service.admit(plan);
    if (refused) return refused;
    return { ...args, contextValue: new AdmittedSubscription(plan, connection) };
  };

  const server = makeServer<Record<string, unknown> | undefined, Extra>({
    connectionInitWaitTimeout: limits.initTimeoutMs,
    async onConnect(ctx) {
      const identity = await options.authenticate({
        payload: ctx.connectionParams,
        request: ctx.extra.request,
      });
      if (identity === null) return false;
      ctx.extra.connection.identity = identity;
      return true;
    },
    async onSubscribe(ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
      try {
        return await admit(ctx.extra.connection, Object.keys(ctx.subscriptions).length, payload);
      } catch (error) {
        // One operation failing unexpectedly must not close the connection of the others.
        log.error({ err: error }, 'WebSocket operation could not start');
        return [
          new GraphQLError('Internal server error', {
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          }),
        ];
      }
    },
    async execute(args) {
      const operation = args.contextValue;
      if (!(operation instanceof SocketOperation)) throw new Error('operation was not admitted');
      return asExecutionResult(
        await options.operations.run(operation.request, operation.correlationId),
      );
    },
    subscribe(args) {
      const admitted = args.contextValue;
      if (!(admitted instanceof AdmittedSubscription) || options.subscriptions === null) {
        throw new Error('subscription was not admitted');
      }
      const { connection } = admitted;
      const stream = options.subscriptions.open(admitted.plan, connection, () =>
        connection.untrack(stream),
      );
      connection.track(stream);
      return stream;
    },
    onNext: (_ctx, _id, _payload, _args, result) => formatWsResult(result, log),
    onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatWsError(error, log)),
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== options.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.server.on('upgrade', onUpgrade);

  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const connection = new SubscriberConnection(socket, limits.bufferSize);
    let pongDue: NodeJS.Timeout | null = null;
    const pinger = setInterval(() => {
      if (socket.readyState !== socket.OPEN || pongDue !== null) return;
      pongDue = setTimeout(() => socket.terminate(), limits.keepAliveMs);
      socket.ping();
    }, limits.keepAliveMs);
    socket.on('pong', () => {
      if (pongDue) clearTimeout(pongDue);
      pongDue = null;
    });
    socket.on('error', (error) => {
      log.warn({ err: error }, 'WebSocket error; closing the connection');
      socket.terminate();
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            handle(String(data)).catch((error: unknown) => {
              log.error({ err: error }, 'WebSocket message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { connection, request },
    );
    socket.once('close', (code, reason) => {
      clearInterval(pinger);
      if (pongDue) clearTimeout(pongDue);
      connection.endAll();
      closed(code, reason.toString()).catch((error: unknown) =>
        log.error({ err: error }, 'WebSocket close handling failed'),
      );
    });
  });

  return {
    get connections() {
      return wss.clients.size;
    },
    async close() {
      options.server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(1001, 'Going away');
      await new Promise<void>((resolve) => {
        const cut = setTimeout(() => {
          for (const client of wss.clients) client.terminate();
        }, 1000);
        wss.close(() => {
          clearTimeout(cut);
          resolve();
        });
      });
    },
  };
}
