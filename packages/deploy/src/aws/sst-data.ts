import { createDecipheriv } from "node:crypto";
import { gunzipSync } from "node:zlib";

// How the SST CLI (pkg/project/provider) stores a stage's data in its state bucket: JSON at
// `<kind>/<app>/<stage>.json`, secrets sealed with AES-256-GCM under the stage's passphrase
// (base64 of 32 bytes, an SSM SecureString at /sst/passphrase/<app>/<stage>) as nonce (12 bytes)
// then ciphertext then tag (16 bytes), as Go's cipher.AEAD.Seal lays them out; newer CLIs may
// gzip the object on top. Pure, so it is tested without AWS.

/** The state bucket key of one kind of a stage's data (`secret`, `app`, `lock`). */
export const dataKey = (kind: string, app: string, stage: string) => `${kind}/${app}/${stage}.json`;

/** The SSM parameter holding the stage's passphrase. */
export const passphraseParameter = (app: string, stage: string) =>
  `/sst/passphrase/${app}/${stage}`;

/** The parsed JSON of a stored object: unzipped if gzipped, opened if `passphrase` is given. */
export function decodeSstData(body: Uint8Array, passphrase?: string): unknown {
  let bytes = Buffer.from(body);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  if (passphrase !== undefined) {
    const key = Buffer.from(passphrase, "base64");
    if (key.length !== 32) throw new Error("the stage's passphrase is not 32 bytes of base64");
    const nonce = bytes.subarray(0, 12);
    const tag = bytes.subarray(bytes.length - 16);
    const decipher = createDecipheriv("aes-256-gcm", key, nonce);
    decipher.setAuthTag(tag);
    bytes = Buffer.concat([
      decipher.update(bytes.subarray(12, bytes.length - 16)),
      decipher.final(),
    ]);
  }
  return JSON.parse(bytes.toString("utf8"));
}
