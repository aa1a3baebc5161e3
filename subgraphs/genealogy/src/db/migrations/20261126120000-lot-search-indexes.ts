import type { Kysely } from 'kysely';

/**
 * Lot searches by date range, and the plant completeness figure (the lots a plant made in a
 * range). Traces and recalls walk `lot_link` by the initial indexes on each side.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('lot_created_idx').on('lot').column('created_at').execute();
  await db.schema
    .createIndex('lot_plant_created_idx')
    .on('lot')
    .columns(['plant_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('lot_plant_created_idx').execute();
  await db.schema.dropIndex('lot_created_idx').execute();
}
