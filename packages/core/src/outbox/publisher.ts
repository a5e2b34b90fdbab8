/** One committed outbox row on its way out. `value` is the exact JSON text to publish. */
export interface OutboxMessage {
  id: string;
  eventId: string;
  topic: string;
  key: string;
  value: string;
}

/** What a publish reached. */
export interface Published {
  /** Ids of the messages durably acknowledged (acks=all for Kafka). */
  acked: readonly string[];
  /** Why the others were not; they stay pending and go again, in id order, with a later drain. */
  error?: unknown;
}

/**
 * Where the relay delivers: Kafka in production, a JSON-lines folder on the embedded default.
 * `publish` says exactly which messages were acknowledged, so a partial failure (one topic or
 * partition refused right after a broker restart) re-sends only the rest: no duplicate of what
 * landed. It never reorders a key: a message is acked only after every earlier one of its key.
 */
export interface Publisher {
  readonly name: string;
  publish(messages: readonly OutboxMessage[]): Promise<Published>;
}
