import type { Quantity } from '@plantgraph/platform';
import type { ItemTracking, OrderSpec, OrderStatus } from '../domain/completeness.ts';

/**
 * The fields of an Order that genealogy's checks @require from ERP, as the gateway passes them
 * in the order's representation (absent when no field that needs them was asked for).
 */
export interface ErpOrderFields {
  readonly id?: string;
  readonly status?: OrderStatus;
  readonly plannedQuantity?: Quantity;
  readonly pinnedBom?: {
    readonly baseQuantity: Quantity;
    readonly lines: readonly {
      readonly lineNumber: number;
      readonly component: { readonly id: string; readonly tracking: ItemTracking };
      readonly quantityInBaseUnit: Quantity;
    }[];
  } | null;
}

/** What ERP says order `orderId` should consume; null when the gateway passed nothing. */
export function specFromErp(orderId: string, fields: ErpOrderFields): OrderSpec | null {
  const { status, plannedQuantity, pinnedBom } = fields;
  if (status === undefined || plannedQuantity === undefined) return null;
  return {
    orderId,
    status,
    plannedQuantity: { value: plannedQuantity.value, uom: plannedQuantity.uom },
    bom:
      pinnedBom === null || pinnedBom === undefined
        ? null
        : {
            baseQuantity: { value: pinnedBom.baseQuantity.value, uom: pinnedBom.baseQuantity.uom },
            lines: pinnedBom.lines.map((line) => ({
              lineNumber: line.lineNumber,
              componentId: line.component.id,
              tracking: line.component.tracking,
              quantityInBaseUnit: {
                value: line.quantityInBaseUnit.value,
                uom: line.quantityInBaseUnit.uom,
              },
            })),
          },
  };
}

/** The orders' ERP fields a completeness report's representation carries, if any. */
export function requiredOrders(reference: {
  readonly id: string;
  readonly orders?: readonly ErpOrderFields[];
}): readonly ErpOrderFields[] | undefined {
  return reference.orders;
}
