import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Queryable } from "../sql/index";

export { filePublisher } from "./file-publisher";
export { kafkaPublisher } from "./kafka-publisher";
export type { OutboxMessage, Published, Publisher } from "./publisher";
export { createRelay, type Relay, type RelayOptions, type RelayResult } from "./relay";

/** What the outbox needs of a topic definition: its name, its schema and how to key a value. */
export interface OutboxTopic<T> {
  name: string;
  schema: z.ZodType<T>;
  key: (value: T) => string;
}

/** A fresh event id (uuid v4): unique per event, so consumers can drop redeliveries. */
export const newEventId = (): string => randomUUID();

/** An outbox row before insertion: `value` is the exact JSON text consumers will read. */
export interface OutboxRow {
  eventId: string;
  topic: string;
  key: string;
  value: string;
}

/**
 * Validate an event and render its outbox row. Validation happens here, so a malformed event
 * fails the request instead of poisoning the topic.
 */
export function encode<T>(topic: OutboxTopic<T>, value: T): OutboxRow {
  const parsed = topic.schema.parse(value) as T & { event_id: string };
  return {
    eventId: parsed.event_id,
    topic: topic.name,
    key: topic.key(parsed),
    value: JSON.stringify(parsed),
  };
}

/**
 * Append an event to the outbox inside the caller's transaction: it becomes visible to the relay
 * (and so to Kafka) only when the row it describes commits.
 */
export async function enqueue<T>(tx: Queryable, topic: OutboxTopic<T>, value: T): Promise<void> {
  const row = encode(topic, value);
  await tx.query("INSERT INTO outbox (event_id, topic, key, value) VALUES ($1, $2, $3, $4)", [
    row.eventId,
    row.topic,
    row.key,
    row.value,
  ]);
}

/** How many committed events still wait for Kafka, and the age of the oldest (seconds). */
export async function backlog(
  db: Queryable,
): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const { rows } = await db.query<{ pending: string; oldest: number | null }>(
    `SELECT count(*) AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
       FROM outbox WHERE sent_at IS NULL`,
  );
  return { pending: Number(rows[0]?.pending ?? 0), oldestAgeSeconds: rows[0]?.oldest ?? 0 };
}

/** Delete events published more than `days` ago: the outbox is a queue, not an archive. */
export async function prune(db: Queryable, days = 7): Promise<number> {
  const { rowCount } = await db.query(
    "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(days => $1)",
    [days],
  );
  return rowCount ?? 0;
}
