import type { Insertable, Selectable, Updateable } from 'kysely';

export interface SupplierTable {
  id: string;
  code: string;
  name: string;
  country: string;
}

export type SupplierRow = Selectable<SupplierTable>;
export type NewSupplierRow = Insertable<SupplierTable>;
export type SupplierUpdate = Updateable<SupplierTable>;
