import { sourceOf } from '@plantgraph/events';
import { idempotencyGuard } from '@plantgraph/platform';
import { ERP_SCHEMA } from '../db/database.ts';
import type { ErpDb } from '../db/erp-db.ts';

/** Runs erp's mutations under their idempotency keys. */
export const idempotent = idempotencyGuard((db: ErpDb) => db);

/** Where erp's events say they come from. */
export const ERP_SOURCE = sourceOf(ERP_SCHEMA);
