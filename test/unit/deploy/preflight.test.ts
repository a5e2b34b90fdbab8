import { createCipheriv, randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { decodeSstData, formatLine, isPrivateMsk, loadConfig } from "@gg/deploy";
import { describe, expect, it } from "vitest";
import { classify } from "../../../packages/deploy/src/checks/kafka-errors";
import { resourceDelta, stateResources } from "../../../packages/deploy/src/checks/resource-delta";
import { checkSecrets, kafkaSecretsWithEnv } from "../../../packages/deploy/src/checks/secrets";

// The preflight's pure parts. The branches our local services cannot produce are here with
// kafkajs-shaped errors: an authorizer refusing topic creation (our broker has no authorizer) and
// a create-topics policy; the rest runs against LocalStack and Kafka in test/integration/deploy.
const sealed = (data: unknown, key: Buffer) => {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(JSON.stringify(data)), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
};

describe("SST's stored data", () => {
  const key = randomBytes(32);
  it("opens sealed secrets, gzipped or not, and refuses another stage's passphrase", () => {
    const secrets = { ApiKey: "k", KafkaBrokers: "b:9196" };
    expect(decodeSstData(sealed(secrets, key), key.toString("base64"))).toEqual(secrets);
    expect(decodeSstData(gzipSync(sealed(secrets, key)), key.toString("base64"))).toEqual(secrets);
    expect(() => decodeSstData(sealed(secrets, key), randomBytes(32).toString("base64"))).toThrow();
    expect(decodeSstData(gzipSync(Buffer.from('{"checkpoint":{}}')))).toEqual({ checkpoint: {} });
  });
});

describe("Kafka failures as one line", () => {
  const kafkajs = (type: string) =>
    Object.assign(new Error("retries exhausted"), {
      name: "KafkaJSNumberOfRetriesExceeded",
      cause: Object.assign(new Error(`broker said ${type}`), {
        name: "KafkaJSProtocolError",
        type,
      }),
    });
  it("tells refused credentials, a missing right, a policy, TLS and silence apart", () => {
    expect(
      classify(Object.assign(new Error("SASL SCRAM"), { name: "KafkaJSSASLAuthenticationError" }))
        .kind,
    ).toBe("auth");
    expect(classify(kafkajs("TOPIC_AUTHORIZATION_FAILED")).kind).toBe("denied");
    expect(classify(kafkajs("CLUSTER_AUTHORIZATION_FAILED")).kind).toBe("denied");
    expect(classify(kafkajs("POLICY_VIOLATION")).kind).toBe("refused");
    expect(
      classify(
        Object.assign(new Error("self-signed certificate"), { code: "SELF_SIGNED_CERT_IN_CHAIN" }),
      ).kind,
    ).toBe("tls");
    expect(classify(Object.assign(new Error("connect"), { code: "ECONNREFUSED" })).kind).toBe(
      "unreachable",
    );
  });

  it("spots MSK's private listeners, which no stage outside their VPC reaches", () => {
    expect(isPrivateMsk("b-1.gg.abc123.c2.kafka.us-east-1.amazonaws.com:9096")).toBe(true);
    expect(isPrivateMsk("b-1-public.gg.abc123.c2.kafka.us-east-1.amazonaws.com:9196")).toBe(false);
    expect(isPrivateMsk("pkc-123.us-east-1.aws.confluent.cloud:9092")).toBe(false);
  });
});

describe("the secrets check", () => {
  it("wants the broker list and the key, and SASL credentials in pairs", () => {
    expect(
      checkSecrets("s", { KafkaBrokers: "b:9196", ApiKey: "k", KafkaUsername: "u" }, [
        "KafkaBrokers",
        "ApiKey",
      ]),
    ).toMatchObject({
      ok: false,
      fix: "npx sst secret set KafkaPassword <value> --stage s",
    });
    expect(
      checkSecrets("s", { KafkaBrokers: "b", ApiKey: "k" }, ["KafkaBrokers", "ApiKey"]).detail,
    ).toMatch(/not host:port/);
  });

  it("lets each KAFKA_* variable override its secret", () => {
    const set = { KafkaBrokers: "b:9196", KafkaUsername: "u", KafkaPassword: "p" };
    expect(kafkaSecretsWithEnv(set, { KAFKA_PASSWORD: "other" })).toEqual({
      brokers: "b:9196",
      ssl: "true",
      mechanism: "scram-sha-512",
      username: "u",
      password: "other",
    });
  });
});

describe("the command line", () => {
  it("wants a stage, knows --force and --diff, and prints one line per check", () => {
    const c = loadConfig(["deploy", "--stage", "staging", "--force"], {
      KAFKA_BROKERS: "x:1",
      KAFKA_SSL: "",
    });
    expect(c).toMatchObject({ command: "deploy", stage: "staging", force: true, diff: false });
    expect(c.aws.region).toBe("us-east-1");
    expect(c.kafkaEnv).toEqual({ KAFKA_BROKERS: "x:1" });
    expect(() => loadConfig(["check"], {})).toThrow(/--stage/);
    expect(() => loadConfig(["check", "--stage", "a", "--yes"], {})).toThrow(
      /unknown argument "--yes"/,
    );
    const line = formatLine({ ok: false, name: "n", detail: "two\nlines", fix: "do it" });
    expect(line).toBe("✗ n: two lines. Fix: do it");
  });
});

describe("what a deploy would add and remove", () => {
  it("compares the AWS resources of the state with those the program declares", () => {
    const urn = (type: string, name: string) =>
      `urn:pulumi:s::gourmetgram::sst:aws:Vpc$${type}::${name}`;
    const deployed = stateResources([
      { type: "aws:ec2/eip:Eip", urn: urn("aws:ec2/eip:Eip", "VpcElasticIp1") },
      { type: "sst:aws:Vpc", urn: "urn:pulumi:s::gourmetgram::sst:aws:Vpc::Vpc" },
      {
        type: "pulumi:providers:aws",
        urn: "urn:pulumi:s::gourmetgram::pulumi:providers:aws::default",
      },
    ]);
    expect(deployed).toEqual([{ type: "aws:ec2/eip:Eip", name: "VpcElasticIp1" }]);
    expect(
      resourceDelta(deployed, [
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "DatabasePublic" },
        { type: "sst:aws:Vpc", name: "Vpc" },
      ]),
    ).toEqual({
      create: ["aws:ec2/securityGroup:SecurityGroup DatabasePublic"],
      remove: ["aws:ec2/eip:Eip VpcElasticIp1"],
    });
  });
});
