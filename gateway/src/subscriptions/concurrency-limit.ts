/** Runs tasks with at most `max` of them in flight at once; the others wait in order. */
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

/** A limit of `max` tasks in flight. */
export function concurrencyLimit(max: number): ConcurrencyLimit {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < max) running += 1;
    // A finishing task hands its slot straight to the next one waiting.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
