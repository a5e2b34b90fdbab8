import { apiSettingsFromEnv } from "@gg/api";
import { controlSettingsFromEnv } from "@gg/control";
import { kafkaFromEnv, kafkaFromLink } from "@gg/core/kafka";
import { generatorSettingsFromEnv } from "@gg/traffic/generator";
import { describe, expect, it } from "vitest";

// One parser of KAFKA_* for every deployable: the API, the relay and the control plane (through
// apiSettingsFromEnv), the generator and its CLI (generatorSettingsFromEnv), and the firehose CLI.
const DB = { DATABASE_URL: "postgres://u:p@127.0.0.1:5432/gg" };
const SCRAM = {
  KAFKA_BROKERS: "b-1.msk:9096, b-2.msk:9096",
  KAFKA_SSL: "1",
  KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
  KAFKA_USERNAME: "gg",
  KAFKA_PASSWORD: "secret",
};
const expected = {
  brokers: ["b-1.msk:9096", "b-2.msk:9096"],
  ssl: true,
  sasl: { mechanism: "scram-sha-512", username: "gg", password: "secret" },
};

describe("kafkaFromEnv", () => {
  it("is null without brokers, or the fallback's plain connection", () => {
    expect(kafkaFromEnv({})).toBeNull();
    expect(kafkaFromEnv({ KAFKA_BROKERS: " " })).toBeNull();
    expect(kafkaFromEnv({}, ["127.0.0.1:9092"])).toEqual({
      brokers: ["127.0.0.1:9092"],
      ssl: false,
    });
  });

  it("reads TLS and SASL, the mechanism in any case", () => {
    expect(kafkaFromEnv(SCRAM)).toEqual(expected);
    for (const m of ["plain", "PLAIN", "Scram-Sha-256"]) {
      expect(kafkaFromEnv({ ...SCRAM, KAFKA_SASL_MECHANISM: m })?.sasl?.mechanism).toBe(
        m.toLowerCase(),
      );
    }
  });

  it("reads KAFKA_SSL as 1/true/yes or 0/false/no, any case, and refuses anything else", () => {
    const ssl = (v: string) => kafkaFromEnv({ KAFKA_BROKERS: "k:9092", KAFKA_SSL: v })?.ssl;
    for (const v of ["1", "true", "TRUE", "yes", " Yes "]) expect(ssl(v)).toBe(true);
    for (const v of ["0", "false", "False", "no", "NO", ""]) expect(ssl(v)).toBe(false);
    expect(() => ssl("on-ish")).toThrow('KAFKA_SSL="on-ish" is not on or off');
    expect(() => ssl("2")).toThrow(/KAFKA_SSL/);
  });

  it("names the variable of a bad value", () => {
    expect(() => kafkaFromEnv({ ...SCRAM, KAFKA_SASL_MECHANISM: "scram" })).toThrow(
      'KAFKA_SASL_MECHANISM="scram" is not one of plain, scram-sha-256, scram-sha-512',
    );
    expect(() => kafkaFromEnv({ KAFKA_BROKERS: "k1:9092,k2" })).toThrow(
      'KAFKA_BROKERS entry "k2" is not host:port',
    );
  });

  it("takes SASL all or nothing, naming what is missing", () => {
    const { KAFKA_PASSWORD: _, ...noPassword } = SCRAM;
    expect(() => kafkaFromEnv(noPassword)).toThrow(/KAFKA_PASSWORD is not set/);
    const { KAFKA_SASL_MECHANISM: __, ...noMechanism } = SCRAM;
    expect(() => kafkaFromEnv(noMechanism)).toThrow(/KAFKA_SASL_MECHANISM is not set/);
    expect(() => kafkaFromEnv({ KAFKA_BROKERS: "k:9092", KAFKA_SASL_MECHANISM: "plain" })).toThrow(
      /KAFKA_USERNAME and KAFKA_PASSWORD are not set/,
    );
  });
});

describe("every deployable reads KAFKA_* the same way", () => {
  it("the API, the control plane and the generator agree (SCRAM-SHA-512, KAFKA_SSL=1)", () => {
    expect(apiSettingsFromEnv({ ...DB, ...SCRAM }).kafka).toMatchObject(expected);
    expect(controlSettingsFromEnv({ ...DB, ...SCRAM }).kafka).toMatchObject(expected);
    expect(generatorSettingsFromEnv({ ...DB, ...SCRAM }).clickstream?.kafka).toMatchObject(
      expected,
    );
  });

  it("and all refuse the same bad value", () => {
    const bad = { ...DB, ...SCRAM, KAFKA_SSL: "maybe" };
    expect(() => apiSettingsFromEnv(bad)).toThrow(/KAFKA_SSL="maybe"/);
    expect(() => controlSettingsFromEnv(bad)).toThrow(/KAFKA_SSL="maybe"/);
    expect(() => generatorSettingsFromEnv(bad)).toThrow(/KAFKA_SSL="maybe"/);
  });
});

describe("kafkaFromLink", () => {
  const link = {
    brokers: ["b-1.msk:9096"],
    ssl: true,
    mechanism: "scram-sha-256" as const,
    username: "gg",
    password: "pw",
  };
  it("takes SST's typed link as it is; an empty username means no SASL", () => {
    expect(kafkaFromLink(link)).toEqual({
      brokers: ["b-1.msk:9096"],
      ssl: true,
      sasl: { mechanism: "scram-sha-256", username: "gg", password: "pw" },
    });
    expect(kafkaFromLink({ ...link, username: "" })).toEqual({
      brokers: ["b-1.msk:9096"],
      ssl: true,
    });
  });
});
