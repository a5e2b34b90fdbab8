// The S3 emulator `pnpm services up` starts must serve every common client, not only our SDK:
// the original Python API uploads with boto3, and operators reach for the AWS CLI. These clients
// (pinned in test/support/s3-clients/requirements.txt) send `Expect: 100-continue` on uploads.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ensureVenv, loadConfig, type Venv } from "@gg/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshBucket, freshBucket } from "../../support/fixtures";
import { isLoopback, listeners, pidListeningOn, sessionPids } from "../../support/sockets";
import { stack } from "../../support/stack";

const run = promisify(execFile);
const clients = fileURLToPath(new URL("../../support/s3-clients/", import.meta.url));
const endpoint = stack.awsEndpoint;
const awsEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_DEFAULT_REGION: stack.awsRegion,
};

describe("S3 emulator with boto3, the AWS CLI and our SDK", () => {
  let venv: Venv;
  let b: FreshBucket;
  let dir = "";
  const small = randomBytes(64 * 1024);
  // Over the CLI's and our script's 5 MiB multipart threshold: three parts.
  const large = randomBytes(12 * 1024 * 1024 + 17);

  beforeAll(async () => {
    const { cacheDir } = loadConfig(process.env, process.getuid?.() ?? 1000);
    const requirements = join(clients, "requirements.txt");
    [venv, b, dir] = await Promise.all([
      ensureVenv({ cacheDir, name: "s3-clients-venv", requirements, log: console.log }),
      freshBucket(),
      mkdtemp(join(tmpdir(), "gg-s3-clients-")),
    ]);
    await writeFile(join(dir, "small.bin"), small);
    await writeFile(join(dir, "large.bin"), large);
  }, 300_000);
  afterAll(async () => {
    await b?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const aws = (...args: string[]) =>
    run(venv.bin("aws"), ["--endpoint-url", endpoint, "--only-show-errors", ...args], {
      env: awsEnv,
      timeout: 60_000,
    });

  it("boto3: put_object (bytes and a file), multipart upload_fileobj, get_object", async () => {
    const script = join(clients, "boto3_roundtrip.py");
    const { stdout } = await run(venv.bin("python"), [script, endpoint, b.bucket, dir], {
      timeout: 90_000,
    });
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ boto3: "1.35.99", bytes: true, file: true, large: true });
    // An S3 multipart ETag ends in -<parts>: the upload really went in parts.
    expect(out.large_etag).toMatch(/-3"$/);
    // What boto3 wrote, our SDK reads byte for byte.
    const got = await b.store.get("boto3/large.bin");
    expect(Buffer.from(got?.body ?? []).equals(large)).toBe(true);
  });

  it("AWS CLI: s3 cp up (single and multipart) and down, and reads what our SDK wrote", async () => {
    await aws("s3", "cp", join(dir, "small.bin"), `s3://${b.bucket}/cli/small.bin`);
    await aws("s3", "cp", join(dir, "large.bin"), `s3://${b.bucket}/cli/large.bin`);
    expect(Buffer.from((await b.store.get("cli/small.bin"))?.body ?? []).equals(small)).toBe(true);
    expect(Buffer.from((await b.store.get("cli/large.bin"))?.body ?? []).equals(large)).toBe(true);

    await b.store.put("sdk/photo.jpg", small, "image/jpeg");
    await aws("s3", "cp", `s3://${b.bucket}/sdk/photo.jpg`, join(dir, "down.jpg"));
    await aws("s3", "cp", `s3://${b.bucket}/cli/large.bin`, join(dir, "down.bin"));
    expect((await readFile(join(dir, "down.jpg"))).equals(small)).toBe(true);
    expect((await readFile(join(dir, "down.bin"))).equals(large)).toBe(true);
  });

  it("nothing the emulator started listens on a non-loopback address", async () => {
    const port = Number(new URL(endpoint).port);
    const pid = await pidListeningOn(port);
    if (!pid) throw new Error(`no local process listens on ${port}: is LocalStack ours?`);
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const sid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]);
    const open = await listeners(await sessionPids(sid));
    expect(open.some((l) => l.port === port)).toBe(true);
    expect(open.filter((l) => !isLoopback(l.address))).toEqual([]);
  });
});
