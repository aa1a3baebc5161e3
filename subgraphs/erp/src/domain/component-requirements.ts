import { Decimal } from 'decimal.js';
import {
  convertQuantity,
  UnitConversionError,
  type Quantity,
  type UnitConversion,
} from '@plantgraph/platform';
import type { BomLine } from './bom.ts';
import type { Item } from './item.ts';

/** What one BOM line needs for an order, in the component's base unit. */
export interface ComponentRequirement {
  readonly lineNumber: number;
  readonly itemId: string;
  readonly itemNumber: string;
  readonly baseUom: string;
  /** The line quantity in the base unit, per `baseQuantity` of the parent (the BOM's base). */
  readonly quantityPerBase: Quantity;
  /** What the whole order needs. */
  readonly required: Quantity;
  /** The component's conversions to its base unit, for the MES to convert what it reports. */
  readonly conversions: readonly UnitConversion[];
}

/** A BOM line whose unit has no conversion to its component's base unit. */
export interface UnconvertibleLine {
  readonly lineNumber: number;
  readonly itemNumber: string;
  readonly uom: string;
  readonly baseUom: string;
}

/** A component with its conversions, as the release reads it. */
export interface ComponentItem {
  readonly item: Item;
  readonly conversions: readonly UnitConversion[];
}

/**
 * What each BOM line needs for `plannedQuantity` of the parent: line quantity converted to the
 * component's base unit, scaled by planned / BOM base quantity, in decimal arithmetic.
 */
export function componentRequirements(
  lines: readonly BomLine[],
  bomBaseQuantity: Quantity,
  plannedQuantity: Quantity,
  components: ReadonlyMap<string, ComponentItem>,
): { readonly requirements: ComponentRequirement[]; readonly unconvertible: UnconvertibleLine[] } {
  const requirements: ComponentRequirement[] = [];
  const unconvertible: UnconvertibleLine[] = [];
  const scale = new Decimal(plannedQuantity.value).div(bomBaseQuantity.value);
  for (const line of lines) {
    const component = components.get(line.componentItemId);
    if (!component)
      throw new Error(`component ${line.componentItemId} of BOM ${line.bomId} is missing`);
    const { item, conversions } = component;
    let perBase: Quantity;
    try {
      perBase = convertQuantity(line.quantity, item.baseUom, conversions);
    } catch (error) {
      if (!(error instanceof UnitConversionError)) throw error;
      unconvertible.push({
        lineNumber: line.lineNumber,
        itemNumber: item.number,
        uom: line.quantity.uom,
        baseUom: item.baseUom,
      });
      continue;
    }
    requirements.push({
      lineNumber: line.lineNumber,
      itemId: item.id,
      itemNumber: item.number,
      baseUom: item.baseUom,
      quantityPerBase: perBase,
      required: { value: new Decimal(perBase.value).mul(scale).toString(), uom: item.baseUom },
      conversions,
    });
  }
  return { requirements, unconvertible };
}

/** Usable stock of a component's lots, as ERP holds it. */
export interface ComponentStock {
  readonly itemId: string;
  readonly quantity: Quantity;
}

/** A component's requirement against its usable stock in the order's plant. */
export interface ComponentAvailability {
  readonly lineNumber: number;
  readonly itemId: string;
  readonly itemNumber: string;
  readonly required: Quantity;
  readonly available: Quantity;
  /** What is missing; zero when the stock covers the requirement. */
  readonly shortfall: Quantity;
}

/**
 * Each requirement against the stock of its component (stock in other units converted to the base
 * unit). Lines of the same component draw on the same stock, in line order.
 */
export function componentAvailability(
  requirements: readonly ComponentRequirement[],
  stock: readonly ComponentStock[],
): ComponentAvailability[] {
  const left = new Map<string, Decimal>();
  for (const requirement of requirements) {
    if (left.has(requirement.itemId)) continue;
    let total = new Decimal(0);
    for (const s of stock) {
      if (s.itemId !== requirement.itemId) continue;
      total = total.add(
        convertQuantity(s.quantity, requirement.baseUom, requirement.conversions).value,
      );
    }
    left.set(requirement.itemId, total);
  }
  return requirements.map((requirement) => {
    const available = left.get(requirement.itemId) ?? new Decimal(0);
    const required = new Decimal(requirement.required.value);
    const shortfall = Decimal.max(0, required.sub(available));
    left.set(requirement.itemId, Decimal.max(0, available.sub(required)));
    return {
      lineNumber: requirement.lineNumber,
      itemId: requirement.itemId,
      itemNumber: requirement.itemNumber,
      required: requirement.required,
      available: { value: available.toString(), uom: requirement.baseUom },
      shortfall: { value: shortfall.toString(), uom: requirement.baseUom },
    };
  });
}
