import { flag, oneOf, read } from "@gg/core/env";
import { describe, expect, it } from "vitest";

describe("env readers", () => {
  it("treat an empty or blank value as unset", () => {
    expect(read({ A: "" }, "A")).toBeUndefined();
    expect(read({ A: "  " }, "A")).toBeUndefined();
    expect(read({ A: " x " }, "A")).toBe("x");
    expect(flag({}, "GG_LOCAL_STACK")).toBeUndefined();
  });

  it("flag: 1/true/yes and 0/false/no in any case; a typo is an error naming the variable", () => {
    expect(["1", "true", "Yes"].map((v) => flag({ F: v }, "F"))).toEqual([true, true, true]);
    expect(["0", "FALSE", "no"].map((v) => flag({ F: v }, "F"))).toEqual([false, false, false]);
    expect(() => flag({ GG_LOCAL_STACK: "y" }, "GG_LOCAL_STACK")).toThrow(
      'GG_LOCAL_STACK="y" is not on or off: use 1, true, yes or 0, false, no',
    );
  });

  it("oneOf matches case-insensitively and lists the choices on a miss", () => {
    expect(oneOf({ M: "A" }, "M", ["a", "b"] as const)).toBe("a");
    expect(() => oneOf({ M: "c" }, "M", ["a", "b"] as const)).toThrow('M="c" is not one of a, b');
  });
});
