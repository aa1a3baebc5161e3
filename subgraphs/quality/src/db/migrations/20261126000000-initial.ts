import { sql, type Kysely } from 'kysely';

/** Inspection plans (effective-dated, per item revision), inspections, lot quality status, nonconformances. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inspection_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
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
    .addUniqueConstraint('inspection_plan_number_revision_key', ['number', 'revision'])
    .addCheckConstraint(
      'inspection_plan_range_check',
      sql`effective_to is null or effective_to > effective_from`,
    )
    .execute();
  await db.schema
    .createIndex('inspection_plan_item_idx')
    .on('inspection_plan')
    .columns(['item_id', 'type'])
    .execute();

  await db.schema
    .createTable('plan_characteristic')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('inspection_plan.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('lower_limit', 'numeric')
    .addColumn('upper_limit', 'numeric')
    .addColumn('target', 'numeric')
    .addPrimaryKeyConstraint('plan_characteristic_pkey', ['plan_id', 'code'])
    .addCheckConstraint(
      'plan_characteristic_limits_check',
      sql`lower_limit is null or upper_limit is null or lower_limit <= upper_limit`,
    )
    .execute();

  await db.schema
    .createTable('lot_quality')
    // The lot id is genealogy's; quality owns the lot's quality status.
    .addColumn('lot_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('RELEASED','QUARANTINE','ON_HOLD','REJECTED')`),
    )
    .addColumn('reason', 'text')
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Dashboards list the lots on hold.
  await db.schema
    .createIndex('lot_quality_status_idx')
    .on('lot_quality')
    .column('status')
    .execute();

  await db.schema
    .createTable('inspection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('lot_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('operation_id', 'text')
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('RECEIVING','IN_PROCESS','FINAL')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('PLANNED','IN_PROGRESS','PASSED','FAILED')`),
    )
    .addColumn('plan_id', 'text', (c) => c.notNull().references('inspection_plan.id'))
    .addColumn('inspected_at', 'timestamptz')
    .addColumn('inspector', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('inspection_lot_idx').on('inspection').column('lot_id').execute();
  await db.schema.createIndex('inspection_order_idx').on('inspection').column('order_id').execute();
  // Newest-first listings.
  await db.schema
    .createIndex('inspection_created_idx')
    .on('inspection')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('inspection_result')
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspection.id'))
    .addColumn('characteristic_code', 'text', (c) => c.notNull())
    .addColumn('measured', 'numeric', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('PASS','FAIL')`))
    .addPrimaryKeyConstraint('inspection_result_pkey', ['inspection_id', 'characteristic_code'])
    .execute();

  await db.schema
    .createTable('nonconformance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('lot_id', 'text', (c) => c.notNull())
    .addColumn('inspection_id', 'text', (c) => c.references('inspection.id'))
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql`severity in ('MINOR','MAJOR','CRITICAL')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('OPEN','DISPOSITIONED','CLOSED')`),
    )
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text', (c) =>
      c.check(sql`disposition in ('USE_AS_IS','REWORK','SCRAP','RETURN_TO_SUPPLIER')`),
    )
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('nonconformance_lot_idx')
    .on('nonconformance')
    .column('lot_id')
    .execute();
  await db.schema
    .createIndex('nonconformance_inspection_idx')
    .on('nonconformance')
    .column('inspection_id')
    .execute();
  await db.schema
    .createIndex('nonconformance_raised_idx')
    .on('nonconformance')
    .columns(['raised_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'nonconformance',
    'inspection_result',
    'inspection',
    'lot_quality',
    'plan_characteristic',
    'inspection_plan',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
