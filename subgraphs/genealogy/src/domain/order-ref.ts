import type { OrderSpec } from './completeness.ts';

/**
 * An erp order as genealogy sees it: its key, and what ERP says it should consume when the
 * gateway passed that along (for the fields that @require it).
 */
export interface OrderRef {
  readonly id: string;
  readonly spec?: OrderSpec;
}
