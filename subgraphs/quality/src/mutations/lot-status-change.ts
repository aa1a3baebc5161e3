import type { NewEvent } from '@plantgraph/events';
import type { QualityDb } from '../db/quality-db.ts';
import { setLotStatus } from '../db/repositories/lot-quality-writes.ts';
import type { LotQualityRow } from '../db/tables/lot-quality.ts';
import type { LotRefRow } from '../db/tables/lot-ref.ts';

/** A change of a lot's quality status, as one mutation makes it. */
export interface LotStatusChange {
  readonly lotId: string;
  readonly ref: LotRefRow | undefined;
  readonly current: LotQualityRow | undefined;
  readonly status: LotQualityRow['status'];
  readonly reason: string;
  readonly at: Date;
  readonly correlationId: string;
}

/**
 * Sets the lot's quality status and answers the `lot.hold.changed` event that tells the MES and
 * ERP (their lot read models); its aggregate version is the status record's revision.
 */
export async function changeLotStatus(
  db: QualityDb,
  change: LotStatusChange,
): Promise<{ readonly row: LotQualityRow; readonly event: NewEvent }> {
  const row = await setLotStatus(db, change.lotId, change.current, {
    status: change.status,
    reason: change.reason,
    at: change.at,
  });
  return {
    row,
    event: {
      type: 'lot.hold.changed',
      subject: change.ref?.lot_number ?? change.lotId,
      aggregateType: 'LotQuality',
      aggregateId: change.lotId,
      aggregateVersion: row.revision,
      plant: change.ref?.plant_id ?? null,
      data: {
        lotId: change.lotId,
        lotNumber: change.ref?.lot_number ?? null,
        itemId: change.ref?.item_id ?? null,
        status: row.status,
        previousStatus: change.current?.status ?? null,
        onHold: row.status !== 'RELEASED',
        reason: change.reason,
        changedAt: change.at.toISOString(),
      },
      correlationId: change.correlationId,
      causationId: null,
    },
  };
}
