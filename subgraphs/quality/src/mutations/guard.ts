import { sourceOf } from '@plantgraph/events';
import { idempotencyGuard } from '@plantgraph/platform';
import { QUALITY_SCHEMA } from '../db/database.ts';
import type { QualityDb } from '../db/quality-db.ts';

/** Runs quality's mutations under their idempotency keys. */
export const idempotent = idempotencyGuard((db: QualityDb) => db);

/** Where quality's events say they come from. */
export const QUALITY_SOURCE = sourceOf(QUALITY_SCHEMA);
