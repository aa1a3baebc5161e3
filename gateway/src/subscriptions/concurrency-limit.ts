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

/** Slots taken one at a time and given back later (a reader of the feed holds one). */
export interface Slots {
  /** Resolves with the function that gives the slot back, once one is free. */
  acquire(): Promise<() => void>;
}

/** `max` slots; those who wait get them in order. */
export function slots(max: number): Slots {
  let taken = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else taken -= 1;
  };
  return {
    async acquire() {
      if (taken < max) taken += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    },
  };
}
