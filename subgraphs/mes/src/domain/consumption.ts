import { Decimal } from 'decimal.js';
import {
  convertQuantity,
  ruleBroken,
  UnitConversionError,
  type MutationError,
  type Quantity,
} from '@plantgraph/platform';
import type { Execution } from './execution.ts';
import type { ItemUnit } from './item-unit.ts';
import { BLOCKING_STATUSES, type LotStock } from './lot-stock.ts';

/** Why a consumption was refused: one code per rule. */
export type ConsumptionErrorCode =
  | 'ORDER_NOT_RELEASED'
  | 'EXECUTION_COMPLETED'
  | 'LOT_NOT_FOUND'
  | 'ITEM_NOT_ON_BOM'
  | 'UNIT_NOT_CONVERTIBLE'
  | 'QUANTITY_NOT_POSITIVE'
  | 'QUANTITY_EXCEEDS_LOT'
  | 'LOT_NOT_AVAILABLE'
  | 'TIMESTAMP_BEFORE_RELEASE';

type ConsumptionError = MutationError<ConsumptionErrorCode>;

/** What the checks read about the order and the lot. */
export interface ConsumptionFacts {
  readonly execution: Execution;
  readonly releasedAt: Date;
  readonly lot: LotStock;
  /** Item ids of the components on the order's pinned BOM revision. */
  readonly componentItemIds: ReadonlySet<string>;
  /** The lot item's unit data; null when the MES has none. */
  readonly unit: ItemUnit | null;
}

/**
 * Checks a consumption: the order's execution is open, the lot's item is a component of the pinned
 * BOM, the unit converts to the item's base unit (decimal arithmetic, the item's conversions), the
 * quantity is positive and within what the lot holds, and the lot is not on hold, in quarantine or
 * rejected. Answers the quantity in the base unit.
 */
export function checkConsumption(
  quantity: Quantity,
  consumedAt: Date,
  facts: ConsumptionFacts,
): { readonly errors: ConsumptionError[]; readonly baseQuantity: Quantity | null } {
  const { lot } = facts;
  const errors: ConsumptionError[] = [];
  if (facts.execution.status === 'COMPLETED') {
    errors.push(
      ruleBroken(
        'EXECUTION_COMPLETED',
        'orderNumber',
        'the order was completed on the shop floor; it consumes nothing more',
      ),
    );
  }
  if (consumedAt.getTime() < facts.releasedAt.getTime()) {
    errors.push(
      ruleBroken(
        'TIMESTAMP_BEFORE_RELEASE',
        'consumedAt',
        `${consumedAt.toISOString()} is before the order's release at ${facts.releasedAt.toISOString()}`,
      ),
    );
  }
  if (lot.itemId === null || !facts.componentItemIds.has(lot.itemId)) {
    errors.push(
      ruleBroken(
        'ITEM_NOT_ON_BOM',
        'lotNumber',
        `the item of lot ${lot.lotNumber ?? lot.lotId} is not a component of the order's BOM`,
      ),
    );
  }
  if (lot.qualityStatus !== null && BLOCKING_STATUSES.includes(lot.qualityStatus)) {
    errors.push(
      ruleBroken(
        'LOT_NOT_AVAILABLE',
        'lotNumber',
        `lot ${lot.lotNumber ?? lot.lotId} is ${lot.qualityStatus}`,
      ),
    );
  }
  if (!new Decimal(quantity.value).gt(0)) {
    errors.push(
      ruleBroken('QUANTITY_NOT_POSITIVE', 'quantity.value', `a consumption is more than zero`),
    );
    return { errors, baseQuantity: null };
  }
  if (facts.unit === null) {
    errors.push(
      ruleBroken(
        'UNIT_NOT_CONVERTIBLE',
        'quantity.uom',
        `the MES holds no unit data for the item of lot ${lot.lotNumber ?? lot.lotId}`,
      ),
    );
    return { errors, baseQuantity: null };
  }
  let base: Quantity;
  try {
    base = convertQuantity(quantity, facts.unit.baseUom, facts.unit.conversions);
  } catch (error) {
    if (!(error instanceof UnitConversionError)) throw error;
    errors.push(
      ruleBroken(
        'UNIT_NOT_CONVERTIBLE',
        'quantity.uom',
        `${quantity.uom} does not convert to ${facts.unit.baseUom}, the base unit of the lot's item`,
      ),
    );
    return { errors, baseQuantity: null };
  }
  const available = lot.available ?? { value: '0', uom: facts.unit.baseUom };
  if (new Decimal(base.value).gt(available.value)) {
    errors.push(
      ruleBroken(
        'QUANTITY_EXCEEDS_LOT',
        'quantity.value',
        `${base.value} ${base.uom} is more than the ${available.value} ${available.uom} lot ${lot.lotNumber ?? lot.lotId} holds`,
      ),
    );
  }
  return { errors, baseQuantity: base };
}

/** The answer to a consumption (a repeat answers the same). */
export type ConsumptionAnswer = {
  readonly consumptionId: string;
  readonly orderId: string;
  readonly orderNumber: string;
  readonly lotId: string;
  readonly lotNumber: string;
  readonly itemId: string;
  /** In the item's base unit. */
  readonly quantity: { readonly value: string; readonly uom: string };
  readonly enteredQuantity: { readonly value: string; readonly uom: string };
  /** What the lot holds after the consumption. */
  readonly lotRemaining: { readonly value: string; readonly uom: string };
  readonly consumedAt: string;
  readonly correlationId: string;
  readonly eventId: string;
};
