import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface CustomerTable {
  id: string;
  code: string;
  name: string;
  country: string;
  revision: Generated<number>;
  source_key: string;
  updated_at: Generated<Date>;
}

export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomerRow = Insertable<CustomerTable>;
export type CustomerUpdate = Updateable<CustomerTable>;
