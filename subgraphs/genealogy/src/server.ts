import {
  startSubgraph,
  type RunningSubgraph,
  type StartSubgraphOptions,
  type SubgraphModule,
} from '@plantgraph/platform';
import { createGenealogyContext, type GenealogyContext } from './context.ts';
import { GENEALOGY_SCHEMA } from './db/database.ts';
import { migrations } from './db/migrations/index.ts';
import { resolvers } from './resolvers/index.ts';

/** The genealogy subgraph: lots and which lots went into which. */
export const genealogySubgraph: SubgraphModule<GenealogyContext> = {
  name: GENEALOGY_SCHEMA,
  schemaFile: new URL('../schema.graphql', import.meta.url),
  resolvers,
  migrations,
  createContext: createGenealogyContext,
};

/** Migrates the genealogy schema and serves the subgraph. */
export function startGenealogy(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph(genealogySubgraph, options);
}
