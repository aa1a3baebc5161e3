import type { ErpDb } from '../erp-db.ts';
import type { CustomerRow } from '../tables/customer.ts';

export function listCustomers(db: ErpDb): Promise<CustomerRow[]> {
  return db.selectFrom('customer').selectAll().orderBy('code').execute();
}

export function findCustomersByIds(db: ErpDb, ids: readonly string[]): Promise<CustomerRow[]> {
  return db.selectFrom('customer').selectAll().where('id', 'in', ids).execute();
}
