import { describe, expect, it } from "vitest";
import { fromLinks, type Linked } from "../../../functions/config";
import { FAKE_RESOURCES } from "../../../infra/scripts/fake-resources";

// Deployed, each function's settings are built straight from SST's typed links (the values are
// infra's stand-ins, shaped as SST exposes them): no env strings in between.
const fake = FAKE_RESOURCES as unknown as Linked;
const links: Linked = {
  ...fake,
  Kafka: {
    brokers: ["b-1.msk:9096", "b-2.msk:9096"],
    ssl: true,
    mechanism: "scram-sha-512",
    username: "gg",
    password: "p@ss word",
  },
};
const lambdaEnv = { AWS_REGION: "eu-west-1", LAMBDA_TASK_ROOT: "/var/task" };
const scram = {
  brokers: ["b-1.msk:9096", "b-2.msk:9096"],
  ssl: true,
  sasl: { mechanism: "scram-sha-512", username: "gg", password: "p@ss word" },
};

describe("functions/config.ts from SST links", () => {
  it("the database: unverified TLS only where the link says so (emulate's self-signed Postgres)", () => {
    const emulated = { ...links, Database: { ...links.Database, tls: "no-verify" as const } };
    for (const s of [fromLinks.api(emulated, lambdaEnv), fromLinks.relay(emulated, lambdaEnv)]) {
      expect(s.databaseUrl).toMatch(/\?sslmode=no-verify$/);
    }
    expect(fromLinks.relay(links, lambdaEnv).databaseUrl).toMatch(/sslmode=verify-full&/);
  });

  it("the API: database over verified TLS, the linked Kafka as is, the bucket, the key", () => {
    const s = fromLinks.api(links, lambdaEnv);
    // verify-full against the RDS CA bundle infra/lambda.ts copies beside every function.
    expect(s.databaseUrl).toBe(
      "postgres://postgres:verify@127.0.0.1:5432/gourmetgram?sslmode=verify-full&sslrootcert=%2Fvar%2Ftask%2Frds-ca.pem",
    );
    expect(s.kafka).toMatchObject(scram);
    expect(s.storage).toEqual({ kind: "s3", bucket: fake.Images.name, region: "eu-west-1" });
    expect(s.api).toMatchObject({ apiKey: "verify-api-key", flush: "await" });
  });

  it("an empty ApiKey (emulate up without API_KEY) is an open API and control plane, not a crash", () => {
    const open = { ...links, ApiKey: { value: "" } };
    expect(fromLinks.api(open, lambdaEnv).api.apiKey).toBeUndefined();
    expect(fromLinks.control(open, lambdaEnv).apiKey).toBeUndefined();
  });

  it("the shard function the generator invokes", () => {
    expect(fromLinks.generatorShard(links)).toBe(fake.GeneratorShard.name);
  });

  it("the relay, the control plane and migrate share that Kafka", () => {
    expect(fromLinks.relay(links).kafka).toMatchObject(scram);
    const control = fromLinks.control(links, lambdaEnv);
    expect(control.kafka).toMatchObject(scram);
    expect(control.schedule).toMatchObject({
      ruleName: fake.TrafficSchedule.ruleName,
      targetArn: fake.TrafficSchedule.generatorArn,
      aws: { region: "eu-west-1" },
    });
    // The stage's capacity is the GourmetGram ceiling; clickstream keeps its env default.
    expect(control.rateCeilings).toEqual({
      gourmetgram: fake.Capacity.eventsPerSecond,
      clickstream: 20_000,
    });
    const migrate = fromLinks.migrate(links, lambdaEnv);
    expect(migrate.settings.kafka).toMatchObject(scram);
    expect(migrate.migrationsDir).toBe("/var/task/migrations");
  });

  it("an empty ApiKey secret means no key, as an empty API_KEY does", () => {
    const open = { ...links, ApiKey: { value: "" } };
    expect(fromLinks.api(open, lambdaEnv).api.apiKey).toBeUndefined();
    expect(fromLinks.control(open, lambdaEnv).apiKey).toBeUndefined();
    expect(fromLinks.generator(open, lambdaEnv).apiKey).toBeUndefined();
  });

  it("an empty Kafka username links no SASL", () => {
    const plain = { ...links, Kafka: { ...links.Kafka, username: "", ssl: false } };
    expect(fromLinks.api(plain, lambdaEnv).kafka?.sasl).toBeUndefined();
  });

  it("the generator: links for the API, database and Kafka; GENERATOR_* for the stream", () => {
    const s = fromLinks.generator(links, { ...lambdaEnv, GENERATOR_ARRIVAL_RATE: "600" });
    expect(s.apiUrl).toBe(fake.Api.url);
    expect(s.apiKey).toBe("verify-api-key");
    expect(s.datasetPath).toBe("/var/task/food11");
    expect(s.clickstream?.kafka).toMatchObject(scram);
    expect(s.defaultStream.rate).toBe("600/h");
    expect(s.rateCeilings.gourmetgram).toBe(fake.Capacity.eventsPerSecond);
    // Without a Kafka link, clickstream streams are not wired (and nothing reads KAFKA_*).
    const { Kafka: _, ...noKafka } = links;
    const unlinked = fromLinks.generator(noKafka as Linked, {
      ...lambdaEnv,
      KAFKA_BROKERS: "ignored:9092",
    });
    expect(unlinked.clickstream).toBeNull();
  });
});
