import { EC2Client } from "@aws-sdk/client-ec2";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import { type AwsConfig, clientConfig } from "@gg/core/aws";

/** The SDK clients the preflight reads the account with (nothing here writes). */
export interface Clients {
  sts: STSClient;
  lambda: LambdaClient;
  ssm: SSMClient;
  s3: S3Client;
  ec2: EC2Client;
}

/** Clients for the deploy region; an emulator's endpoint (LocalStack) when `aws.endpoint` is set. */
export function createClients(aws: AwsConfig): Clients {
  const base = { ...clientConfig(aws), maxAttempts: 2 };
  return {
    sts: new STSClient(base),
    lambda: new LambdaClient(base),
    ssm: new SSMClient(base),
    s3: new S3Client({ ...base, forcePathStyle: Boolean(aws.endpoint) }),
    ec2: new EC2Client(base),
  };
}
