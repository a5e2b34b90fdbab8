import type { Interaction } from "@gg/core/kafka";
import type { ClickstreamRecord } from "./clickstream";

// Characters JSON must escape. Generated ids, enums and timestamps never contain them; the
// free-text fields are checked, and a value that has one falls back to JSON.stringify.
// (Surrogates too: JSON.stringify escapes lone ones, and pairs are rare enough to take the slow path.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const safe = (s: string | null): boolean => s === null || !NEEDS_ESCAPE.test(s);

/**
 * An interaction as JSON, byte-for-byte what `JSON.stringify` gives for the same field order,
 * cheaper: the shape is fixed, so only the values are written. Ids, enums, numbers and
 * timestamps are trusted to be what the schema says (true of everything the generator makes).
 */
export function interactionJson(i: Interaction): string {
  if (!safe(i.page_url) || !safe(i.referrer)) return JSON.stringify(i);
  const ref = i.referrer === null ? "null" : `"${i.referrer}"`;
  return `{"interaction_id":"${i.interaction_id}","user_id":"${i.user_id}","product_id":"${i.product_id}","session_id":"${i.session_id}","interaction_type":"${i.interaction_type}","timestamp":"${i.timestamp}","duration_seconds":${i.duration_seconds},"quantity":${i.quantity},"revenue":${i.revenue},"device_type":"${i.device_type}","browser":"${i.browser}","os":"${i.os}","page_url":"${i.page_url}","referrer":${ref}}`;
}

/** A record's Kafka key and JSON value (interactions take the fast path). */
export function encodeRecord(record: ClickstreamRecord): { key: string; value: string } {
  const value =
    record.topic === "interactions" ? interactionJson(record.value) : JSON.stringify(record.value);
  return { key: record.key, value };
}
