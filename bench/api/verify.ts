// After the load: did every committed event reach Kafka? Drains the outbox, then compares three
// counts per topic: what the bench was told succeeded, the outbox rows, the messages in Kafka.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Pool } from "@gg/core/db";
import type { Kafka } from "@gg/core/kafka";
import * as Outbox from "@gg/core/outbox";
import { topicCounts } from "./server";

/** What a check needs of a server's stores: its database, a relay on it, its topics. */
export interface Stores {
  pool: Pool;
  /** Publishes whatever the outbox holds (another relay than the server's own: they take turns). */
  drain(): Promise<unknown>;
  kafka: Kafka | undefined;
  topicPrefix: string;
  /** The prefixed topic names. */
  topics: string[];
}

export interface TopicCheck {
  topic: string;
  /** 2xx answers whose request writes one event on this topic. */
  expected: number;
  outbox: number;
  kafka: number;
}

export interface EventCheck {
  topics: TopicCheck[];
  /** Outbox rows not yet marked sent after the drain (must be 0). */
  pending: number;
  drainSeconds: number;
  ok: boolean;
}

/** Drain the outbox (up to `timeoutMs`) and count every topic's events three ways. */
export async function verifyEvents(
  api: Stores,
  expected: Record<string, number>,
  timeoutMs = 60_000,
): Promise<EventCheck> {
  const { pool } = api;
  const t0 = performance.now();
  let pending = Number.POSITIVE_INFINITY;
  while (performance.now() - t0 < timeoutMs) {
    await api.drain();
    pending = (await Outbox.backlog(pool)).pending;
    if (pending === 0) break;
    await sleep(200);
  }
  const drainSeconds = (performance.now() - t0) / 1000;
  const { rows } = await pool.query<{ topic: string; n: string }>(
    "SELECT topic, count(*) AS n FROM outbox GROUP BY topic",
  );
  const outbox = new Map(rows.map((r) => [r.topic, Number(r.n)]));
  const kafka = api.kafka ? await topicCounts(api.kafka, api.topics) : {};
  const topics = Object.entries(expected).map(([topic, n]) => ({
    topic,
    expected: n,
    outbox: outbox.get(topic) ?? 0,
    kafka: kafka[api.topicPrefix + topic] ?? 0,
  }));
  const ok =
    pending === 0 && topics.every((t) => t.outbox === t.expected && t.kafka === t.expected);
  return { topics, pending, drainSeconds, ok };
}

export interface ViewCount {
  /** "hot image" or "all images". */
  what: string;
  /** 2xx answers to views of these images. */
  expected: number;
  /** What `images.views` says. */
  counted: number;
}

/**
 * The views the rows hold against the 2xx answers: on the hot image alone (every coalesced view
 * counted once) and summed over all images.
 */
export async function verifyViewCounts(
  api: Stores,
  expected: { hotImageId: string; hot: number; all: number },
): Promise<ViewCount[]> {
  const { rows } = await api.pool.query<{ hot: number; all: string }>(
    `SELECT (SELECT coalesce(views, 0) FROM images WHERE id = $1) AS hot,
            (SELECT coalesce(sum(views), 0) FROM images) AS all`,
    [expected.hotImageId],
  );
  return [
    { what: "hot image", expected: expected.hot, counted: Number(rows[0]?.hot ?? 0) },
    { what: "all images", expected: expected.all, counted: Number(rows[0]?.all ?? 0) },
  ];
}
