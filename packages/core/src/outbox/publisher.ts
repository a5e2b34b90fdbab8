/** One committed outbox row on its way out. `value` is the exact JSON text to publish. */
export interface OutboxMessage {
  id: string;
  eventId: string;
  topic: string;
  key: string;
  value: string;
}

/**
 * Where the relay delivers: Kafka in production, a JSON-lines folder on the embedded default.
 * `publish` resolves only when every message is durably acknowledged (acks=all for Kafka);
 * it must keep the given order within a key.
 */
export interface Publisher {
  readonly name: string;
  publish(messages: readonly OutboxMessage[]): Promise<void>;
}
