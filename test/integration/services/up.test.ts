import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

interface Row {
  name: string;
  pid?: number;
}

const pids = async () => {
  const rows = JSON.parse((await runCli(["status", "--json"])).stdout) as Row[];
  return Object.fromEntries(rows.map((r) => [r.name, r.pid]));
};

describe("pnpm services up", () => {
  it("is idempotent: a second up reuses every running server and starts nothing", async () => {
    const before = await pids();
    const started = Date.now();
    const { code, stdout, stderr } = await runCli(["up"]);
    expect(code, stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    for (const name of ["postgres", "kafka", "localstack"]) {
      expect(stdout).toMatch(new RegExp(`${name} +already running`));
    }
    expect(stdout).not.toMatch(/start on/);
    expect(stdout).toContain("DATABASE_URL=postgres://postgres:postgres@127.0.0.1:");
    expect(await pids()).toEqual(before);
  });

  describe("when the port is held by something else", () => {
    let squatter: Server;
    let port = 0;
    let dataDir = "";

    beforeAll(async () => {
      // A TCP listener that is not LocalStack: the tool must refuse it rather than start a second.
      squatter = createServer((socket) => {
        socket.on("error", () => undefined);
        socket.destroy();
      });
      await new Promise<void>((ok) => squatter.listen(0, "127.0.0.1", ok));
      port = (squatter.address() as { port: number }).port;
      dataDir = await mkdtemp(join(tmpdir(), "gg-services-"));
    });

    afterAll(async () => {
      await new Promise((ok) => squatter.close(ok));
      await rm(dataDir, { recursive: true, force: true });
    });

    it("fails with a message naming the port and the service", async () => {
      const env = { GG_LOCALSTACK_PORT: String(port), GG_DATA_DIR: dataDir };
      const { code, stdout, stderr } = await runCli(["up", "localstack"], env);
      expect(code, `${stdout}\n${stderr}`).toBe(1);
      expect(stderr).toContain(
        `port 127.0.0.1:${port} is in use but does not answer as LocalStack`,
      );
      expect(stderr).toContain("GG_LOCALSTACK_PORT");
    });
  });
});
