import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import {
  correlationPlugin,
  formatError,
  serveHttp,
  type Logger,
  type RunningHttpService,
} from '@plantgraph/platform';
import type { EventFeed } from '@plantgraph/events';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext } from './context.ts';
import { EXAMPLES } from './examples.ts';
import { ideRoute, renderIdePage } from './ide-page.ts';
import { SubgraphDataSource } from './subgraph-data-source.ts';
import { describeSubgraphs } from './subgraph-readiness.ts';
import { gatewayOperations } from './subscriptions/gateway-operations.ts';
import { refuseSubscriptionsOverHttp } from './subscriptions/http-refusal.ts';
import { acceptAnonymous, type ConnectionAuthenticator } from './subscriptions/identity.ts';
import {
  DEFAULT_SUBSCRIPTION_SETTINGS,
  type SubscriptionSettings,
} from './subscriptions/subscription-settings.ts';
import { SubscriptionService } from './subscriptions/subscription-service.ts';
import { subscriptionSchemaOf } from './subscriptions/subscription-schema.ts';
import { serveWebSockets } from './subscriptions/ws-server.ts';

export { readSubscriptionSettings } from './config.ts';
export type { SubscriptionSettings } from './subscriptions/subscription-settings.ts';
export type { ConnectionAuthenticator, SubscriberIdentity } from './subscriptions/identity.ts';

export interface StartGatewayOptions {
  readonly host: string;
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** The composed supergraph (the content of supergraph.graphql). */
  readonly supergraphSdl: string;
  /** Routing URLs that replace those recorded in the supergraph, by subgraph name. */
  readonly subgraphUrls?: Partial<Record<string, string>>;
  readonly log: Logger;
  /**
   * The event feed subscriptions are served from (the bus's JetStream stream, or the in-process
   * ring of the stack); without one, subscriptions are refused with EVENT_FEED_UNAVAILABLE.
   */
  readonly events?: EventFeed | null;
  /** Limits of subscriptions over WebSocket (default: DEFAULT_SUBSCRIPTION_SETTINGS). */
  readonly subscriptions?: SubscriptionSettings;
  /** Decides who may open a WebSocket connection (default: everyone, anonymously). */
  readonly authenticate?: ConnectionAuthenticator;
}

/**
 * Serves the federated graph: queries planned across the subgraphs of `supergraphSdl`, the offline
 * GraphiQL IDE on browser GETs of /graphql, subscriptions over WebSocket (graphql-transport-ws) on
 * the same URL, /health, and /ready (ready once the schema is loaded; the detail names each
 * subgraph's own readiness).
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningHttpService> {
  const { log } = options;
  const routes = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: log,
    buildService: ({ name, url }) => {
      const routingUrl = options.subgraphUrls?.[name] ?? url;
      if (routingUrl === undefined) throw new Error(`subgraph ${name} has no routing URL`);
      routes.set(name, routingUrl);
      return new SubgraphDataSource(name, routingUrl);
    },
  });
  let apiSchema: GraphQLSchema | null = null;
  let subscriptionSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
    subscriptionSchema = subscriptionSchemaOf(loaded.apiSchema);
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // No cache hints are set anywhere, and subgraph responses are never cached: the cache-control
    // plugin would only compute a policy nobody reads, on every request.
    plugins: [
      correlationPlugin<GatewayContext>(),
      refuseSubscriptionsOverHttp<GatewayContext>(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
    logger: log,
  });
  const [page] = await Promise.all([
    renderIdePage({ title: 'plantgraph', examples: EXAMPLES }),
    apollo.start(),
  ]);
  if (page.removed.length > 0) {
    log.warn({ removed: page.removed }, 'stripped external resources from the IDE page');
  }

  try {
    const running = await serveHttp<GatewayContext>({
      name: 'gateway',
      host: options.host,
      port: options.port,
      log,
      apollo,
      context: async (_req, correlationId) => ({
        correlationId,
        log: log.child({ correlationId }),
      }),
      ready: async () => {
        const subgraphs = await describeSubgraphs(routes);
        return apiSchema !== null
          ? { ok: true, detail: `schema loaded; ${subgraphs}` }
          : { ok: false, detail: `schema not loaded; ${subgraphs}` };
      },
      routes: ideRoute(page),
    });
    const settings = options.subscriptions ?? DEFAULT_SUBSCRIPTION_SETTINGS;
    const operations = gatewayOperations(apollo, log);
    const subscriptions = options.events
      ? new SubscriptionService({
          feed: options.events,
          operations,
          log: log.child({ component: 'subscriptions' }),
          recentEntries: settings.recentEvents,
          feedTimeoutMs: settings.feedTimeoutMs,
        })
      : null;
    const sockets = serveWebSockets({
      server: running.server,
      path: '/graphql',
      log,
      limits: settings,
      authenticate: options.authenticate ?? acceptAnonymous,
      schema: () => subscriptionSchema,
      operations,
      subscriptions,
    });
    return {
      ...running,
      close: async () => {
        await sockets.close();
        await subscriptions?.close();
        await running.close();
        await apollo.stop();
      },
    };
  } catch (error) {
    await apollo.stop();
    throw error;
  }
}
