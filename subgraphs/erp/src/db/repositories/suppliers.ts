import type { ErpDb } from '../erp-db.ts';
import type { SupplierRow } from '../tables/supplier.ts';

export function listSuppliers(db: ErpDb): Promise<SupplierRow[]> {
  return db.selectFrom('supplier').selectAll().orderBy('code').execute();
}

export function findSuppliersByIds(db: ErpDb, ids: readonly string[]): Promise<SupplierRow[]> {
  return db.selectFrom('supplier').selectAll().where('id', 'in', ids).execute();
}
