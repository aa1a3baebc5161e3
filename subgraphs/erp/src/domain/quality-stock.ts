import { Decimal } from 'decimal.js';
import type { LotViewRow } from '../db/tables/lot-view.ts';

export type LotQualityStatus = NonNullable<LotViewRow['quality_status']>;

/** A lot's stock in ERP: usable (unrestricted), and blocked while the lot is not released. */
export interface QualityStock {
  readonly unrestricted: string;
  readonly restricted: string;
}

/** Only a RELEASED lot's stock may be used; a lot ERP knows no status of counts as released. */
export function isUsable(status: LotQualityStatus | null): boolean {
  return status === null || status === 'RELEASED';
}

/** Where a receipt of `quantity` goes for a lot in `status`. */
export function receive(
  stock: QualityStock,
  status: LotQualityStatus | null,
  quantity: string,
): QualityStock {
  return isUsable(status)
    ? { ...stock, unrestricted: new Decimal(stock.unrestricted).add(quantity).toString() }
    : { ...stock, restricted: new Decimal(stock.restricted).add(quantity).toString() };
}

/**
 * The stock after a lot's quality status changed: released stock becomes blocked when the lot is
 * held, quarantined or rejected, and blocked stock becomes usable when it is released.
 */
export function restock(
  stock: QualityStock,
  previous: LotQualityStatus | null,
  next: LotQualityStatus,
): QualityStock {
  const wasUsable = isUsable(previous);
  const usable = isUsable(next);
  if (wasUsable === usable) return stock;
  const total = new Decimal(stock.unrestricted).add(stock.restricted).toString();
  return usable
    ? { unrestricted: total, restricted: '0' }
    : { unrestricted: '0', restricted: total };
}
