import type { Insertable, Selectable } from 'kysely';

/** Output an order reported: good and scrap quantity, into a produced lot. */
export interface CompletionTable {
  id: string;
  order_id: string;
  lot_id: string | null;
  good_quantity: string;
  scrap_quantity: string;
  uom: string;
  final: boolean;
  completed_at: Date;
  recorded_at: Date;
}

export type CompletionRow = Selectable<CompletionTable>;
export type NewCompletionRow = Insertable<CompletionTable>;
