import type { CustomerRow } from '../db/tables/customer.ts';

/** A customer ERP ships finished goods to. */
export interface Customer {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly revision: number;
  readonly sourceKey: string;
  readonly updatedAt: Date;
}

export function rowToCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    country: row.country,
    revision: row.revision,
    sourceKey: row.source_key,
    updatedAt: row.updated_at,
  };
}
