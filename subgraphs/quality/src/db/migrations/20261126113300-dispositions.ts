import { sql, type Kysely } from 'kysely';

/** The schema this migration runs in (the quality subgraph's). */
const SCHEMA = 'quality';

/**
 * Dispositions of lots and nonconformances (what was decided, why, by whom), and the numbers
 * quality gives the inspections and nonconformances it opens. Sequences start above any number
 * the mirrored QMS used (six digits), so the two never meet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('disposition')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) =>
      c.notNull().check(sql`subject_type in ('LOT','NONCONFORMANCE')`),
    )
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`disposition in ('RELEASE','HOLD','REJECT','USE_AS_IS','REWORK','SCRAP','RETURN_TO_SUPPLIER')`,
        ),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .execute();
  // The history of one lot or nonconformance.
  await db.schema
    .createIndex('disposition_subject_idx')
    .on('disposition')
    .columns(['subject_type', 'subject_id', 'decided_at'])
    .execute();
  // Raw SQL is not scoped by withSchema: the sequences are named with their schema.
  await sql`create sequence ${sql.id(SCHEMA, 'inspection_number_seq')} start with 1000001`.execute(
    db,
  );
  await sql`create sequence ${sql.id(SCHEMA, 'nonconformance_number_seq')} start with 1000001`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop sequence ${sql.id(SCHEMA, 'nonconformance_number_seq')}`.execute(db);
  await sql`drop sequence ${sql.id(SCHEMA, 'inspection_number_seq')}`.execute(db);
  await db.schema.dropTable('disposition').execute();
}
