import type { EventTables } from '@plantgraph/events';
import type { ExecutionTable } from './tables/execution.ts';
import type { OperationTable } from './tables/operation.ts';
import type { LotProductionTable } from './tables/lot-production.ts';

/** The mes schema. */
export type MesDatabase = EventTables & {
  execution: ExecutionTable;
  operation: OperationTable;
  lot_production: LotProductionTable;
};

/** The PostgreSQL schema mes's tables live in. */
export const MES_SCHEMA = 'mes';
