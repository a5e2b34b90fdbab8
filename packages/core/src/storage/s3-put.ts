import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { S3Client } from "@aws-sdk/client-s3";
import { createSigner, encodePath } from "./sigv4";

export interface S3PutTarget {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (LocalStack), addressed path-style; unset: AWS, virtual-hosted. */
  endpoint?: string | undefined;
  /** The S3 client's own provider: static keys, or the SDK's chain with its refresh. */
  credentials: S3Client["config"]["credentials"];
}

/**
 * PutObject without the SDK: one signed HTTP PUT on a keep-alive connection. The upload route's
 * hot path: the SDK's middleware stack (serde schemas, checksum and logging middleware, signing)
 * cost about as much CPU per upload as the rest of the request. The body is sent with
 * `UNSIGNED-PAYLOAD` (S3 accepts it; TLS protects it on AWS), so it is not hashed. A refusal comes
 * out shaped like the SDK's errors (`name`, `$metadata.httpStatusCode`) for `fromAwsError`.
 */
export function createS3Put(target: S3PutTarget) {
  const base = new URL(
    target.endpoint ?? `https://${target.bucket}.s3.${target.region}.amazonaws.com`,
  );
  const pathStyle = target.endpoint !== undefined;
  const https = base.protocol === "https:";
  const agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const sign = createSigner(target.region, "s3");
  const prefix = base.pathname.replace(/\/$/, "");

  return async (key: string, body: Uint8Array, contentType: string): Promise<void> => {
    const path = `${prefix}${pathStyle ? `/${encodePath(target.bucket)}` : ""}/${encodePath(key)}`;
    const keys = await target.credentials();
    const headers = sign(
      {
        method: "PUT",
        path,
        headers: {
          host: base.host,
          "content-type": contentType,
          "content-length": String(body.byteLength),
        },
        payloadHash: "UNSIGNED-PAYLOAD",
      },
      keys,
      new Date(),
    );
    const send = https ? httpsRequest : httpRequest;
    await new Promise<void>((resolve, reject) => {
      const req = send(
        {
          protocol: base.protocol,
          host: base.hostname,
          port: base.port || undefined,
          method: "PUT",
          path,
          headers,
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve();
            const text = Buffer.concat(chunks).toString("utf8");
            const name = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `Http${status}`;
            const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200);
            reject(
              Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } }),
            );
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  };
}
