import { z } from "zod";
import { AppError, invalidInput } from "../errors/index";

/** A Kafka topic: its name, the schema of its JSON values and how a value picks its key. */
export interface TopicDef<T> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
  /** The message key: decides the partition, hence the per-key order consumers see. */
  key(value: T): string;
}

/** What Kafka accepts as a topic name (the broker's own rule). */
export const TopicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/, "not a valid Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)");

/** Declares a topic once, so its name, schema and key live in one place. */
export function defineTopic<T>(def: {
  name: string;
  schema: z.ZodType<T>;
  key: (value: T) => string;
}): TopicDef<T> {
  if (!TopicName.safeParse(def.name).success) {
    throw invalidInput(`invalid Kafka topic name ${JSON.stringify(def.name)}`);
  }
  const { name, schema, key } = def;
  return Object.freeze({ name, schema, key: (value: T) => key(value) });
}

/** A keyed, serialised message ready for the wire. */
export interface EncodedMessage {
  key: string;
  value: string;
}

/**
 * Validates `value` against the topic's schema, then keys and serialises the parsed value.
 * Throws INVALID_INPUT before anything is sent: a value a consumer cannot parse never leaves.
 */
export function encode<T>(topic: TopicDef<T>, value: T): EncodedMessage {
  const parsed = topic.schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(value)";
    throw invalidInput(`${topic.name}: ${where}: ${issue?.message ?? "invalid value"}`, {
      loc: ["message", ...(issue?.path.filter((p) => typeof p !== "symbol") ?? [])] as (
        | string
        | number
      )[],
      cause: parsed.error,
    });
  }
  const json = JSON.stringify(parsed.data);
  // A schema could accept `null` or a bare string; consumers dispatch on `event_type` and need
  // an object, so anything else is refused here rather than discovered by a crashing consumer.
  if (json === undefined || !json.startsWith("{")) {
    throw new AppError("INTERNAL", `${topic.name}: schema produced a non-object value`);
  }
  const key = topic.key(parsed.data);
  if (typeof key !== "string" || key.length === 0) {
    throw new AppError("INTERNAL", `${topic.name}: key function returned an empty key`);
  }
  return { key, value: json };
}

/** The set of topics a deployable uses: lookup by name, and no name declared twice. */
export interface TopicRegistry {
  readonly topics: readonly TopicDef<unknown>[];
  get(name: string): TopicDef<unknown> | undefined;
  names(): string[];
}

/** Collects topic definitions into a registry; a duplicate name is an error. */
export function createTopicRegistry(topics: readonly TopicDef<unknown>[]): TopicRegistry {
  const byName = new Map<string, TopicDef<unknown>>();
  for (const t of topics) {
    if (byName.has(t.name)) throw invalidInput(`topic ${t.name} is declared twice`);
    byName.set(t.name, t);
  }
  return {
    topics: [...byName.values()],
    get: (name) => byName.get(name),
    names: () => [...byName.keys()],
  };
}
