import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { type AwsConfig, awsErrorName, awsStatus, clientConfig, fromAwsError } from "../aws/index";
import type { ObjectStore } from "./object-store";
import { createS3Put } from "./s3-put";

/** A bucket; an `endpoint` (LocalStack, MinIO) switches to path-style addressing. */
export interface S3StoreConfig extends AwsConfig {
  bucket: string;
}

/** The S3 client a store of this config uses (exported for teardown helpers). */
export function createS3Client(config: AwsConfig): S3Client {
  return new S3Client({
    ...clientConfig(config),
    // Emulators serve buckets under the path, not as virtual-host subdomains of 127.0.0.1.
    forcePathStyle: config.endpoint !== undefined,
    // The SDK's default flexible checksums (CRC32 on every put) are not understood by every
    // S3-compatible server; against a custom endpoint send them only where S3 requires them.
    ...(config.endpoint
      ? { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" }
      : {}),
  });
}

/** An ObjectStore on one S3 bucket; `put` answers `s3://bucket/key`. */
export function createS3Store(config: S3StoreConfig): ObjectStore {
  const s3 = createS3Client(config);
  const Bucket = config.bucket;
  const putObject = createS3Put({
    bucket: Bucket,
    region: config.region,
    endpoint: config.endpoint,
    credentials: s3.config.credentials,
  });
  const fail =
    (action: string) =>
    (e: unknown): never => {
      throw fromAwsError(e, "s3", `${action} s3://${Bucket}`);
    };

  return {
    async put(key, body, contentType) {
      await putObject(key, body, contentType).catch(fail("put"));
      return { url: `s3://${Bucket}/${key}` };
    },
    async get(key) {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
        const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
        return { body, contentType: out.ContentType ?? "application/octet-stream" };
      } catch (e) {
        if (awsErrorName(e) === "NoSuchKey" || awsStatus(e) === 404) return null;
        return fail("get")(e);
      }
    },
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: key })).catch(fail("delete"));
    },
    presign(key, expiresInSec) {
      // Signing is local (no request): it fails only on missing credentials or a bad config.
      return getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: key }), {
        expiresIn: expiresInSec,
      }).catch(fail("presign"));
    },
    async ensureBucket() {
      try {
        await s3.send(new HeadBucketCommand({ Bucket }));
        return;
      } catch (e) {
        if (awsStatus(e) !== 404) fail("head bucket")(e);
      }
      try {
        await s3.send(
          new CreateBucketCommand({
            Bucket,
            // us-east-1 is the one region that rejects an explicit LocationConstraint.
            ...(config.region === "us-east-1"
              ? {}
              : { CreateBucketConfiguration: { LocationConstraint: config.region as never } }),
          }),
        );
      } catch (e) {
        // Lost a race with another creator: the bucket exists, which is all we wanted.
        if (awsErrorName(e) !== "BucketAlreadyOwnedByYou") fail("create bucket")(e);
      }
    },
    async ping() {
      await s3.send(new HeadBucketCommand({ Bucket })).catch(fail("ping"));
    },
  };
}
