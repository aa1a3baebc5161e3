import {
  startSubgraph,
  type RunningSubgraph,
  type StartSubgraphOptions,
  type SubgraphModule,
} from '@plantgraph/platform';
import { readGenealogyLimits, type GenealogyLimits } from './config.ts';
import { createGenealogyContext, type GenealogyContext } from './context.ts';
import { GENEALOGY_SCHEMA } from './db/database.ts';
import { migrations } from './db/migrations/index.ts';
import { handlers } from './events/handlers.ts';
import { resolvers } from './resolvers/index.ts';

/** The genealogy subgraph (lots, which lots went into which, traces), with its limits. */
export function genealogySubgraph(limits: GenealogyLimits): SubgraphModule<GenealogyContext> {
  return {
    name: GENEALOGY_SCHEMA,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers,
    migrations,
    createContext: (scope) => createGenealogyContext(scope, limits),
    handlers,
  };
}

export interface StartGenealogyOptions extends StartSubgraphOptions {
  /** Trace bounds and tolerance; read from the environment when not given. */
  readonly limits?: GenealogyLimits;
}

/** Migrates the genealogy schema and serves the subgraph. */
export function startGenealogy(options: StartGenealogyOptions): Promise<RunningSubgraph> {
  return startSubgraph(genealogySubgraph(options.limits ?? readGenealogyLimits()), options);
}
