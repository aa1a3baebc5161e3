import type { Decimal } from 'decimal.js';
import type { ProductionOrderRow } from '../../../subgraphs/erp/src/db/tables/production-order.ts';
import type { ExecutionRow } from '../../../subgraphs/mes/src/db/tables/execution.ts';
import type { OperationRow } from '../../../subgraphs/mes/src/db/tables/operation.ts';
import type { InspectionRow } from '../../../subgraphs/quality/src/db/tables/inspection.ts';
import type { LotQualityRow } from '../../../subgraphs/quality/src/db/tables/lot-quality.ts';
import type { NonconformanceRow } from '../../../subgraphs/quality/src/db/tables/nonconformance.ts';
import type {
  CharacteristicDef,
  ItemDef,
  PlantDef,
  RevisionDef,
  StepDef,
  SupplierDef,
} from './catalog-types.ts';
import type { PlanVersion } from './inspection-plans.ts';
import type { Verdict } from './measurements.ts';

/**
 * What the demo generator builds before it writes rows. Records refer to each other directly;
 * ids and business numbers are given once everything exists, in chronological order.
 */
export interface Sequenced {
  /** Position in creation order; breaks ties between equal timestamps. */
  readonly index: number;
  /** Running number, given at the end. */
  seq: number;
}

export type OrderStatus = ProductionOrderRow['status'];

export interface SimOperation {
  readonly step: StepDef;
  readonly sequence: number;
  status: OperationRow['status'];
  readonly planned: number;
  good: number;
  scrap: number;
  startedAt: number | null;
  completedAt: number | null;
  revision: number;
}

export interface SimExecution {
  status: ExecutionRow['status'];
  startedAt: number | null;
  completedAt: number | null;
  good: number;
  scrap: number;
  revision: number;
}

export interface SimOrder extends Sequenced {
  readonly item: ItemDef;
  readonly plant: PlantDef;
  readonly quantity: number;
  status: OrderStatus;
  readonly createdAt: number;
  readonly dueDate: number;
  releasedAt: number | null;
  /** The item revision in effect at release; null when never released. */
  pinned: RevisionDef | null;
  operations: SimOperation[];
  execution: SimExecution | null;
  lastChangeAt: number;
  revision: number;
  /** Component numbers whose consumption the shop floor never reported (seeded gaps). */
  readonly unreportedComponents: readonly string[];
}

export type QualityStatus = LotQualityRow['status'];

export interface LotQuality {
  status: QualityStatus;
  reason: string;
  /** The nonconformance the reason refers to; its number is appended when rows are written. */
  nonconformance: SimNonconformance | null;
  changedAt: number;
  revision: number;
}

export interface SimLot extends Sequenced {
  readonly item: ItemDef;
  readonly plant: PlantDef;
  readonly quantity: Decimal;
  remaining: Decimal;
  readonly origin: 'PURCHASED' | 'PRODUCED';
  readonly order: SimOrder | null;
  readonly createdAt: number;
  /** When the lot may be consumed; null while it is blocked or unfinished. */
  availableAt: number | null;
  readonly supplier: SupplierDef | null;
  readonly supplierLotNumber: string | null;
  readonly manufacturedOn: number;
  readonly expiresOn: number | null;
  /** Work in progress: its order has not finished it yet. */
  readonly wip: boolean;
  /** Finished goods leave stock when shipped. */
  shippedAt: number | null;
  movements: number;
  lastMovementAt: number;
  quality: LotQuality;
}

export interface SimLink extends Sequenced {
  readonly parent: SimLot;
  readonly child: SimLot;
  readonly quantity: Decimal;
  readonly order: SimOrder;
  readonly linkedAt: number;
}

export interface SimResult {
  readonly characteristic: CharacteristicDef;
  readonly measured: string;
  readonly verdict: Verdict;
}

export interface SimInspection extends Sequenced {
  readonly lot: SimLot;
  readonly order: SimOrder | null;
  readonly operation: SimOperation | null;
  readonly type: InspectionRow['type'];
  readonly status: InspectionRow['status'];
  readonly plan: PlanVersion;
  readonly createdAt: number;
  readonly inspectedAt: number | null;
  readonly inspector: string | null;
  readonly results: readonly SimResult[];
}

export interface SimNonconformance extends Sequenced {
  readonly lot: SimLot;
  readonly inspection: SimInspection;
  readonly severity: NonconformanceRow['severity'];
  readonly status: NonconformanceRow['status'];
  readonly description: string;
  readonly disposition: NonconformanceRow['disposition'];
  readonly raisedAt: number;
  readonly lastChangeAt: number;
  readonly revision: number;
}
