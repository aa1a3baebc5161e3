import type { QualityDb } from '../quality-db.ts';
import type { NewDispositionRow } from '../tables/disposition.ts';

export async function insertDisposition(db: QualityDb, row: NewDispositionRow): Promise<void> {
  await db.insertInto('disposition').values(row).execute();
}
