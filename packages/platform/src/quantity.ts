import { Decimal } from 'decimal.js';

/** An amount in a unit of measure; `value` is a decimal string, never a float. */
export interface Quantity {
  readonly value: string;
  readonly uom: string;
}

/** `1 fromUom = factor toUom` for one item (or for every item when the item is not given). */
export interface UnitConversion {
  readonly fromUom: string;
  readonly toUom: string;
  readonly factor: string;
}

/** No conversion path from one unit to the other. */
export class UnitConversionError extends Error {
  override name = 'UnitConversionError';
  readonly fromUom: string;
  readonly toUom: string;
  constructor(fromUom: string, toUom: string) {
    super(`no conversion from ${fromUom} to ${toUom}`);
    this.fromUom = fromUom;
    this.toUom = toUom;
  }
}

/**
 * Converts `quantity` into `toUom` using the conversions given (each usable both ways), in
 * decimal arithmetic. Chains conversions when no direct one exists (e.g. BOX → EA → KG).
 */
export function convertQuantity(
  quantity: Quantity,
  toUom: string,
  conversions: readonly UnitConversion[],
): Quantity {
  if (quantity.uom === toUom) return { value: new Decimal(quantity.value).toString(), uom: toUom };
  const edges = new Map<string, { to: string; factor: Decimal }[]>();
  const addEdge = (from: string, to: string, factor: Decimal) => {
    const list = edges.get(from) ?? [];
    list.push({ to, factor });
    edges.set(from, list);
  };
  for (const c of conversions) {
    const factor = new Decimal(c.factor);
    if (factor.lte(0)) continue;
    addEdge(c.fromUom, c.toUom, factor);
    addEdge(c.toUom, c.fromUom, new Decimal(1).div(factor));
  }
  const seen = new Set([quantity.uom]);
  let frontier: { uom: string; value: Decimal }[] = [
    { uom: quantity.uom, value: new Decimal(quantity.value) },
  ];
  while (frontier.length > 0) {
    const next: { uom: string; value: Decimal }[] = [];
    for (const node of frontier) {
      for (const edge of edges.get(node.uom) ?? []) {
        if (seen.has(edge.to)) continue;
        const value = node.value.mul(edge.factor);
        if (edge.to === toUom)
          return { value: value.toSignificantDigits(28).toString(), uom: toUom };
        seen.add(edge.to);
        next.push({ uom: edge.to, value });
      }
    }
    frontier = next;
  }
  throw new UnitConversionError(quantity.uom, toUom);
}

/** Decimal sum of values. */
export function sumDecimals(values: readonly string[]): string {
  return values.reduce((total, v) => total.add(v), new Decimal(0)).toString();
}
