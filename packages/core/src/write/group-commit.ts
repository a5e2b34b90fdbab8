/** How many requests share a write, and how many writes of one kind run at once. */
export interface GroupCommitOptions {
  /** The most requests one write carries (default 256). */
  maxBatch?: number;
  /** Writes of this kind in flight at once (default 1: classic group commit). */
  lanes?: number;
}

interface Waiter<T, R> {
  item: T;
  keys: readonly string[];
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: requests that arrive while a write is in flight wait, and go together in the next
 * write (one statement, one commit), which answers each its own result. `keysOf` names what two
 * requests of one write must not share (an Idempotency-Key, a username): such a request waits for
 * a later write, so one write never races itself, nor another lane, for a key. Nothing waits for
 * a timer: the first request of an idle queue starts a write at the end of the current turn of
 * the event loop, with whatever else that turn delivered.
 */
export function groupCommit<T, R>(
  write: (batch: T[]) => Promise<R[]>,
  keysOf: (item: T) => readonly string[],
  options: GroupCommitOptions = {},
): (item: T) => Promise<R> {
  const maxBatch = options.maxBatch ?? 256;
  const lanes = options.lanes ?? 1;
  let queue: Waiter<T, R>[] = [];
  const busyKeys = new Set<string>();
  let busy = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || busy >= lanes || queue.length === 0) return;
    scheduled = true;
    // After this turn's other I/O callbacks: requests that arrived together start together.
    setImmediate(() => {
      scheduled = false;
      while (busy < lanes && start());
    });
  };

  // Takes the next batch (first come, first served, minus key clashes); false when none.
  const start = (): boolean => {
    const batch: Waiter<T, R>[] = [];
    const rest: Waiter<T, R>[] = [];
    for (const w of queue) {
      if (batch.length < maxBatch && !w.keys.some((k) => busyKeys.has(k))) {
        batch.push(w);
        for (const k of w.keys) busyKeys.add(k);
      } else {
        rest.push(w);
      }
    }
    queue = rest;
    if (batch.length === 0) return false;
    busy++;
    write(batch.map((w) => w.item))
      .then(
        (results) => {
          for (const [i, w] of batch.entries()) w.resolve(results[i] as R);
        },
        (error: unknown) => {
          for (const w of batch) w.reject(error);
        },
      )
      .finally(() => {
        busy--;
        for (const w of batch) for (const k of w.keys) busyKeys.delete(k);
        schedule();
      });
    return true;
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, keys: keysOf(item), resolve, reject });
      schedule();
    });
}
