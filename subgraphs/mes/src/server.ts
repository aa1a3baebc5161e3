import {
  startSubgraph,
  type RunningSubgraph,
  type StartSubgraphOptions,
  type SubgraphModule,
} from '@plantgraph/platform';
import { createMesContext, type MesContext } from './context.ts';
import { MES_SCHEMA } from './db/database.ts';
import { migrations } from './db/migrations/index.ts';
import { handlers } from './events/handlers.ts';
import { resolvers } from './resolvers/index.ts';

/** The mes subgraph: shop-floor execution of orders, their operations, produced lots. */
export const mesSubgraph: SubgraphModule<MesContext> = {
  name: MES_SCHEMA,
  schemaFile: new URL('../schema.graphql', import.meta.url),
  resolvers,
  migrations,
  createContext: createMesContext,
  handlers,
};

/** Migrates the mes schema and serves the subgraph. */
export function startMes(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph(mesSubgraph, options);
}
