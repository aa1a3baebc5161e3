import type { EventTables } from '@plantgraph/events';
import type { InspectionPlanTable } from './tables/inspection-plan.ts';
import type { PlanCharacteristicTable } from './tables/plan-characteristic.ts';
import type { LotQualityTable } from './tables/lot-quality.ts';
import type { InspectionTable } from './tables/inspection.ts';
import type { InspectionResultTable } from './tables/inspection-result.ts';
import type { NonconformanceTable } from './tables/nonconformance.ts';

/** The quality schema. */
export type QualityDatabase = EventTables & {
  inspection_plan: InspectionPlanTable;
  plan_characteristic: PlanCharacteristicTable;
  lot_quality: LotQualityTable;
  inspection: InspectionTable;
  inspection_result: InspectionResultTable;
  nonconformance: NonconformanceTable;
};

/** The PostgreSQL schema quality's tables live in. */
export const QUALITY_SCHEMA = 'quality';
