import { parseArgs } from 'node:util';
import {
  deadLettersToReplay,
  findDeadLetter,
  replayDeadLetter,
  replayDeadLetters,
  rowToDeadLetter,
  type DeadLetterFilter,
  type DeadLetterReplay,
  type ReplayContext,
} from './dead-letters.ts';
import type { DeadLetterRow } from './event-tables.ts';

/** How to call `npm run replay`. */
export const REPLAY_USAGE = `usage: npm run replay -- --subgraph <erp|mes|quality|genealogy> (--id <dead letter id> | [--consumer <name>] [--type <event type>] [--since <ISO time>] [--until <ISO time>] [--limit <n>]) [--dry-run]
  --id        replay one dead letter
  --consumer, --type, --since, --until
              replay the open dead letters matching all of these (last failure in [since, until))
  --limit     at most this many (default 100)
  --dry-run   list what would be replayed, replay nothing`;

/** A command line that cannot be run; the message says why. */
export class ReplayUsageError extends Error {
  override name = 'ReplayUsageError';
}

/** What the command line asks for. */
export interface ReplayCommand {
  readonly subgraph: string;
  readonly id: string | null;
  readonly filter: DeadLetterFilter;
  readonly limit: number;
  readonly dryRun: boolean;
}

function time(name: string, value: string | undefined): Date | null {
  if (value === undefined) return null;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) {
    throw new ReplayUsageError(`--${name} must be an ISO-8601 time such as 2026-11-26T08:00:00Z`);
  }
  return parsed;
}

/** Reads the replay command line (everything after `npm run replay --`). */
export function parseReplayArgs(
  args: readonly string[],
  subgraphs: readonly string[],
): ReplayCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        subgraph: { type: 'string' },
        id: { type: 'string' },
        consumer: { type: 'string' },
        type: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        limit: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new ReplayUsageError(error instanceof Error ? error.message : String(error));
  }
  const subgraph = values.subgraph;
  if (subgraph === undefined || !subgraphs.includes(subgraph)) {
    throw new ReplayUsageError(`--subgraph must be one of ${subgraphs.join(', ')}`);
  }
  const selective = [values.consumer, values.type, values.since, values.until, values.limit];
  if (values.id !== undefined && selective.some((value) => value !== undefined)) {
    throw new ReplayUsageError('--id replays one dead letter; it takes no filter or limit');
  }
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ReplayUsageError('--limit must be a positive integer');
  }
  return {
    subgraph,
    id: values.id ?? null,
    filter: {
      consumer: values.consumer ?? null,
      type: values.type ?? null,
      since: time('since', values.since),
      until: time('until', values.until),
    },
    limit,
    dryRun: values['dry-run'] === true,
  };
}

function line(result: DeadLetterReplay): string {
  const letter = result.deadLetter;
  const what = letter ? `${letter.consumer} ${letter.event.type} ${letter.event.id}` : '';
  return [result.deadLetterId, result.outcome, what, result.error ?? ''].join('\t').trimEnd();
}

/**
 * Runs a replay command against one subgraph's schema, writing one line per dead letter
 * (`id, outcome, consumer, event type, event id, error`, tab-separated). Returns the exit
 * status: 1 when a replay failed or found nothing to do with the given id, else 0.
 */
export async function runReplayCommand(
  command: ReplayCommand,
  context: ReplayContext,
  write: (text: string) => void,
): Promise<number> {
  if (command.dryRun) {
    const rows =
      command.id === null
        ? await deadLettersToReplay(context.db, command.filter, command.limit)
        : [await findDeadLetter(context.db, command.id)].filter(
            (row): row is DeadLetterRow => row !== undefined,
          );
    for (const row of rows) {
      const letter = rowToDeadLetter(row, context.subgraph);
      write(
        [
          letter.id,
          'WOULD_REPLAY',
          letter.consumer,
          letter.event.type,
          letter.event.id,
          letter.error,
        ].join('\t'),
      );
    }
    write(`${rows.length} dead letter(s) in ${context.subgraph} would be replayed`);
    return 0;
  }
  const results =
    command.id === null
      ? await replayDeadLetters(context, command.filter, command.limit)
      : [await replayDeadLetter(context, command.id)];
  for (const result of results) write(line(result));
  const failed = results.filter((r) => !['APPLIED', 'DUPLICATE', 'STALE'].includes(r.outcome));
  write(
    `${results.length} dead letter(s) replayed in ${context.subgraph}, ${failed.length} not settled`,
  );
  return failed.length > 0 ? 1 : 0;
}
