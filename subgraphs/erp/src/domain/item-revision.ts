import { versionInEffect, type EffectiveDated } from '@plantgraph/platform';
import type { ItemRevisionRow } from '../db/tables/item-revision.ts';

export type ReleaseStatus = ItemRevisionRow['status'];

export interface ItemRevision extends EffectiveDated {
  readonly id: string;
  readonly itemId: string;
  readonly revision: string;
  readonly changeNumber: string;
  readonly status: ReleaseStatus;
}

export function rowToItemRevision(row: ItemRevisionRow): ItemRevision {
  return {
    id: row.id,
    itemId: row.item_id,
    revision: row.revision,
    changeNumber: row.change_number,
    status: row.status,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
  };
}

/** The released revision in effect at `asOf`: drafts never apply; obsolete ones did, for history. */
export function revisionInEffect(
  revisions: readonly ItemRevision[],
  asOf: Date,
): ItemRevision | null {
  return versionInEffect(revisions, asOf, (r) => r.status !== 'DRAFT');
}
