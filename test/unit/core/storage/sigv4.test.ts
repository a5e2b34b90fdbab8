// Our SigV4 signer (the upload route's PutObject without the SDK) against the AWS SDK's own: the
// SDK signs a request (captured after its signing step, never sent); ours signs the same method,
// path, headers, date and payload hash, and must produce the same Authorization header. LocalStack
// does not check signatures, so this is what says ours would pass on AWS.
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { createS3Client, createSigner, encodePath } from "@gg/core/storage";
import { describe, expect, it } from "vitest";

const keys = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};

interface Captured {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

/** The request the SDK signed for `command`, caught after signing and never sent. */
async function signedBySdk(command: PutObjectCommand | DeleteObjectCommand, sessionToken?: string) {
  const s3 = createS3Client({
    region: "eu-west-1",
    endpoint: "http://127.0.0.1:4566",
    credentials: { ...keys, sessionToken },
  });
  let captured: Captured | undefined;
  s3.middlewareStack.add(
    () => async (args) => {
      captured = args.request as Captured;
      return { response: { statusCode: 204, headers: {} }, output: {} } as never;
    },
    { step: "finalizeRequest", priority: "low" },
  );
  await s3.send(command as never).catch(() => {});
  if (!captured) throw new Error("the SDK sent nothing");
  return captured;
}

const fromAmzDate = (d: string) =>
  new Date(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`,
  );

describe("createSigner", () => {
  it.each([
    [
      "a put",
      () =>
        new PutObjectCommand({
          Bucket: "gg-bucket",
          Key: "a b/c(1)*.jpg",
          Body: "hi",
          ContentType: "image/jpeg",
        }),
      undefined,
    ],
    [
      "a delete, with a session token",
      () => new DeleteObjectCommand({ Bucket: "gg-bucket", Key: "0a1b.webp" }),
      "TOKEN/with+odd=chars",
    ],
  ])("signs %s as the AWS SDK does", async (_, command, sessionToken) => {
    const req = await signedBySdk(command(), sessionToken);
    const auth = String(req.headers.authorization);
    const signed = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(";") ?? [];
    const own = ["x-amz-date", "x-amz-content-sha256", "x-amz-security-token"];
    const headers = Object.fromEntries(
      signed.filter((h) => !own.includes(h)).map((h) => [h, String(req.headers[h])]),
    );
    const sign = createSigner("eu-west-1", "s3");
    const ours = sign(
      {
        method: req.method,
        path: req.path,
        query: req.query,
        headers,
        payloadHash: String(req.headers["x-amz-content-sha256"]),
      },
      { ...keys, sessionToken },
      fromAmzDate(String(req.headers["x-amz-date"])),
    );
    expect(ours.authorization).toBe(auth);
  });

  it("encodes a key's path segments as the SDK does", async () => {
    const req = await signedBySdk(
      new DeleteObjectCommand({ Bucket: "gg-bucket", Key: "a b/c(1)*!'.jpg" }),
    );
    expect(`/gg-bucket/${encodePath("a b/c(1)*!'.jpg")}`).toBe(req.path);
  });
});
