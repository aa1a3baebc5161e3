import type { ColumnType, Insertable, Selectable } from 'kysely';

/** One operation report of the MES, by its own event sequence number, with the answer it got. */
export interface OperationEventTable {
  operation_id: string;
  event_sequence: number;
  kind: 'START' | 'PROGRESS' | 'COMPLETE';
  content_hash: string;
  occurred_at: Date;
  response: ColumnType<unknown, string, string>;
  recorded_at: Date;
}

export type OperationEventRow = Selectable<OperationEventTable>;
export type NewOperationEventRow = Insertable<OperationEventTable>;
