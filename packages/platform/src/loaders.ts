import DataLoader from 'dataloader';

/**
 * One query per batch: `fetch` receives every key asked for in one tick and returns the rows it
 * found; each key gets its row, or `null` when none matched.
 */
export function loaderByKey<V>(
  fetch: (keys: readonly string[]) => Promise<readonly V[]>,
  keyOfRow: (row: V) => string,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<string, V>();
    for (const row of rows) byKey.set(keyOfRow(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** One query per batch for one-to-many lookups: each key gets the list of its rows (maybe empty). */
export function loaderOfMany<V>(
  fetch: (keys: readonly string[]) => Promise<readonly V[]>,
  keyOfRow: (row: V) => string,
): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<string, V[]>();
    for (const row of rows) {
      const key = keyOfRow(row);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** Groups keys that differ only in an `asOf` instant, so one query serves each instant. */
export function loaderAsOf<V>(
  fetch: (keys: readonly string[], asOf: Date) => Promise<readonly V[]>,
  keyOfRow: (row: V) => string,
): DataLoader<{ key: string; asOf: Date }, V | null, string> {
  return new DataLoader<{ key: string; asOf: Date }, V | null, string>(
    async (requests) => {
      const byInstant = new Map<number, string[]>();
      for (const { key, asOf } of requests) {
        const list = byInstant.get(asOf.getTime());
        if (list) list.push(key);
        else byInstant.set(asOf.getTime(), [key]);
      }
      const found = new Map<string, V>();
      await Promise.all(
        [...byInstant].map(async ([instant, keys]) => {
          for (const row of await fetch(keys, new Date(instant))) {
            found.set(`${keyOfRow(row)}@${instant}`, row);
          }
        }),
      );
      return requests.map(({ key, asOf }) => found.get(`${key}@${asOf.getTime()}`) ?? null);
    },
    { cacheKeyFn: ({ key, asOf }) => `${key}@${asOf.getTime()}` },
  );
}
