import { sql, type Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';

/**
 * Row count and digest of every row of each table: equal before and after means nothing changed.
 * A table is `schema.table`, or `schema.table:column,…` to digest only those columns (the outbox
 * by `id`: the relay stamps `published_at` on its own time).
 */
export async function footprint(
  root: Kysely<RootDatabase>,
  tables: readonly string[],
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of tables) {
    const [table = entry, columns] = entry.split(':');
    const row = columns
      ? sql.join(
          columns.split(',').map((c) => sql.ref(`t.${c}`)),
          sql`, `,
        )
      : sql.ref('t');
    const { rows } = await sql<{ n: number; digest: string }>`
      select count(*)::int as n,
             md5(coalesce(string_agg((${row})::text, E'\n' order by (${row})::text), '')) as digest
      from ${sql.table(table)} as t`.execute(root);
    result[entry] = `${rows[0]?.n}:${rows[0]?.digest}`;
  }
  return result;
}
