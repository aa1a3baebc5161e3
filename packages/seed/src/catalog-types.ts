import type { InspectionPlanRow } from '../../../subgraphs/quality/src/db/tables/inspection-plan.ts';
import type { ItemRow } from '../../../subgraphs/erp/src/db/tables/item.ts';
import type { ItemRevisionRow } from '../../../subgraphs/erp/src/db/tables/item-revision.ts';

/** A plant and the people who inspect there. */
export interface PlantDef {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly timezone: string;
  readonly inspectors: readonly string[];
}

export interface SupplierDef {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly country: string;
  /** How this supplier writes its own lot numbers: a prefix before a running number. */
  readonly lotPrefix: string;
}

/** One measured characteristic of an inspection plan, with the process that produces its values. */
export interface CharacteristicDef {
  readonly code: string;
  readonly name: string;
  readonly uom: string;
  readonly lower: string | null;
  readonly upper: string | null;
  readonly target: string | null;
  /** Decimal places measured values are written with. */
  readonly decimals: number;
  /** Mean of the measured values; the target, or the middle of the limits, when not given. */
  readonly mean?: number;
  /** Spread of the measured values (one standard deviation). */
  readonly sd: number;
}

export type InspectionType = InspectionPlanRow['type'];

/** The inspection plans of one type an item carries, for each of its engineering revisions. */
export interface InspectionSpec {
  readonly type: InspectionType;
  readonly characteristics: readonly CharacteristicDef[];
  /** Characteristics of a given item revision, where they differ from the default. */
  readonly byRevision?: Readonly<Record<string, readonly CharacteristicDef[]>>;
  /** A plan revision that starts within an item revision (a tightened spec, say). */
  readonly change?: {
    readonly itemRevision: string;
    readonly from: string;
    readonly characteristics: readonly CharacteristicDef[];
  };
}

export interface BomLineDef {
  /** The component's item number. */
  readonly component: string;
  readonly quantity: string;
  readonly uom: string;
}

export interface BomDef {
  /** Quantity of the parent (in its base unit) the line quantities make. */
  readonly baseQuantity: string;
  readonly lines: readonly BomLineDef[];
}

export interface StepDef {
  readonly code: string;
  readonly description: string;
  readonly workCenter: string;
  readonly minutes: string;
  /** The inspection this step records on the lot, if any. */
  readonly inspection?: 'IN_PROCESS' | 'FINAL';
}

export interface RevisionDef {
  readonly revision: string;
  readonly changeNumber: string;
  readonly status: ItemRevisionRow['status'];
  readonly effectiveFrom: number;
  readonly effectiveTo: number | null;
  readonly bom: BomDef | null;
  readonly routing: readonly StepDef[] | null;
}

export interface PurchaseDef {
  readonly supplierId: string;
  /** Received lot sizes, in the base unit. */
  readonly lotSize: readonly [number, number];
  readonly shelfLifeDays: number | null;
}

export interface MakeDef {
  /** Quantity one replenishment order makes. */
  readonly batchSize: number;
  /** Largest output lot; an order's output is split into lots no larger than this. */
  readonly maxLot: number;
  /** Hours each step takes for the whole order, roughly. */
  readonly hoursPerStep: readonly [number, number];
  readonly shelfLifeDays: number | null;
}

export interface ItemDef {
  readonly id: string;
  readonly number: string;
  readonly description: string;
  readonly baseUom: string;
  readonly tracking: ItemRow['tracking'];
  readonly type: ItemRow['type'];
  /** `1 from = factor to`, towards the base unit. */
  readonly conversions: readonly {
    readonly from: string;
    readonly to: string;
    readonly factor: string;
  }[];
  /** Oldest first. */
  readonly revisions: readonly RevisionDef[];
  readonly purchase: PurchaseDef | null;
  readonly make: MakeDef | null;
  readonly inspections: readonly InspectionSpec[];
}
