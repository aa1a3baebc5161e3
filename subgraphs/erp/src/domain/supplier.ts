import type { SupplierRow } from '../db/tables/supplier.ts';

export interface Supplier {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly country: string;
}

export function rowToSupplier(row: SupplierRow): Supplier {
  return { id: row.id, code: row.code, name: row.name, country: row.country };
}
