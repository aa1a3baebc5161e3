import { sql } from 'kysely';
import type { MesDb } from '../mes-db.ts';
import type { LotStockRow, NewLotStockRow } from '../tables/lot-stock.ts';

/**
 * Takes the lot number until the transaction ends: a completion that names a new lot waits
 * here for another one naming the same number, then finds the lot that one created.
 */
export async function lockLotNumber(db: MesDb, lotNumber: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`mes.lot-number:${lotNumber}`}, 0))`.execute(
    db,
  );
}

/** The lot with this number, locked until the transaction ends. */
export function lockLotByNumber(db: MesDb, lotNumber: string): Promise<LotStockRow | undefined> {
  return db
    .selectFrom('lot_stock')
    .selectAll()
    .where('lot_number', '=', lotNumber)
    .forUpdate()
    .executeTakeFirst();
}

/** Sets what a lot holds; its revision goes up by one. */
export function setLotQuantity(
  db: MesDb,
  lot: Pick<LotStockRow, 'lot_id' | 'revision'>,
  availableQuantity: string,
): Promise<LotStockRow> {
  return db
    .updateTable('lot_stock')
    .set({
      available_quantity: availableQuantity,
      revision: lot.revision + 1,
      updated_at: new Date(),
    })
    .where('lot_id', '=', lot.lot_id)
    .where('revision', '=', lot.revision)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records a lot the MES produced. */
export async function insertLot(db: MesDb, row: NewLotStockRow): Promise<void> {
  await db.insertInto('lot_stock').values(row).execute();
}

/**
 * Records a lot's quality status unless a newer one is already held (`version` is quality's
 * revision of the status). A lot the MES does not know yet is recorded with its status only.
 */
export async function applyLotStatus(
  db: MesDb,
  status: {
    readonly lotId: string;
    readonly status: NonNullable<LotStockRow['quality_status']>;
    readonly version: number;
  },
): Promise<void> {
  await db
    .insertInto('lot_stock')
    .values({ lot_id: status.lotId, quality_status: status.status, status_version: status.version })
    .onConflict((oc) =>
      oc
        .column('lot_id')
        .doUpdateSet({
          quality_status: status.status,
          status_version: status.version,
          updated_at: new Date(),
        })
        .where('lot_stock.status_version', '<', status.version),
    )
    .execute();
}
