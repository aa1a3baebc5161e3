import type { MigrationIndex } from '@plantgraph/platform';
import * as initial from './20261126000000-initial.ts';
import * as eventTables from './20261126110000-event-tables.ts';
import * as idempotency from './20261126113000-idempotency.ts';
import * as audit from './20261126113100-audit.ts';
import * as readModels from './20261126113200-read-models.ts';
import * as dispositions from './20261126113300-dispositions.ts';
import * as eventConsumptionTrail from './20261126150000-event-consumption-trail.ts';
import * as inProcessInspections from './20261207100000-in-process-inspections.ts';
import * as planRevisions from './20261207110000-plan-revisions.ts';

/** Every migration of the quality schema, in order. Never edit one that has run; add a new one. */
export const migrations: MigrationIndex = {
  '20261126000000-initial': initial,
  '20261126110000-event-tables': eventTables,
  '20261126113000-idempotency': idempotency,
  '20261126113100-audit': audit,
  '20261126113200-read-models': readModels,
  '20261126113300-dispositions': dispositions,
  '20261126150000-event-consumption-trail': eventConsumptionTrail,
  '20261207100000-in-process-inspections': inProcessInspections,
  '20261207110000-plan-revisions': planRevisions,
};
