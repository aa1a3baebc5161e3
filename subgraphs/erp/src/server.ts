import {
  startSubgraph,
  type RunningSubgraph,
  type StartSubgraphOptions,
  type SubgraphModule,
} from '@plantgraph/platform';
import { createErpContext, type ErpContext } from './context.ts';
import { ERP_SCHEMA } from './db/database.ts';
import { migrations } from './db/migrations/index.ts';
import { handlers } from './events/handlers.ts';
import { resolvers } from './resolvers/index.ts';

/** The erp subgraph: master data, production orders, batches. */
export const erpSubgraph: SubgraphModule<ErpContext> = {
  name: ERP_SCHEMA,
  schemaFile: new URL('../schema.graphql', import.meta.url),
  resolvers,
  migrations,
  createContext: createErpContext,
  handlers,
};

/** Migrates the erp schema and serves the subgraph. */
export function startErp(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph(erpSubgraph, options);
}
