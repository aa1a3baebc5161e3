import type { EventTables } from '@plantgraph/events';
import type { AuditEntryTable, IdempotencyKeyTable } from '@plantgraph/platform';
import type { InspectionPlanTable } from './tables/inspection-plan.ts';
import type { PlanCharacteristicTable } from './tables/plan-characteristic.ts';
import type { LotQualityTable } from './tables/lot-quality.ts';
import type { InspectionTable } from './tables/inspection.ts';
import type { InspectionResultTable } from './tables/inspection-result.ts';
import type { NonconformanceTable } from './tables/nonconformance.ts';
import type { DispositionTable } from './tables/disposition.ts';
import type { InspectionPointTable } from './tables/inspection-point.ts';
import type { LotRefTable } from './tables/lot-ref.ts';
import type { ReleasedOrderTable } from './tables/released-order.ts';

/** The quality schema. */
export type QualityDatabase = EventTables & {
  inspection_plan: InspectionPlanTable;
  plan_characteristic: PlanCharacteristicTable;
  lot_quality: LotQualityTable;
  inspection: InspectionTable;
  inspection_result: InspectionResultTable;
  nonconformance: NonconformanceTable;
  idempotency_key: IdempotencyKeyTable;
  audit_entry: AuditEntryTable;
  inspection_point: InspectionPointTable;
  lot_ref: LotRefTable;
  released_order: ReleasedOrderTable;
  disposition: DispositionTable;
};

/** The PostgreSQL schema quality's tables live in. */
export const QUALITY_SCHEMA = 'quality';
