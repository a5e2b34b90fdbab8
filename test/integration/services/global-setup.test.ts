import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { stack } from "../../support/stack";
import { unreachableServices } from "../global-setup";

/** A loopback port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

describe("integration global setup", () => {
  it("finds every real service answering", async () => {
    expect(await unreachableServices(stack)).toEqual([]);
  });

  it("names each service that does not answer", async () => {
    const [pg, kafka, aws] = [await freePort(), await freePort(), await freePort()];
    const down = await unreachableServices({
      ...stack,
      databaseUrl: `postgres://postgres:postgres@127.0.0.1:${pg}/gourmetgram`,
      kafkaBrokers: [`127.0.0.1:${kafka}`],
      awsEndpoint: `http://127.0.0.1:${aws}`,
    });
    expect(down).toHaveLength(3);
    expect(down[0]).toMatch(
      new RegExp(`^PostgreSQL \\(postgres://127.0.0.1:${pg}/gourmetgram\\): `),
    );
    expect(down[1]).toMatch(new RegExp(`^Kafka \\(127.0.0.1:${kafka}\\): `));
    expect(down[2]).toMatch(new RegExp(`^LocalStack \\(http://127.0.0.1:${aws}\\): `));
  });
});
