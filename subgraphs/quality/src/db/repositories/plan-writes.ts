import { sql } from 'kysely';
import { QUALITY_SCHEMA } from '../database.ts';
import type { QualityDb } from '../quality-db.ts';
import type { InspectionPlanRow, NewInspectionPlanRow } from '../tables/inspection-plan.ts';
import type { NewPlanCharacteristicRow } from '../tables/plan-characteristic.ts';

/**
 * Serialises the changes to the plans of one item and inspection type until the transaction ends:
 * two drafts at once would otherwise take the same revision label, or two plan numbers.
 */
export async function lockPlansOfItem(
  db: QualityDb,
  itemId: string,
  type: InspectionPlanRow['type'],
): Promise<void> {
  const key = `${QUALITY_SCHEMA}.inspection_plan:${itemId}:${type}`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}

/** The number the item's plans of `type` carry, if it has any. */
export async function findPlanNumberOfItem(
  db: QualityDb,
  itemId: string,
  type: InspectionPlanRow['type'],
): Promise<string | null> {
  const row = await db
    .selectFrom('inspection_plan')
    .select('number')
    .where('item_id', '=', itemId)
    .where('type', '=', type)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.number ?? null;
}

/** The item quality's plans give `itemRevisionId`, if it plans any revision of it. */
export async function findItemOfRevision(
  db: QualityDb,
  itemRevisionId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('inspection_plan')
    .select('item_id')
    .where('item_revision_id', '=', itemRevisionId)
    .limit(1)
    .executeTakeFirst();
  return row?.item_id ?? null;
}

/** The revision labels of a plan number. */
export async function findRevisionLabels(db: QualityDb, number: string): Promise<string[]> {
  const rows = await db
    .selectFrom('inspection_plan')
    .select('revision')
    .where('number', '=', number)
    .execute();
  return rows.map((r) => r.revision);
}

/** The next number for a plan quality creates. */
export async function nextPlanNumber(db: QualityDb): Promise<string> {
  // Raw SQL is not scoped by withSchema: the sequence is named with its schema.
  const { rows } = await sql<{
    n: string;
  }>`select nextval(${sql.lit(`${QUALITY_SCHEMA}.plan_number_seq`)}::regclass)::text as n`.execute(
    db,
  );
  return `IP-${rows[0]?.n ?? ''}`;
}

export async function insertPlan(
  db: QualityDb,
  plan: NewInspectionPlanRow,
  characteristics: readonly NewPlanCharacteristicRow[],
): Promise<InspectionPlanRow> {
  const row = await db
    .insertInto('inspection_plan')
    .values(plan)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (characteristics.length > 0) {
    await db.insertInto('plan_characteristic').values(characteristics).execute();
  }
  return row;
}

/** The plan revision with this number and label. */
export function findPlanRevision(
  db: QualityDb,
  number: string,
  revision: string,
): Promise<InspectionPlanRow | undefined> {
  return db
    .selectFrom('inspection_plan')
    .selectAll()
    .where('number', '=', number)
    .where('revision', '=', revision)
    .executeTakeFirst();
}

/** The plan revision with this number and label, locked until the transaction ends. */
export function lockPlanRevision(
  db: QualityDb,
  number: string,
  revision: string,
): Promise<InspectionPlanRow | undefined> {
  return db
    .selectFrom('inspection_plan')
    .selectAll()
    .where('number', '=', number)
    .where('revision', '=', revision)
    .forUpdate()
    .executeTakeFirst();
}

/** True when some revision carries this plan number. */
export async function planNumberExists(db: QualityDb, number: string): Promise<boolean> {
  const row = await db
    .selectFrom('inspection_plan')
    .select('id')
    .where('number', '=', number)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every revision for the item revision and type, locked until the transaction ends. */
export function lockPlanFamily(
  db: QualityDb,
  itemRevisionId: string,
  type: InspectionPlanRow['type'],
): Promise<InspectionPlanRow[]> {
  return db
    .selectFrom('inspection_plan')
    .selectAll()
    .where('item_revision_id', '=', itemRevisionId)
    .where('type', '=', type)
    .orderBy('effective_from')
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Changes a plan revision's status and dates; its record revision goes up by one. */
export function updatePlan(
  db: QualityDb,
  plan: Pick<InspectionPlanRow, 'id' | 'record_revision'>,
  change: Partial<Pick<InspectionPlanRow, 'status' | 'effective_from' | 'effective_to'>>,
  at: Date,
): Promise<InspectionPlanRow> {
  return db
    .updateTable('inspection_plan')
    .set({ ...change, record_revision: plan.record_revision + 1, updated_at: at })
    .where('id', '=', plan.id)
    .where('record_revision', '=', plan.record_revision)
    .returningAll()
    .executeTakeFirstOrThrow();
}
