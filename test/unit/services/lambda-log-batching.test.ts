// The executor's log batching (packages/services/lambda-executor/gg_lambda_executor/tuning.py):
// how a batch of invocations' logs becomes PutLogEvents calls. Pure Python, run with the
// machine's python3 (the module imports LocalStack only inside the functions that patch it).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PACKAGE = fileURLToPath(
  new URL("../../../packages/services/lambda-executor", import.meta.url),
);

/** Runs `body` with tuning.py imported as `t` and a LogItem stand-in `Item`; returns its JSON. */
function python(body: string): unknown {
  const script = [
    "import json, sys",
    "from collections import namedtuple",
    "from gg_lambda_executor import tuning as t",
    "Item = namedtuple('Item', 'log_group log_stream logs')",
    body,
  ].join("\n");
  const out = execFileSync("python3", ["-c", script], {
    env: { ...process.env, PYTHONPATH: PACKAGE },
    encoding: "utf8",
  });
  return JSON.parse(out);
}

describe("the executor's log batching", () => {
  it("sends each stream's lines in the order they came, one event per non-empty line", () => {
    const got = python(`
batch = [(Item('g1', 's1', 'START a\\nhello\\n\\nEND a\\n'), 10),
         (Item('g1', 's2', 'START b\\n'), 11),
         (Item('g1', 's1', 'START c\\n'), 12)]
print(json.dumps({f"{g}/{s}": [(e['timestamp'], e['message']) for e in ev]
                  for (g, s), ev in t._by_stream(batch).items()}))`);
    expect(got).toEqual({
      "g1/s1": [
        [10, "START a\n"],
        [10, "hello\n"],
        [10, "END a\n"],
        [12, "START c\n"],
      ],
      "g1/s2": [[11, "START b\n"]],
    });
  });

  it("splits a stream's events at PutLogEvents' limits: 10,000 events, 1 MB", () => {
    const got = python(`
small = [{'timestamp': 1, 'message': 'x\\n'} for _ in range(25_001)]
big = [{'timestamp': 1, 'message': 'y' * 300_000} for _ in range(7)]
def sizes(chunks): return [[len(c), sum(len(e['message']) + 26 for e in c)] for c in chunks]
print(json.dumps({'small': sizes(t._chunks(small)), 'big': sizes(t._chunks(big))}))`) as {
      small: [number, number][];
      big: [number, number][];
    };
    expect(got.small.map(([n]) => n)).toEqual([10_000, 10_000, 5_001]);
    expect(got.big.map(([n]) => n)).toEqual([3, 3, 1]);
    for (const [, bytes] of [...got.small, ...got.big])
      expect(bytes).toBeLessThanOrEqual(1_000_000);
  });
});
