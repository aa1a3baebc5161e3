import type { Connection } from '@plantgraph/platform';
import type { InspectionRow } from '../db/tables/inspection.ts';
import type { InspectionType } from './inspection-plan.ts';

export type InspectionStatus = InspectionRow['status'];

/**
 * An inspection of a lot (or, in process, of an order's operation before it made a lot) against one
 * inspection plan revision.
 */
export interface Inspection {
  readonly id: string;
  readonly number: string;
  /** Null for an in-process inspection of an order that has not produced a lot yet. */
  readonly lotId: string | null;
  readonly orderId: string | null;
  readonly operationId: string | null;
  readonly type: InspectionType;
  readonly status: InspectionStatus;
  readonly planId: string;
  readonly inspectedAt: Date | null;
  readonly inspector: string | null;
  readonly createdAt: Date;
  readonly revision: number;
  readonly updatedAt: Date;
}

export type InspectionConnection = Connection<Inspection>;

export function rowToInspection(row: InspectionRow): Inspection {
  return {
    id: row.id,
    number: row.number,
    lotId: row.lot_id,
    orderId: row.order_id,
    operationId: row.operation_id,
    type: row.type,
    status: row.status,
    planId: row.plan_id,
    inspectedAt: row.inspected_at,
    inspector: row.inspector,
    createdAt: row.created_at,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}
