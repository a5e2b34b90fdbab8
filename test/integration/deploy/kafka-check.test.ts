// deploy:check's Kafka lines against our real broker: its SASL_PLAINTEXT listener with SCRAM
// credentials that work and a wrong password, and a broker that accepts TCP but never answers.
// Each failure must be one line that says what to do. ~6 s (the silent broker's 1.5 s timeout).
import { createServer, type Server } from "node:net";
import { checkKafka, formatLine } from "@gg/deploy";
import { KAFKA_SASL_USER } from "@gg/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suffix } from "../../support/fixtures";
import { stack } from "../../support/stack";

const topics = [`gg-check.${suffix()}.uploads`, `gg-check.${suffix()}.views`];
const needs = { topics, kafkaPartitions: 3 };
const scram = (password: string) => ({
  brokers: stack.kafkaSaslBroker,
  ssl: "false",
  mechanism: "scram-sha-512",
  username: KAFKA_SASL_USER.username,
  password,
});
let silent: Server;
let silentPort: number;

beforeAll(async () => {
  // Accepts connections and reads, never writes: a firewall that drops replies, a wrong port.
  silent = createServer((socket) => socket.on("data", () => {}));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => silent.close(() => resolve())));

describe("deploy:check against our Kafka", () => {
  it("passes with SCRAM credentials that work, and validates the topics without creating them", async () => {
    const lines = await checkKafka(scram(KAFKA_SASL_USER.password), needs, 10_000);
    expect(lines.map(formatLine)).toEqual([
      expect.stringMatching(
        /^✓ Kafka connection: .* answered as gourmetgram \(SCRAM-SHA-512\), plain text/,
      ),
      "✓ Kafka topics: the deploy may create 2 (3 partitions each, validated)",
    ]);
    // validateOnly: nothing was created.
    const again = await checkKafka(scram(KAFKA_SASL_USER.password), needs, 10_000);
    expect(again[1]?.detail).toMatch(/may create 2/);
  });

  it("says in one line that a wrong password was refused, and what to set", async () => {
    const lines = await checkKafka(scram("not-the-password"), needs, 10_000);
    expect(lines).toHaveLength(1);
    expect(formatLine(lines[0]!)).toMatch(
      /^✗ Kafka connection: .* refused the credentials as gourmetgram \(SCRAM-SHA-512\) \(.*authentication failed.*\)\. Fix: check KafkaUsername, KafkaPassword/i,
    );
  });

  it("says in one line that a broker did not answer, within the timeout", async () => {
    const started = performance.now();
    const lines = await checkKafka(
      {
        brokers: `127.0.0.1:${silentPort}`,
        ssl: "false",
        mechanism: "plain",
        username: "",
        password: "",
      },
      needs,
      1_500,
    );
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(lines).toHaveLength(1);
    expect(formatLine(lines[0]!)).toMatch(
      new RegExp(
        `^✗ Kafka connection: no answer from 127.0.0.1:${silentPort} without SASL, plain text .*Fix: .*Kafka for a deployed stage`,
      ),
    );
  });
});
