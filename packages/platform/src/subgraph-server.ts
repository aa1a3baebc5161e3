import { readFile } from 'node:fs/promises';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchemaModule } from '@apollo/subgraph';
import { parse } from 'graphql';
import { sql, type Kysely } from 'kysely';
import {
  createEventBus,
  readEventConfig,
  sourceOf,
  startEventBackbone,
  type EventBackbone,
  type EventBus,
  type EventConfig,
  type EventHandler,
  type EventTables,
} from '@plantgraph/events';
import type { DatabaseHandle, RootDatabase } from './database.ts';
import { correlationPlugin, formatError } from './errors.ts';
import { serveHttp, type RunningHttpService } from './http-server.ts';
import type { Logger } from './logger.ts';
import { isMigrated, migrateToLatest, type MigrationIndex } from './migrations.ts';

/** What every request context carries, in every service. */
export interface RequestContextBase {
  readonly correlationId: string;
  readonly log: Logger;
}

/** What a subgraph's context factory receives for one request. */
export interface RequestScope {
  readonly correlationId: string;
  readonly log: Logger;
  readonly root: Kysely<RootDatabase>;
}

/** Everything that makes one subgraph: its schema, resolvers, migrations and request context. */
export interface SubgraphModule<TContext extends RequestContextBase> {
  /** Service name; also its PostgreSQL schema. */
  readonly name: string;
  /** Location of the subgraph's `schema.graphql`. */
  readonly schemaFile: URL;
  /**
   * The generated `Resolvers` of the subgraph. Federation's resolver map types `__resolveReference`
   * differently from graphql-codegen, so the map is accepted in Apollo's own untyped form;
   * codegen's types are what check each resolver.
   */
  readonly resolvers: NonNullable<GraphQLSchemaModule['resolvers']>;
  readonly migrations: MigrationIndex;
  readonly createContext: (scope: RequestScope) => TContext;
  /**
   * The subgraph's event consumers: each runs as a durable consumer of the bus, applying events
   * in the subgraph's own schema (see `EventHandler` in @plantgraph/events).
   */
  readonly handlers?: readonly EventHandler<EventTables>[];
}

export interface StartSubgraphOptions {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseHandle;
  readonly log: Logger;
  /**
   * The bus shared with the other services of this process (the stack's). Without it the
   * subgraph opens its own, as `eventConfig` says.
   */
  readonly eventBus?: EventBus;
  /** Event backbone settings; default: the in-process bus and the documented defaults. */
  readonly eventConfig?: EventConfig;
}

/** A started subgraph. */
export interface RunningSubgraph extends RunningHttpService {
  readonly name: string;
  /** Its outbox relay and consumers; `wake()` publishes what was just committed. */
  readonly events: Pick<EventBackbone, 'wake'>;
}

/** Wakes the outbox relay once a mutation's response is ready (its transaction has committed). */
function wakeRelayAfterMutations<TContext extends RequestContextBase>(
  backbone: EventBackbone,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') backbone.wake();
        },
      };
    },
  };
}

/** Migrates the subgraph's schema, then serves it over HTTP. */
export async function startSubgraph<TContext extends RequestContextBase>(
  module: SubgraphModule<TContext>,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const { database, log } = options;
  const applied = await migrateToLatest(database.root, module.name, module.migrations);
  if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');

  const eventConfig = options.eventConfig ?? readEventConfig({});
  const bus = options.eventBus ?? createEventBus(eventConfig, log, module.name);
  const ownsBus = options.eventBus === undefined;
  const backbone = await startEventBackbone({
    database,
    schema: module.name,
    source: sourceOf(module.name),
    bus,
    handlers: module.handlers ?? [],
    log,
    config: eventConfig,
  });

  const typeDefs = parse(await readFile(module.schemaFile, 'utf8'));
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers: module.resolvers }]),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Nothing sets cache hints, and the cache-control plugin would time every field resolved.
    plugins: [
      correlationPlugin<TContext>(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      wakeRelayAfterMutations<TContext>(backbone),
    ],
    logger: log,
  });
  await apollo.start();

  const running = await serveHttp<TContext>({
    name: module.name,
    host: options.host,
    port: options.port,
    log,
    apollo,
    context: async (_req, correlationId) =>
      module.createContext({
        correlationId,
        log: log.child({ correlationId }),
        root: database.root,
      }),
    ready: async () => {
      await sql`select 1`.execute(database.root);
      const migrated = await isMigrated(database.root, module.name, module.migrations);
      return migrated ? { ok: true } : { ok: false, detail: 'migrations pending' };
    },
  });
  return {
    ...running,
    name: module.name,
    events: { wake: () => backbone.wake() },
    close: async () => {
      await running.close();
      await apollo.stop();
      await backbone.stop();
      if (ownsBus) await bus.close();
    },
  };
}
