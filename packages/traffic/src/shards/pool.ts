import { type ChildProcess, fork } from "node:child_process";
import type { ShardInvoker, ShardJob } from "./job";
import type { FromWorker, ToWorker } from "./worker";

/** What became of one job handed to a worker: its shard's record, or why there is none. */
export type ShardOutcome = { job: ShardJob } & ({ record: unknown } | { error: string });

export interface ShardPool {
  /** Hands the job to a warm worker, starting one first if every worker has this minute's work. */
  invoke: ShardInvoker;
  /** Starts workers until `n` are loaded and waiting. */
  warm(n: number): Promise<void>;
  /** Waits for every job handed out so far; the outcomes since the last call. */
  settled(): Promise<ShardOutcome[]>;
  /** Workers now running, and their process ids. */
  readonly size: number;
  readonly pids: readonly number[];
  close(): Promise<void>;
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  /** Jobs handed to it and not finished, by id: their minute, and how to settle them. */
  jobs: Map<number, { minute: string; settle: (o: ShardOutcome) => void; job: ShardJob }>;
}

/**
 * Shards as a pool of warm local worker processes, the stand-in for shard Lambdas: each worker
 * is its own process (its own event loop and core, as a Lambda instance), started once with this
 * process's Node flags (the tsx loader in development) and reused minute after minute, so a shard
 * never pays a process start or a cold JIT inside its minute. `init` (the generator's settings,
 * secrets included) and the jobs go over the IPC channel, never argv or the environment, so `ps`
 * shows no secret. A worker serves several jobs at once (the next minute's shard waits while this
 * one's retries finish); the jobs of one minute are spread one per worker.
 */
export function shardPool(
  entry: string,
  init: unknown,
  nodeArgs: readonly string[] = process.execArgv,
): ShardPool {
  const workers: Worker[] = [];
  const pending = new Set<Promise<void>>();
  let outcomes: ShardOutcome[] = [];
  let ids = 0;

  const start = (): Worker => {
    const child = fork(entry, [], {
      execArgv: [...nodeArgs],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
    });
    const worker: Worker = { child, ready: Promise.resolve(), jobs: new Map() };
    worker.ready = new Promise<void>((resolve, reject) => {
      child.on("message", (m: FromWorker) => {
        if (m.type === "ready") resolve();
        else if (m.type === "init-failed") reject(new Error(`shard worker: ${m.error}`));
        else {
          const job = worker.jobs.get(m.id);
          worker.jobs.delete(m.id);
          job?.settle(
            m.type === "done"
              ? { job: job.job, record: m.record }
              : { job: job.job, error: m.error },
          );
        }
      });
      child.once("exit", (code, signal) => {
        const why = `shard worker exited (${signal ?? code}) before finishing`;
        reject(new Error(why));
        const at = workers.indexOf(worker);
        if (at >= 0) workers.splice(at, 1);
        for (const { job, settle } of worker.jobs.values()) settle({ job, error: why });
        worker.jobs.clear();
      });
    });
    // A worker that fails to start is reported by the invoke that waits for it.
    worker.ready.catch(() => {});
    child.send({ type: "init", init } satisfies ToWorker);
    workers.push(worker);
    return worker;
  };

  return {
    async invoke(job) {
      const busy = (w: Worker) =>
        [...w.jobs.values()].filter((j) => j.minute === job.minute).length;
      let worker = workers.reduce<Worker | undefined>(
        (best, w) => (best === undefined || busy(w) < busy(best) ? w : best),
        undefined,
      );
      if (worker === undefined || busy(worker) > 0) worker = start();
      // Booked before waiting for the worker: the minute's other shards go to other workers.
      const id = ++ids;
      const done = new Promise<void>((resolve) => {
        worker.jobs.set(id, {
          minute: job.minute,
          job,
          settle: (o) => {
            outcomes.push(o);
            resolve();
          },
        });
      });
      pending.add(done);
      void done.then(() => pending.delete(done));
      await worker.ready;
      worker.child.send({ type: "job", id, job } satisfies ToWorker);
    },
    async warm(n) {
      while (workers.length < n) start();
      await Promise.all(workers.map((w) => w.ready));
    },
    async settled() {
      await Promise.all([...pending]);
      const out = outcomes;
      outcomes = [];
      return out;
    },
    get size() {
      return workers.length;
    },
    get pids() {
      return workers.map((w) => w.child.pid ?? -1);
    },
    async close() {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.child.exitCode !== null) return resolve();
              const timer = setTimeout(() => w.child.kill("SIGKILL"), 5_000);
              w.child.once("exit", () => {
                clearTimeout(timer);
                resolve();
              });
              // Closing the channel tells the worker to release its pool and exit.
              w.child.disconnect();
            }),
        ),
      );
    },
  };
}
