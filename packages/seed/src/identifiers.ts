import { yearMonth } from './clock.ts';
import type { ItemDef, RevisionDef } from './catalog-types.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Stable, readable ids and business numbers of the demo's records. */
export const ids = {
  itemRevision: (item: ItemDef, revision: RevisionDef) =>
    `${item.id}-rev-${revision.revision.toLowerCase()}`,
  bom: (item: ItemDef, revision: RevisionDef) =>
    `bom-${item.number.toLowerCase()}-${revision.revision.toLowerCase()}`,
  routing: (item: ItemDef, revision: RevisionDef) =>
    `routing-${item.number.toLowerCase()}-${revision.revision.toLowerCase()}`,
  order: (seq: number) => `order-${pad(seq, 6)}`,
  orderNumber: (seq: number) => `PO-${100000 + seq}`,
  operation: (orderSeq: number, sequence: number) =>
    `operation-${pad(orderSeq, 6)}-${pad(sequence, 3)}`,
  lot: (seq: number) => `lot-${pad(seq, 6)}`,
  lotNumber: (seq: number, createdAt: number) => `L${yearMonth(createdAt)}-${pad(seq, 4)}`,
  link: (seq: number) => `link-${pad(seq, 6)}`,
  inspection: (seq: number) => `inspection-${pad(seq, 6)}`,
  inspectionNumber: (seq: number) => `INS-${pad(seq, 6)}`,
  nonconformance: (seq: number) => `nc-${pad(seq, 6)}`,
  nonconformanceNumber: (seq: number) => `NC-${pad(seq, 6)}`,
  shipment: (seq: number) => `shipment-${pad(seq, 6)}`,
  shipmentNumber: (seq: number) => `SH-${pad(seq, 6)}`,
} as const;
