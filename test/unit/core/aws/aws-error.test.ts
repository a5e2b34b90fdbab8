import { fromAwsError } from "@gg/core/aws";
import { describe, expect, it } from "vitest";

describe("fromAwsError", () => {
  const err = (name: string, status?: number) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
  it.each([
    ["no answer (network)", err("TimeoutError"), "UNAVAILABLE", true],
    ["a 503", err("ServiceUnavailable", 503), "UNAVAILABLE", true],
    ["a throttle", err("SlowDown", 400), "UNAVAILABLE", true],
    ["access denied", err("AccessDenied", 403), "INTERNAL", false],
  ])("maps %s", (_, e, code, retriable) => {
    expect(fromAwsError(e, "s3", "put")).toMatchObject({ code, retriable, dependency: "s3" });
  });
});
