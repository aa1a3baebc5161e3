import { sql, type Kysely } from 'kysely';

/** The schema this migration runs in (the quality subgraph's). */
const SCHEMA = 'quality';

/**
 * Inspection plans managed through quality's mutations: a version of each plan revision record for
 * optimistic concurrency (its `revision` column is the plan revision label, "1", "2", ...), when it
 * last changed, and the numbers quality gives new plans.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('inspection_plan')
    .addColumn('record_revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Approval looks up the other revisions of the same item revision and type.
  await db.schema
    .createIndex('inspection_plan_family_idx')
    .on('inspection_plan')
    .columns(['item_revision_id', 'type'])
    .execute();
  // Above any number the mirrored QMS used, like the inspection and nonconformance numbers.
  await sql`create sequence ${sql.id(SCHEMA, 'plan_number_seq')} start with 1000001`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop sequence ${sql.id(SCHEMA, 'plan_number_seq')}`.execute(db);
  await db.schema.dropIndex('inspection_plan_family_idx').execute();
  await db.schema
    .alterTable('inspection_plan')
    .dropColumn('updated_at')
    .dropColumn('record_revision')
    .execute();
}
