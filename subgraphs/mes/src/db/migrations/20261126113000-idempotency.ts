import type { Kysely } from 'kysely';
import { createIdempotencyTable, dropIdempotencyTable } from '@plantgraph/platform';

/** Idempotency keys of mes's mutations, with the first answer each got. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createIdempotencyTable(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropIdempotencyTable(db);
}
