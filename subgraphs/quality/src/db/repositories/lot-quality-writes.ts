import type { QualityDb } from '../quality-db.ts';
import type { LotQualityRow } from '../tables/lot-quality.ts';

/** The lot's quality record, locked until the transaction ends. */
export function lockLotQuality(db: QualityDb, lotId: string): Promise<LotQualityRow | undefined> {
  return db
    .selectFrom('lot_quality')
    .selectAll()
    .where('lot_id', '=', lotId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Sets a lot's quality status (the first record of a lot starts at revision 1, each change adds
 * one); answers the record after the change.
 */
export function setLotStatus(
  db: QualityDb,
  lotId: string,
  current: Pick<LotQualityRow, 'revision'> | undefined,
  change: { readonly status: LotQualityRow['status']; readonly reason: string; readonly at: Date },
): Promise<LotQualityRow> {
  if (current === undefined) {
    return db
      .insertInto('lot_quality')
      .values({
        lot_id: lotId,
        status: change.status,
        reason: change.reason,
        changed_at: change.at,
        revision: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return db
    .updateTable('lot_quality')
    .set({
      status: change.status,
      reason: change.reason,
      changed_at: change.at,
      revision: current.revision + 1,
    })
    .where('lot_id', '=', lotId)
    .where('revision', '=', current.revision)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records the status a lot starts in, unless quality holds one already. */
export async function recordInitialLotStatus(
  db: QualityDb,
  lotId: string,
  status: LotQualityRow['status'],
  reason: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('lot_quality')
    .values({ lot_id: lotId, status, reason, changed_at: at, revision: 1 })
    .onConflict((oc) => oc.column('lot_id').doNothing())
    .execute();
}
