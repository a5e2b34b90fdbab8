import { createHash, createHmac } from "node:crypto";

/** Keys to sign with (a session token when they are temporary, as a Lambda role's are). */
export interface SigningKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

/** One request to sign: its path is already URI-encoded; header names in lower case. */
export interface SignedRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  /** The payload's hex SHA-256, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const hmac = (key: Buffer | string, s: string) => createHmac("sha256", key).update(s).digest();

/**
 * AWS Signature Version 4 in the Authorization header: the `authorization` header (and
 * `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token`) to add. Every header given is
 * signed. The signing key is derived once per (secret, day, region, service) and kept.
 */
export function createSigner(region: string, service: string) {
  let cached: { id: string; key: Buffer } | undefined;
  return (req: SignedRequest, keys: SigningKeys, now: Date): Record<string, string> => {
    const amzDate = `${now.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${region}/${service}/aws4_request`;
    const headers: Record<string, string> = {
      ...req.headers,
      "x-amz-date": amzDate,
      "x-amz-content-sha256": req.payloadHash,
      ...(keys.sessionToken ? { "x-amz-security-token": keys.sessionToken } : {}),
    };
    const names = Object.keys(headers).sort();
    const query = Object.entries(req.query ?? {})
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .sort()
      .join("&");
    const canonical = [
      req.method,
      req.path,
      query,
      ...names.map((n) => `${n}:${String(headers[n]).trim().replace(/\s+/g, " ")}`),
      "",
      names.join(";"),
      req.payloadHash,
    ].join("\n");
    const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
    const id = `${keys.secretAccessKey}\u0000${scope}`;
    if (cached?.id !== id) {
      const dated = hmac(`AWS4${keys.secretAccessKey}`, day);
      cached = { id, key: hmac(hmac(hmac(dated, region), service), "aws4_request") };
    }
    const signature = createHmac("sha256", cached.key).update(toSign).digest("hex");
    const { host: _host, ...added } = headers;
    return {
      ...added,
      authorization: `AWS4-HMAC-SHA256 Credential=${keys.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
    };
  };
}

// RFC 3986: everything but the unreserved characters is percent-encoded.
const encode = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** A path encoded as SigV4 wants it for S3 (each segment RFC 3986-encoded, `/` kept). */
export const encodePath = (path: string) => path.split("/").map(encode).join("/");
