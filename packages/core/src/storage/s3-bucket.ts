import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
} from "@aws-sdk/client-s3";
import { awsErrorName, fromAwsError } from "../aws/index";
import { createS3Client, type S3StoreConfig } from "./s3-store";

/** Empties and deletes a bucket (test teardown); a missing bucket is not an error. */
export async function deleteBucket(config: S3StoreConfig): Promise<void> {
  const s3 = createS3Client(config);
  const Bucket = config.bucket;
  try {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: token }));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length > 0) {
        await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys } }));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    await s3.send(new DeleteBucketCommand({ Bucket }));
  } catch (e) {
    if (awsErrorName(e) === "NoSuchBucket") return;
    throw fromAwsError(e, "s3", `delete bucket ${Bucket}`);
  } finally {
    s3.destroy();
  }
}
