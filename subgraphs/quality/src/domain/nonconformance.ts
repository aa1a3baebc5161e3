import type { Connection } from '@plantgraph/platform';
import type { NonconformanceRow } from '../db/tables/nonconformance.ts';

export type NonconformanceSeverity = NonconformanceRow['severity'];
export type NonconformanceStatus = NonconformanceRow['status'];
export type NonconformanceDisposition = NonconformanceRow['disposition'];

/**
 * A nonconformance raised against a lot, possibly by an inspection; or against an order's operation
 * when an in-process inspection failed before the order made a lot.
 */
export interface Nonconformance {
  readonly id: string;
  readonly number: string;
  readonly lotId: string | null;
  readonly orderId: string | null;
  readonly operationId: string | null;
  readonly inspectionId: string | null;
  readonly severity: NonconformanceSeverity;
  readonly status: NonconformanceStatus;
  readonly description: string;
  readonly disposition: NonconformanceDisposition;
  readonly raisedAt: Date;
  readonly revision: number;
  readonly updatedAt: Date;
}

export type NonconformanceConnection = Connection<Nonconformance>;

export function rowToNonconformance(row: NonconformanceRow): Nonconformance {
  return {
    id: row.id,
    number: row.number,
    lotId: row.lot_id,
    orderId: row.order_id,
    operationId: row.operation_id,
    inspectionId: row.inspection_id,
    severity: row.severity,
    status: row.status,
    description: row.description,
    disposition: row.disposition,
    raisedAt: row.raised_at,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}
