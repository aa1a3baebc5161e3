import type { MigrationIndex } from '@plantgraph/platform';
import * as initial from './20261126000000-initial.ts';
import * as eventTables from './20261126110000-event-tables.ts';
import * as idempotency from './20261126113000-idempotency.ts';
import * as audit from './20261126113100-audit.ts';
import * as qualityReadModels from './20261126113200-quality-read-models.ts';
import * as goodsMovements from './20261126113300-goods-movements.ts';
import * as shipments from './20261126120000-shipments.ts';
import * as eventConsumptionTrail from './20261126150000-event-consumption-trail.ts';
import * as orderHolds from './20261207090000-order-holds.ts';
import * as goodsMovementOrder from './20261207091000-goods-movement-order.ts';

/** Every migration of the erp schema, in order. Never edit one that has run; add a new one. */
export const migrations: MigrationIndex = {
  '20261126000000-initial': initial,
  '20261126110000-event-tables': eventTables,
  '20261126113000-idempotency': idempotency,
  '20261126113100-audit': audit,
  '20261126113200-quality-read-models': qualityReadModels,
  '20261126113300-goods-movements': goodsMovements,
  '20261126120000-shipments': shipments,
  '20261126150000-event-consumption-trail': eventConsumptionTrail,
  '20261207090000-order-holds': orderHolds,
  '20261207091000-goods-movement-order': goodsMovementOrder,
};
