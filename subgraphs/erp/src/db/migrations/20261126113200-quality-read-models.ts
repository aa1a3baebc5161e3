import { sql, type Kysely } from 'kysely';

/**
 * What erp knows of quality's data, kept fresh by events: inspection plans (release checks that
 * every inspected step has an approved plan) and each lot's item and quality status (stock that
 * may not be used while a lot is not released).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inspection_plan_view')
    .addColumn('plan_id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('item_revision_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('RECEIVING','IN_PROCESS','FINAL')`),
    )
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('DRAFT','APPROVED','OBSOLETE')`),
    )
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('effective_to', 'timestamptz')
    .execute();
  // Release looks plans up by item revision.
  await db.schema
    .createIndex('inspection_plan_view_revision_idx')
    .on('inspection_plan_view')
    .column('item_revision_id')
    .execute();

  await db.schema
    .createTable('lot_view')
    .addColumn('lot_id', 'text', (c) => c.primaryKey())
    .addColumn('lot_number', 'text')
    .addColumn('item_id', 'text')
    .addColumn('quality_status', 'text', (c) =>
      c.check(sql`quality_status in ('RELEASED','QUARANTINE','ON_HOLD','REJECTED')`),
    )
    // The quality revision of the status held here: an older status event changes nothing.
    .addColumn('status_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status_changed_at', 'timestamptz')
    // Stock of the lot that may not be used until it is released (quality inspection stock).
    .addColumn('restricted_quantity', 'numeric', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`restricted_quantity >= 0`),
    )
    .execute();
  // Availability at release sums the stock of a component's lots.
  await db.schema.createIndex('lot_view_item_idx').on('lot_view').column('item_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('lot_view').execute();
  await db.schema.dropTable('inspection_plan_view').execute();
}
