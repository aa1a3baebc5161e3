import type { EventTables } from '@plantgraph/events';
import type { AuditEntryTable, IdempotencyKeyTable } from '@plantgraph/platform';
import type { ExecutionTable } from './tables/execution.ts';
import type { OperationTable } from './tables/operation.ts';
import type { LotProductionTable } from './tables/lot-production.ts';
import type { CompletionTable } from './tables/completion.ts';
import type { ConsumptionTable } from './tables/consumption.ts';
import type { ItemUnitTable } from './tables/item-unit.ts';
import type { LotStockTable } from './tables/lot-stock.ts';
import type { OperationEventTable } from './tables/operation-event.ts';
import type { OrderComponentTable } from './tables/order-component.ts';
import type { OrderContextTable } from './tables/order-context.ts';
import type { OrderStatusTable } from './tables/order-status.ts';

/** The mes schema. */
export type MesDatabase = EventTables & {
  execution: ExecutionTable;
  operation: OperationTable;
  lot_production: LotProductionTable;
  idempotency_key: IdempotencyKeyTable;
  audit_entry: AuditEntryTable;
  order_context: OrderContextTable;
  order_component: OrderComponentTable;
  order_status: OrderStatusTable;
  item_unit: ItemUnitTable;
  lot_stock: LotStockTable;
  operation_event: OperationEventTable;
  consumption: ConsumptionTable;
  completion: CompletionTable;
};

/** The PostgreSQL schema mes's tables live in. */
export const MES_SCHEMA = 'mes';
