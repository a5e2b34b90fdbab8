/** The pool's messages to a worker: its settings once, then jobs. */
export type ToWorker = { type: "init"; init: unknown } | { type: "job"; id: number; job: unknown };

/** A worker's messages: loaded (or not), and each job's record or failure. */
export type FromWorker =
  | { type: "ready" }
  | { type: "init-failed"; error: string }
  | { type: "done"; id: number; record: unknown }
  | { type: "failed"; id: number; error: string };

/** What a worker runs: built once from `init`, then one call per job. */
export interface ShardHandler {
  handle(job: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The worker's side of `shardPool`: builds its handler from the first message, answers each job
 * with its record, and exits when the pool closes the channel (or the parent dies).
 */
export function serveShardJobs(build: (init: unknown) => Promise<ShardHandler>): void {
  const send = (m: FromWorker) => process.send?.(m);
  let handler: Promise<ShardHandler> | undefined;
  process.on("message", (m: ToWorker) => {
    if (m.type === "init") {
      handler = build(m.init);
      handler.then(
        () => send({ type: "ready" }),
        (e: unknown) => {
          send({ type: "init-failed", error: String(e) });
          process.exit(1);
        },
      );
      return;
    }
    const id = m.id;
    if (!handler) return send({ type: "failed", id, error: "job before init" });
    handler
      .then((h) => h.handle(m.job))
      .then(
        (record) => send({ type: "done", id, record }),
        (e: unknown) =>
          send({ type: "failed", id, error: e instanceof Error ? e.message : String(e) }),
      );
  });
  process.once("disconnect", () => {
    void (handler ?? Promise.resolve(null)).then((h) => h?.close()).finally(() => process.exit(0));
  });
}
