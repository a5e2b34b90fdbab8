// `pnpm generate`: run live minutes now, or backfill a past window as fast as the API allows.
import { writeFileSync } from "node:fs";
import { runCli } from "@gg/core/cli";
import { createPool } from "@gg/core/db";
import { isAppError } from "@gg/core/errors";
import { createGenerator, PREPARE_LEAD_MS, upsertStream } from "../../generator/index";
import type { MinuteRecord } from "../../minute/index";
import { shapeCsv } from "../../rates/index";
import { recordedShape } from "../../scenarios/gourmetgram/shape";
import * as Streams from "../../streams/index";
import { type CliCommand, loadGenerateConfig, USAGE } from "./config";
import { patchStream } from "./patch";
import { planTable } from "./plan";
import { progressLine, summaryTable } from "./render";
import { configErrorLine } from "./validate";

/** The CLI's own stream: a fixed id, so re-running a backfill skips the minutes it already did. */
const CLI_STREAM_ID = "5eed0000-0000-4000-8000-0000000000c1";
const MINUTE_MS = 60_000;

async function main(argv: readonly string[]): Promise<number> {
  let prepared: ReturnType<typeof loadGenerateConfig>;
  try {
    prepared = loadGenerateConfig(argv);
  } catch (e) {
    const line = configErrorLine(e);
    if (line === null) throw e;
    console.error(`generate: ${line}`);
    return 2;
  }
  const { command, settings } = prepared;
  if (command.kind === "help" || !settings) {
    console.error(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (command.kind === "plan" || command.kind === "patch" || command.kind === "shape") {
    const pool = createPool({ connectionString: settings.databaseUrl, max: 2 });
    try {
      if (command.kind === "shape") {
        const csv = shapeCsv(await recordedShape(pool, command));
        if (command.out) writeFileSync(command.out, csv);
        else process.stdout.write(csv);
        return 0;
      }
      if (command.kind === "patch") {
        console.log(await patchStream(pool, command.stream, command.patch, settings.rateCeilings));
        return 0;
      }
      const own = settings.defaultStream;
      // Seeded as `run` seeds the CLI's stream: its --seed, else the stream's fixed id.
      const stream = command.stream
        ? { id: command.stream }
        : { config: { ...own, seed: own.seed ?? CLI_STREAM_ID } };
      console.log(
        await planTable(pool, {
          minute: command.minute,
          limit: command.limit,
          stream,
          ceilings: settings.rateCeilings,
          datasetPath: settings.datasetPath,
          testAccountRate: settings.testAccountRate,
        }),
      );
      return 0;
    } finally {
      await pool.end();
    }
  }
  // The summary table reports the minutes; their records are still stored in traffic_minutes.
  const generator = createGenerator(settings, { log: () => {} });
  const tty = process.stderr.isTTY;
  try {
    const streamId = command.stream ?? CLI_STREAM_ID;
    if (!command.stream) await upsertStream(generator.pool, CLI_STREAM_ID, settings.defaultStream);
    else await Streams.get(generator.pool, streamId);
    const minutes = minutesOf(command);
    const records: MinuteRecord[] = [];
    const show = (line: string) => {
      if (tty) process.stderr.write(`\r\x1b[2K${line}`);
    };
    // A live minute is prepared PREPARE_LEAD_MS before it starts, as the schedule does, while the
    // minute before it still fires; a backfilled one runs when the one before it is done.
    const running: Promise<void>[] = [];
    let failure: unknown;
    for (const [i, minute] of minutes.entries()) {
      const iso = minute.toISOString();
      if (command.kind === "run")
        await waitFor(new Date(minute.getTime() - PREPARE_LEAD_MS), (s) =>
          show(
            progressLine({
              minuteIndex: i,
              minutes: minutes.length,
              minute: iso,
              settled: 0,
              total: 0,
              waitingSeconds: s + PREPARE_LEAD_MS / 1000,
            }),
          ),
        );
      const done = generator
        .tick(minute, {
          streamIds: [streamId],
          timing: command.kind === "backfill" ? { mode: "backfill" } : {},
          onProgress: (_, settled, total) =>
            show(
              progressLine({
                minuteIndex: i,
                minutes: minutes.length,
                minute: iso,
                settled,
                total,
              }),
            ),
        })
        .then((result) => {
          const outcome = result.streams[0];
          if (!outcome) throw new Error(`stream ${streamId} is not running`);
          if ("error" in outcome) throw new Error(`minute ${iso}: ${outcome.error}`);
          records[i] = outcome.record;
          if (!tty)
            console.error(
              `minute ${iso}: ${outcome.record.status}, ${outcome.record.succeeded}/${outcome.record.planned} succeeded`,
            );
        });
      if (command.kind === "backfill") await done;
      else
        running.push(
          done.catch((e: unknown) => {
            failure ??= e;
          }),
        );
    }
    await Promise.all(running);
    if (failure !== undefined) throw failure;
    if (tty) process.stderr.write("\n");
    console.log(summaryTable(records));
    return records.some((r) => r.failed > 0) ? 1 : 0;
  } finally {
    if (!command.stream)
      await Streams.stop(generator.pool, CLI_STREAM_ID, "cli run finished").catch(() => {});
    await generator.close();
  }
}

/** Live: the next N minute boundaries. Backfill: every minute in [from, to). */
function minutesOf(c: Extract<CliCommand, { kind: "run" | "backfill" }>): Date[] {
  if (c.kind === "run") {
    const first = Math.ceil(Date.now() / MINUTE_MS) * MINUTE_MS;
    return Array.from({ length: c.minutes }, (_, i) => new Date(first + i * MINUTE_MS));
  }
  const out: Date[] = [];
  for (
    let t = Math.floor(c.from.getTime() / MINUTE_MS) * MINUTE_MS;
    t < c.to.getTime();
    t += MINUTE_MS
  ) {
    out.push(new Date(t));
  }
  return out;
}

async function waitFor(minute: Date, tick: (seconds: number) => void): Promise<void> {
  for (;;) {
    const left = minute.getTime() - Date.now();
    if (left <= 0) return;
    tick(Math.ceil(left / 1000));
    await new Promise((r) => setTimeout(r, Math.min(left, 1000)));
  }
}

runCli(
  () => main(process.argv.slice(2)),
  (e) => {
    console.error(isAppError(e) ? e.message : e);
    return 1;
  },
);
