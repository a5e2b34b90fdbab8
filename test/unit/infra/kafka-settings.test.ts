import { describe, expect, it } from "vitest";
import { parseBrokers, parseSaslMechanism, parseSsl } from "../../../infra/kafka-settings";

// These run at deploy time on the secrets' values: a bad secret must fail `sst deploy` loudly.
describe("Kafka secret parsing", () => {
  it("splits and trims a broker list", () => {
    expect(parseBrokers(" b-1.msk:9096, b-2.msk:9096 ,")).toEqual(["b-1.msk:9096", "b-2.msk:9096"]);
  });

  it("rejects an empty list and entries without a port", () => {
    expect(() => parseBrokers(" , ")).toThrow(/empty/);
    expect(() => parseBrokers("b-1.msk:9096,b-2.msk")).toThrow(/"b-2.msk" is not host:port/);
  });

  it("accepts the three SASL mechanisms case-insensitively and nothing else", () => {
    expect(parseSaslMechanism("PLAIN")).toBe("plain");
    expect(parseSaslMechanism("scram-sha-256")).toBe("scram-sha-256");
    expect(parseSaslMechanism(" SCRAM-SHA-512 ")).toBe("scram-sha-512");
    expect(() => parseSaslMechanism("scram")).toThrow(/not one of plain, scram-sha-256/);
  });

  it("reads TLS as KAFKA_SSL is read (1/true/yes, 0/false/no), so a typo cannot turn it off", () => {
    expect(parseSsl("true")).toBe(true);
    expect(parseSsl("yes")).toBe(true);
    expect(parseSsl(" FALSE ")).toBe(false);
    expect(parseSsl("0")).toBe(false);
    expect(() => parseSsl("ture")).toThrow(/KafkaSsl="ture" is not on or off/);
    expect(() => parseSsl(" ")).toThrow(/KafkaSsl is empty/);
  });
});
