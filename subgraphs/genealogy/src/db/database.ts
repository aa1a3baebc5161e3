import type { EventTables } from '@plantgraph/events';
import type { LotTable } from './tables/lot.ts';
import type { LotLinkTable } from './tables/lot-link.ts';

/** The genealogy schema. */
export type GenealogyDatabase = EventTables & {
  lot: LotTable;
  lot_link: LotLinkTable;
};

/** The PostgreSQL schema genealogy's tables live in. */
export const GENEALOGY_SCHEMA = 'genealogy';
