import { JsonReader, type Quantity, type UnitConversion } from '@plantgraph/platform';

/** One operation of a released order, as erp handed it over. */
export interface ReleasedOperation {
  readonly id: string;
  readonly sequence: number;
  readonly operationCode: string;
  readonly description: string;
  readonly workCenter: string;
  readonly requiresInspection: boolean;
  readonly plannedQuantity: Quantity;
}

/** A BOM line of a released order, in the component's base unit. */
export interface ReleasedComponent {
  readonly lineNumber: number;
  readonly itemId: string;
  readonly itemNumber: string;
  readonly baseUom: string;
  readonly quantityPerBase: string;
  readonly requiredQuantity: string;
  readonly conversions: readonly UnitConversion[];
}

/** What the MES takes from `order.released`: the order, its operations and its components. */
export interface ReleasedOrder {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly plantId: string;
  readonly itemId: string;
  readonly itemNumber: string;
  readonly plannedQuantity: Quantity;
  readonly releasedAt: Date;
  readonly itemRevisionId: string;
  readonly bomId: string;
  readonly routingId: string;
  readonly finalInspection: boolean;
  readonly operations: readonly ReleasedOperation[];
  readonly components: readonly ReleasedComponent[];
}

function quantity(reader: JsonReader, name: string): Quantity {
  const q = reader.object(name);
  return { value: q.decimal('value'), uom: q.string('uom') };
}

/** Reads the fields the MES uses from an `order.released` payload (throws on a malformed one). */
export function readReleasedOrder(data: unknown): ReleasedOrder {
  const r = new JsonReader(data);
  return {
    orderId: r.string('orderId'),
    orderNumber: r.string('orderNumber'),
    plantId: r.string('plantId'),
    itemId: r.string('itemId'),
    itemNumber: r.string('itemNumber'),
    plannedQuantity: quantity(r, 'plannedQuantity'),
    releasedAt: r.instant('releasedAt'),
    itemRevisionId: r.object('itemRevision').string('id'),
    bomId: r.object('bom').string('id'),
    routingId: r.object('routing').string('id'),
    finalInspection: r.boolean('finalInspection'),
    operations: r.list('operations').map((op) => ({
      id: op.string('id'),
      sequence: op.integer('sequence'),
      operationCode: op.string('operationCode'),
      description: op.string('description'),
      workCenter: op.string('workCenter'),
      requiresInspection: op.boolean('requiresInspection'),
      plannedQuantity: quantity(op, 'plannedQuantity'),
    })),
    components: r.list('components').map((c) => ({
      lineNumber: c.integer('lineNumber'),
      itemId: c.string('itemId'),
      itemNumber: c.string('itemNumber'),
      baseUom: c.string('baseUom'),
      quantityPerBase: c.object('quantityPerBase').decimal('value'),
      requiredQuantity: c.object('requiredQuantity').decimal('value'),
      conversions: c.list('conversions').map((u) => ({
        fromUom: u.string('fromUom'),
        toUom: u.string('toUom'),
        factor: u.decimal('factor'),
      })),
    })),
  };
}
