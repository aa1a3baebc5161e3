import type { Quantity } from '@plantgraph/platform';
import type { OperationRow } from '../db/tables/operation.ts';

export type OperationStatus = OperationRow['status'];

/** One step of an order's routing as executed on the shop floor. */
export interface Operation {
  readonly id: string;
  readonly orderId: string;
  readonly sequence: number;
  readonly operationCode: string;
  readonly description: string;
  readonly workCenter: string;
  readonly status: OperationStatus;
  readonly plannedQuantity: Quantity;
  readonly goodQuantity: Quantity;
  readonly scrapQuantity: Quantity;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
  readonly requiresInspection: boolean;
  readonly revision: number;
  readonly updatedAt: Date;
}

/** An operation row, as the domain carries it. */
export function rowToOperation(row: OperationRow): Operation {
  return {
    id: row.id,
    orderId: row.order_id,
    sequence: row.sequence,
    operationCode: row.operation_code,
    description: row.description,
    workCenter: row.work_center,
    status: row.status,
    plannedQuantity: { value: row.planned_quantity, uom: row.uom },
    goodQuantity: { value: row.good_quantity, uom: row.uom },
    scrapQuantity: { value: row.scrap_quantity, uom: row.uom },
    startedAt: row.started_at,
    completedAt: row.completed_at,
    requiresInspection: row.requires_inspection,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}
