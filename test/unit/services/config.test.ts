import { loadConfig } from "@gg/services";
import { describe, expect, it } from "vitest";

describe("the services tool's config", () => {
  it("runs the broker's JVM for sustained load unless GG_KAFKA_JVM asks for a quick start", () => {
    expect(loadConfig({}, 1000).kafkaJvm).toBe("server");
    expect(loadConfig({ GG_KAFKA_JVM: "quick" }, 1000).kafkaJvm).toBe("quick");
    expect(() => loadConfig({ GG_KAFKA_JVM: "fast" }, 1000)).toThrow(
      'GG_KAFKA_JVM must be "server" or "quick", not "fast"',
    );
  });
});
