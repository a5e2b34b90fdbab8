import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { clientConfig } from "@gg/core/aws";
import type { EmulateConfig } from "./config";

export interface Clients {
  lambda: LambdaClient;
  events: EventBridgeClient;
  s3: S3Client;
  sqs: SQSClient;
}

/** SDK clients on LocalStack (any keys; `test` maps to its default account). */
export function clients(c: EmulateConfig): Clients {
  const base = clientConfig({
    endpoint: c.endpoint,
    region: c.region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  return {
    lambda: new LambdaClient(base),
    events: new EventBridgeClient(base),
    s3: new S3Client({ ...base, forcePathStyle: true }),
    sqs: new SQSClient(base),
  };
}
