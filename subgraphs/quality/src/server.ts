import {
  startSubgraph,
  type RunningSubgraph,
  type StartSubgraphOptions,
  type SubgraphModule,
} from '@plantgraph/platform';
import { createQualityContext, type QualityContext } from './context.ts';
import { QUALITY_SCHEMA } from './db/database.ts';
import { migrations } from './db/migrations/index.ts';
import { handlers } from './events/handlers.ts';
import { resolvers } from './resolvers/index.ts';

/** The quality subgraph: inspection plans, inspections, lot quality status, nonconformances. */
export const qualitySubgraph: SubgraphModule<QualityContext> = {
  name: QUALITY_SCHEMA,
  schemaFile: new URL('../schema.graphql', import.meta.url),
  resolvers,
  migrations,
  createContext: createQualityContext,
  handlers,
};

/** Migrates the quality schema and serves the subgraph. */
export function startQuality(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph(qualitySubgraph, options);
}
