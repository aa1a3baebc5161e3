import type { Kysely, Selectable } from 'kysely';
import type { AuditEntryTable, AuditTables } from './audit.ts';
import { badUserInput } from './errors.ts';
import { pageRequest, toConnection, type Connection, type PageRequest } from './paging.ts';

/**
 * The read side of the audit trail every subgraph with mutations keeps (`audit_entry`): each
 * subgraph resolves its own field of `AuditTrail` (one correlation id) and `AuditHistory` (one
 * record) from these keys, with the functions below, so one query through the gateway reads the
 * entries of erp, mes and quality together.
 */

/** GraphQL `AuditTrail`: a correlation id, by its key. */
export interface AuditTrailRef {
  readonly correlationId: string;
}

/** GraphQL `AuditHistory`: one record (aggregate), by its key. */
export interface AuditHistoryRef {
  readonly aggregateType: string;
  readonly aggregateId: string;
}

/** GraphQL `SubgraphAuditTrail`: one subgraph's entries under a correlation id. */
export interface SubgraphAuditTrailRef extends AuditTrailRef {
  readonly subgraph: string;
}

/** GraphQL `SubgraphAuditHistory`: one subgraph's entries about one record. */
export interface SubgraphAuditHistoryRef extends AuditHistoryRef {
  readonly subgraph: string;
}

/** One master-data revision a change ran under (item revision, BOM, plan, ...). */
export interface RevisionInEffect {
  readonly name: string;
  readonly value: string | null;
}

/** An audit entry as the API shows it (GraphQL `AuditEntry`). */
export interface AuditEntryView {
  /** `<subgraph>:<number>`: entries are numbered per subgraph. */
  readonly id: string;
  readonly subgraph: string;
  readonly occurredAt: Date;
  readonly actor: string;
  readonly correlationId: string;
  readonly operation: string;
  readonly idempotencyKey: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateRevision: number;
  /** By name. */
  readonly revisionsInEffect: readonly RevisionInEffect[];
  readonly eventIds: readonly string[];
}

type AuditEntryRow = Selectable<AuditEntryTable>;

function revisionsOf(value: unknown): RevisionInEffect[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  // jsonb keeps no key order: by name, so an entry always reads the same.
  return Object.entries(value)
    .map(([name, revision]) => ({
      name,
      value: revision === null || revision === undefined ? null : String(revision),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function eventIdsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** The API's view of one `audit_entry` row of `subgraph`. */
export function rowToAuditEntry(row: AuditEntryRow, subgraph: string): AuditEntryView {
  return {
    id: `${subgraph}:${row.id}`,
    subgraph,
    occurredAt: row.occurred_at,
    actor: row.actor,
    correlationId: row.correlation_id,
    operation: row.operation,
    idempotencyKey: row.idempotency_key,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    aggregateRevision: row.aggregate_revision,
    revisionsInEffect: revisionsOf(row.revisions_in_effect),
    eventIds: eventIdsOf(row.event_ids),
  };
}

/** A required text argument: blank is the client's error. */
function required(value: string, argumentName: string): string {
  if (value.trim() === '') throw badUserInput(`${argumentName} must not be blank`, argumentName);
  return value;
}

/** The key of `auditTrail(correlationId)`; a blank correlation id is BAD_USER_INPUT. */
export function auditTrailRef(correlationId: string): AuditTrailRef {
  return { correlationId: required(correlationId, 'correlationId') };
}

/** The key of `auditHistory(aggregateType, aggregateId)`; blank ones are BAD_USER_INPUT. */
export function auditHistoryRef(aggregateType: string, aggregateId: string): AuditHistoryRef {
  return {
    aggregateType: required(aggregateType, 'aggregateType'),
    aggregateId: required(aggregateId, 'aggregateId'),
  };
}

/** Validates `first`/`after` of an audit listing: the cursor is an entry's number. */
function auditPage(first: number | null | undefined, after: string | null | undefined) {
  const page = pageRequest(first, after);
  if (page.after !== null && !/^\d{1,18}$/.test(page.after)) {
    throw badUserInput('after is not a cursor this API returned', 'after');
  }
  return page;
}

function connectionOf(
  rows: readonly AuditEntryRow[],
  page: PageRequest,
  subgraph: string,
): Connection<AuditEntryView> {
  const connection = toConnection(rows, page, (row) => String(row.id));
  return { ...connection, nodes: connection.nodes.map((row) => rowToAuditEntry(row, subgraph)) };
}

/** Arguments of `SubgraphAuditTrail.entries`. */
export interface AuditTrailArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/**
 * A subgraph's audit entries under one correlation id, in the order they were recorded, a page at
 * a time (`first` 1..500, `after` the previous page's `endCursor`).
 */
export async function auditEntriesUnder(
  db: Kysely<AuditTables>,
  trail: SubgraphAuditTrailRef,
  args: AuditTrailArgs,
): Promise<Connection<AuditEntryView>> {
  const page = auditPage(args.first, args.after);
  let query = db
    .selectFrom('audit_entry')
    .selectAll()
    .where('correlation_id', '=', trail.correlationId)
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after !== null) query = query.where('id', '>', Number(page.after));
  return connectionOf(await query.execute(), page, trail.subgraph);
}

/** Arguments of `SubgraphAuditHistory.entries`. */
export interface AuditHistoryArgs extends AuditTrailArgs {
  /** Entries recorded at or after this time. */
  readonly since?: Date | null;
  /** Entries recorded before this time. */
  readonly until?: Date | null;
}

/**
 * A subgraph's audit entries about one record, newest first, recorded within [`since`, `until`)
 * when given (`since` not after `until`), a page at a time.
 */
export async function auditEntriesOf(
  db: Kysely<AuditTables>,
  history: SubgraphAuditHistoryRef,
  args: AuditHistoryArgs,
): Promise<Connection<AuditEntryView>> {
  const page = auditPage(args.first, args.after);
  const { since, until } = args;
  if (since && until && since.getTime() > until.getTime()) {
    throw badUserInput(
      `until (${until.toISOString()}) must not be before since (${since.toISOString()})`,
      'until',
    );
  }
  let query = db
    .selectFrom('audit_entry')
    .selectAll()
    .where('aggregate_type', '=', history.aggregateType)
    .where('aggregate_id', '=', history.aggregateId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (since) query = query.where('occurred_at', '>=', since);
  if (until) query = query.where('occurred_at', '<', until);
  if (page.after !== null) query = query.where('id', '<', Number(page.after));
  return connectionOf(await query.execute(), page, history.subgraph);
}

/** GraphQL `AuditEntryConnection`. */
export type AuditEntryConnection = Connection<AuditEntryView>;
