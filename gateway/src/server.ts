import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  correlationPlugin,
  formatError,
  serveHttp,
  type Logger,
  type RunningHttpService,
} from '@plantgraph/platform';
import type { GatewayContext } from './context.ts';
import { EXAMPLES } from './examples.ts';
import { ideRoute, renderIdePage } from './ide-page.ts';
import { SubgraphDataSource } from './subgraph-data-source.ts';
import { describeSubgraphs } from './subgraph-readiness.ts';

export interface StartGatewayOptions {
  readonly host: string;
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** The composed supergraph (the content of supergraph.graphql). */
  readonly supergraphSdl: string;
  /** Routing URLs that replace those recorded in the supergraph, by subgraph name. */
  readonly subgraphUrls?: Partial<Record<string, string>>;
  readonly log: Logger;
}

/**
 * Serves the federated graph: queries planned across the subgraphs of `supergraphSdl`, the offline
 * GraphiQL IDE on browser GETs of /graphql, /health, and /ready (ready once the schema is loaded;
 * the detail names each subgraph's own readiness).
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
  let schemaLoaded = false;
  gateway.onSchemaLoadOrUpdate(() => {
    schemaLoaded = true;
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [correlationPlugin<GatewayContext>(), ApolloServerPluginLandingPageDisabled()],
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
        return schemaLoaded
          ? { ok: true, detail: `schema loaded; ${subgraphs}` }
          : { ok: false, detail: `schema not loaded; ${subgraphs}` };
      },
      routes: ideRoute(page),
    });
    return {
      ...running,
      close: async () => {
        await running.close();
        await apollo.stop();
      },
    };
  } catch (error) {
    await apollo.stop();
    throw error;
  }
}
