import { flag, int, oneOf, read } from "@gg/core/env";
import { describe, expect, it } from "vitest";

describe("env readers", () => {
  it("treat an empty or blank value as unset", () => {
    expect(read({ A: "" }, "A")).toBeUndefined();
    expect(read({ A: "  " }, "A")).toBeUndefined();
    expect(read({ A: " x " }, "A")).toBe("x");
    expect(flag({}, "GG_LOCAL_STACK")).toBeUndefined();
  });

  it("flag: 1/true/yes/on and 0/false/no/off in any case; a typo is an error naming the variable", () => {
    const on = ["1", "true", "Yes", "ON"].map((v) => flag({ F: v }, "F"));
    const off = ["0", "FALSE", "no", "OFF"].map((v) => flag({ F: v }, "F"));
    expect(on).toEqual([true, true, true, true]);
    expect(off).toEqual([false, false, false, false]);
    expect(() => flag({ GG_LOCAL_STACK: "y" }, "GG_LOCAL_STACK")).toThrow(
      'GG_LOCAL_STACK="y" is not on or off: use 1, true, yes, on or 0, false, no, off',
    );
  });

  it("int: a whole number within its range, else an error naming the variable and the range", () => {
    expect(int({ N: " 42 " }, "N")).toBe(42);
    expect(int({}, "N")).toBeUndefined();
    expect(() => int({ N: "4.5" }, "N")).toThrow('N="4.5" is not a whole number');
    expect(() => int({ N: "1e3" }, "N")).toThrow('N="1e3" is not a whole number');
    expect(() => int({ N: "0" }, "N", { min: 1 })).toThrow(/N="0" is not a whole number in \[1, /);
  });

  it("oneOf matches case-insensitively and lists the choices on a miss", () => {
    expect(oneOf({ M: "A" }, "M", ["a", "b"] as const)).toBe("a");
    expect(() => oneOf({ M: "c" }, "M", ["a", "b"] as const)).toThrow('M="c" is not one of a, b');
  });
});
