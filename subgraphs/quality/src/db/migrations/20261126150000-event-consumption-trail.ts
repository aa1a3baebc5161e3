import type { Kysely } from 'kysely';
import { addConsumptionTrail, dropConsumptionTrail } from '@plantgraph/events';

/** What the correlation trail shows of each consumed event (type, correlation id, outcome). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addConsumptionTrail(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropConsumptionTrail(db);
}
