import type { RoutingStepRow } from '../db/tables/routing-step.ts';
import type { RoutingRow } from '../db/tables/routing.ts';
import type { ReleaseStatus } from './item-revision.ts';

export interface Routing {
  readonly id: string;
  readonly itemRevisionId: string;
  readonly revision: string;
  readonly status: ReleaseStatus;
}

export interface RoutingStep {
  readonly routingId: string;
  readonly sequence: number;
  readonly operationCode: string;
  readonly description: string;
  readonly workCenter: string;
  readonly standardMinutes: string;
  readonly requiresInspection: boolean;
}

export function rowToRouting(row: RoutingRow): Routing {
  return {
    id: row.id,
    itemRevisionId: row.item_revision_id,
    revision: row.revision,
    status: row.status,
  };
}

export function rowToRoutingStep(row: RoutingStepRow): RoutingStep {
  return {
    routingId: row.routing_id,
    sequence: row.sequence,
    operationCode: row.operation_code,
    description: row.description,
    workCenter: row.work_center,
    standardMinutes: row.standard_minutes,
    requiresInspection: row.requires_inspection,
  };
}
