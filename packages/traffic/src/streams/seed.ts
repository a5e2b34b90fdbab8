import type { Queryable } from "@gg/core/sql";
import { StartStream } from "./schema";

/** The fixed id of the stream a deploy seeds, so re-running the seed can never add a second. */
export const BACKGROUND_STREAM_ID = "5eed0000-0000-4000-8000-0000000000b9";

/** The default background traffic: GourmetGram at 150 events an hour, the original's rate. */
export const BACKGROUND_STREAM: StartStream = StartStream.parse({
  scenario: "gourmetgram",
  rate: "150/h",
  seed: "background",
});

/**
 * Seeds the background stream when no stream has EVER existed (a fresh stage whose traffic is on
 * by default). Once anyone has started or stopped a stream, their choice stands: later deploys
 * seed nothing. Returns whether it seeded.
 */
export async function seedBackgroundStream(
  db: Queryable,
  input: StartStream = BACKGROUND_STREAM,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO traffic_streams (id, scenario, config)
     SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM traffic_streams)
     ON CONFLICT (id) DO NOTHING`,
    [BACKGROUND_STREAM_ID, input.scenario, JSON.stringify(input)],
  );
  return (rowCount ?? 0) > 0;
}
