import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { GetParameterCommand, type SSMClient } from "@aws-sdk/client-ssm";
import { dataKey, decodeSstData, passphraseParameter } from "./sst-data";

// SST's "home" in the account: the bootstrap parameter naming its state bucket, the stage's
// passphrase and the objects in that bucket. Read only: the preflight never writes there.

const missing = (e: unknown) =>
  ["ParameterNotFound", "NoSuchKey", "NotFound"].includes(String((e as Error).name));

async function parameter(ssm: SSMClient, name: string): Promise<string | undefined> {
  try {
    const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return out.Parameter?.Value;
  } catch (e) {
    if (missing(e)) return undefined;
    throw e;
  }
}

/** The state bucket of this region's SST bootstrap, or undefined if SST never ran here. */
export async function stateBucket(ssm: SSMClient): Promise<string | undefined> {
  const value = await parameter(ssm, "/sst/bootstrap");
  return value ? (JSON.parse(value) as { state?: string }).state : undefined;
}

export interface StoredObject {
  body: Uint8Array;
  lastModified: Date | undefined;
}

/** One object of the state bucket, or undefined when it does not exist. */
export async function readObject(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<StoredObject | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { body: await out.Body!.transformToByteArray(), lastModified: out.LastModified };
  } catch (e) {
    if (missing(e)) return undefined;
    throw e;
  }
}

/** The stage's secrets as `sst secret list --stage` shows them ({} when none were set). */
export async function stageSecrets(
  clients: { ssm: SSMClient; s3: S3Client },
  bucket: string,
  app: string,
  stage: string,
): Promise<Record<string, string>> {
  const stored = await readObject(clients.s3, bucket, dataKey("secret", app, stage));
  if (!stored) return {};
  const passphrase = await parameter(clients.ssm, passphraseParameter(app, stage));
  if (!passphrase) throw new Error(`no passphrase at ${passphraseParameter(app, stage)}`);
  return decodeSstData(stored.body, passphrase) as Record<string, string>;
}
