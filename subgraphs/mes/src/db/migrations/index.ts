import type { MigrationIndex } from '@plantgraph/platform';
import * as initial from './20261126000000-initial.ts';
import * as eventTables from './20261126110000-event-tables.ts';

/** Every migration of the mes schema, in order. Never edit one that has run; add a new one. */
export const migrations: MigrationIndex = {
  '20261126000000-initial': initial,
  '20261126110000-event-tables': eventTables,
};
