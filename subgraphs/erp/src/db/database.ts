import type { EventTables } from '@plantgraph/events';
import type { AuditEntryTable, IdempotencyKeyTable } from '@plantgraph/platform';
import type { BatchTable } from './tables/batch.ts';
import type { BomLineTable } from './tables/bom-line.ts';
import type { BomTable } from './tables/bom.ts';
import type { ItemRevisionTable } from './tables/item-revision.ts';
import type { ItemTable } from './tables/item.ts';
import type { PlantTable } from './tables/plant.ts';
import type { ProductionOrderTable } from './tables/production-order.ts';
import type { RoutingStepTable } from './tables/routing-step.ts';
import type { RoutingTable } from './tables/routing.ts';
import type { SupplierTable } from './tables/supplier.ts';
import type { UnitConversionTable } from './tables/unit-conversion.ts';
import type { GoodsMovementTable } from './tables/goods-movement.ts';
import type { InspectionPlanViewTable } from './tables/inspection-plan-view.ts';
import type { LotViewTable } from './tables/lot-view.ts';
import type { CustomerTable } from './tables/customer.ts';
import type { ShipmentLineTable } from './tables/shipment-line.ts';
import type { ShipmentTable } from './tables/shipment.ts';

/** The erp schema. */
export type ErpDatabase = EventTables & {
  plant: PlantTable;
  supplier: SupplierTable;
  item: ItemTable;
  item_revision: ItemRevisionTable;
  bom: BomTable;
  bom_line: BomLineTable;
  routing: RoutingTable;
  routing_step: RoutingStepTable;
  unit_conversion: UnitConversionTable;
  production_order: ProductionOrderTable;
  batch: BatchTable;
  customer: CustomerTable;
  shipment: ShipmentTable;
  shipment_line: ShipmentLineTable;
  idempotency_key: IdempotencyKeyTable;
  audit_entry: AuditEntryTable;
  goods_movement: GoodsMovementTable;
  inspection_plan_view: InspectionPlanViewTable;
  lot_view: LotViewTable;
};

/** The PostgreSQL schema erp's tables live in. */
export const ERP_SCHEMA = 'erp';
