import { sql } from 'kysely';
import type { GenealogyDb } from '../db/genealogy-db.ts';
import type { NewLotLinkRow } from '../db/tables/lot-link.ts';
import type { NewLotRow } from '../db/tables/lot.ts';

/** The lot's quantity, locked until the transaction ends. */
export function lockLotQuantity(
  db: GenealogyDb,
  lotId: string,
): Promise<{ id: string; quantity: string; uom: string } | undefined> {
  return db
    .selectFrom('lot')
    .select(['id', 'quantity', 'uom'])
    .where('id', '=', lotId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Adds `delta` (negative to take some off) to a lot's quantity unless that would leave less than
 * nothing; answers false when it would, changing nothing.
 */
export async function addToLotQuantity(
  db: GenealogyDb,
  lotId: string,
  delta: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('lot')
    .set({
      quantity: sql<string>`quantity + ${delta}::numeric`,
      revision: sql<number>`revision + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', lotId)
    .where(sql<boolean>`quantity + ${delta}::numeric >= 0`)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** Creates a lot unless one with its id exists. */
export async function createLot(db: GenealogyDb, row: NewLotRow): Promise<void> {
  await db
    .insertInto('lot')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Records links between lots, each once (by id). */
export async function linkLots(db: GenealogyDb, rows: readonly NewLotLinkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('lot_link')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
