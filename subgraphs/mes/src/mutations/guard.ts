import { sourceOf } from '@plantgraph/events';
import { idempotencyGuard } from '@plantgraph/platform';
import { MES_SCHEMA } from '../db/database.ts';
import type { MesDb } from '../db/mes-db.ts';

/** Runs mes's mutations under their idempotency keys. */
export const idempotent = idempotencyGuard((db: MesDb) => db);

/** Where mes's events say they come from. */
export const MES_SOURCE = sourceOf(MES_SCHEMA);
