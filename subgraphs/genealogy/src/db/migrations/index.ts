import type { MigrationIndex } from '@plantgraph/platform';
import * as initial from './20261126000000-initial.ts';
import * as eventTables from './20261126110000-event-tables.ts';
import * as lotSearchIndexes from './20261126120000-lot-search-indexes.ts';
import * as eventConsumptionTrail from './20261126150000-event-consumption-trail.ts';

/** Every migration of the genealogy schema, in order. Never edit one that has run; add a new one. */
export const migrations: MigrationIndex = {
  '20261126000000-initial': initial,
  '20261126110000-event-tables': eventTables,
  '20261126120000-lot-search-indexes': lotSearchIndexes,
  '20261126150000-event-consumption-trail': eventConsumptionTrail,
};
