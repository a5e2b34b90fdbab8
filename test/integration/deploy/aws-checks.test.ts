// deploy:check's AWS lines against LocalStack, in an account of this file's own (LocalStack takes
// a 12-digit access key as the account id), so nothing another test does is seen: the identity,
// Lambda's account settings, SST's secrets as the SST CLI stores them (SSM + S3, AES-256-GCM),
// the AZ offerings of EC2 and the stage's state. ~5 s.
import { createCipheriv, randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  PutFunctionConcurrencyCommand,
} from "@aws-sdk/client-lambda";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { type Clients, createClients, formatLine, runChecks, stageNeeds } from "@gg/deploy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zip } from "../../../packages/emulate/src/zip";
import { suffix } from "../../support/fixtures";
import { stack } from "../../support/stack";

const account = String(randomInt(100_000_000_000, 999_999_999_999));
let clients: Clients;
const bucket = `sst-state-${suffix()}`;
const functions: string[] = [];
const kafkaEnv = { KAFKA_BROKERS: stack.kafkaBrokers.join(","), KAFKA_SSL: "false" };

/** What the preflight prints for `stage` in this account, line by line. */
async function lines(
  stage: string,
  tweak: (n: ReturnType<typeof stageNeeds>) => void = () => {},
  planned?: () => Promise<{ type: string; name: string }[]>,
) {
  const needs = stageNeeds(stage);
  tweak(needs);
  return (await runChecks(clients, needs, { kafkaEnv, planned }, () => {})).map(formatLine);
}

/** Seals `data` as the SST CLI does: AES-256-GCM, nonce then ciphertext then tag. */
function seal(data: unknown, passphrase: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(passphrase, "base64"), nonce);
  const body = Buffer.concat([cipher.update(JSON.stringify(data)), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

async function createFunction(name: string, reserved: number) {
  const dir = mkdtempSync(join(tmpdir(), "gg-check-fn-"));
  writeFileSync(join(dir, "index.mjs"), "export const handler = async () => ({});\n");
  try {
    await clients.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Role: `arn:aws:iam::${account}:role/check`,
        Code: { ZipFile: zip([["index.mjs", join(dir, "index.mjs")]]) },
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  functions.push(name);
  await clients.lambda.send(
    new PutFunctionConcurrencyCommand({
      FunctionName: name,
      ReservedConcurrentExecutions: reserved,
    }),
  );
}

beforeAll(() => {
  clients = createClients({
    region: "us-east-1",
    endpoint: stack.awsEndpoint,
    credentials: { accessKeyId: account, secretAccessKey: "test" },
  });
});
afterAll(async () => {
  for (const name of functions) {
    await clients.lambda.send(new DeleteFunctionCommand({ FunctionName: name })).catch(() => {});
  }
});

describe("deploy:check against LocalStack", () => {
  it("without an AWS identity, says so and runs no AWS check (Kafka still, when KAFKA_* say where)", async () => {
    const nowhere = createClients({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:1",
      credentials: { accessKeyId: account, secretAccessKey: "test" },
    });
    const out = (await runChecks(nowhere, stageNeeds("alice"), { kafkaEnv }, () => {})).map(
      formatLine,
    );
    expect(out[0]).toMatch(/^✗ AWS identity: no usable AWS credentials .*Fix: sign in/);
    expect(out.slice(1).map((l) => l.split(":")[0])).toEqual([
      "✓ Kafka connection",
      "✓ Kafka topics",
    ]);
  });

  it("reports identity, concurrency, AZ offerings; no SST bootstrap means no secret", async () => {
    const out = await lines("production");
    expect(out[0]).toMatch(new RegExp(`^✓ AWS identity: account ${account} .*region us-east-1`));
    expect(out[1]).toBe(
      "✓ Lambda concurrency: limit 1000, 1000 unreserved; the API reserves 5, leaving 995 (AWS keeps 100)",
    );
    expect(out[2]).toMatch(
      /^✗ secrets of production: SST was never bootstrapped .*Fix: npx sst secret set KafkaBrokers/,
    );
    expect(out).toContain("✓ EC2 t4g.nano in the VPC's AZs: offered in us-east-1a, us-east-1b");
    expect(out.at(-1)).toBe(
      "✓ stage production: not deployed yet: the deploy creates every resource",
    );
  });

  it("fails the AZ check when a zone the VPC would use lacks the NAT's instance type", async () => {
    // LocalStack's EC2 data (moto's) has no t4g.nano in us-east-1e: a six-AZ VPC would use it.
    const out = await lines("production", (n) => {
      n.azCount = 6;
    });
    expect(out).toContainEqual(
      expect.stringMatching(
        /^✗ EC2 t4g.nano in the VPC's AZs: not offered in us-east-1e .*Fix: name AZs that offer it in infra\/vpc.ts/,
      ),
    );
  });

  it("reads the stage's secrets as SST stores them, and names the missing one", async () => {
    const passphrase = randomBytes(32).toString("base64");
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await clients.ssm.send(
      new PutParameterCommand({
        Name: "/sst/bootstrap",
        Type: "String",
        Value: JSON.stringify({ version: 4, state: bucket }),
      }),
    );
    await clients.ssm.send(
      new PutParameterCommand({
        Name: "/sst/passphrase/gourmetgram/staging",
        Type: "SecureString",
        Value: passphrase,
      }),
    );
    const put = (secrets: Record<string, string>) =>
      clients.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: "secret/gourmetgram/staging.json",
          Body: seal(secrets, passphrase),
        }),
      );
    await put({ KafkaBrokers: "b-1.example:9196" });
    expect(await lines("staging")).toContainEqual(
      '✗ secrets of staging: ApiKey not set (the deploy stops without them). Fix: npx sst secret set ApiKey "$(openssl rand -hex 24)" --stage staging',
    );
    await put({ KafkaBrokers: "b-1.example:9196", ApiKey: "k", KafkaSsl: "maybe" });
    expect(await lines("staging")).toContainEqual(
      expect.stringMatching(/^✗ secrets of staging: .*KafkaSsl/),
    );
    await put({ KafkaBrokers: "b-1.example:9196", ApiKey: "k" });
    const ok = await lines("staging");
    expect(ok).toContainEqual(
      expect.stringMatching(
        /^✓ secrets of staging: ApiKey, KafkaBrokers set; placeholders for KafkaUsername/,
      ),
    );
    // KAFKA_BROKERS overrides the secret: the broker probed is ours, not b-1.example.
    expect(ok).toContainEqual(
      expect.stringMatching(new RegExp(`^✓ Kafka connection: ${stack.kafkaBrokers[0]} answered`)),
    );
  });

  it("tells a deployed stage, what a deploy adds and removes, and a held lock", async () => {
    const urn = "urn:pulumi:staging::gourmetgram::";
    const state = {
      checkpoint: {
        latest: {
          resources: [
            {
              type: "aws:rds/instance:Instance",
              urn: `${urn}aws:rds/instance:Instance::DatabaseInstance`,
            },
            {
              type: "aws:ec2/instance:Instance",
              urn: `${urn}aws:ec2/instance:Instance::VpcNatInstance1`,
            },
            { type: "pulumi:pulumi:Stack", urn: `${urn}pulumi:pulumi:Stack::gourmetgram-staging` },
          ],
        },
      },
    };
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "app/gourmetgram/staging.json",
        Body: JSON.stringify(state),
      }),
    );
    expect((await lines("staging")).at(-1)).toMatch(
      /^✓ stage staging: deployed: 2 AWS resources, last deployed .*npx sst diff --stage staging/,
    );
    // What the program declares now (the CLI asks the mock evaluation): one kept, one new.
    const planned = async () => [
      { type: "aws:rds/instance:Instance", name: "DatabaseInstance" },
      { type: "aws:ec2/securityGroup:SecurityGroup", name: "DatabasePublic" },
      { type: "sst:aws:Vpc", name: "Vpc" },
    ];
    expect((await lines("staging", () => {}, planned)).at(-1)).toMatch(
      /; a deploy creates 1 \(aws:ec2\/securityGroup:SecurityGroup DatabasePublic\) and removes 1 \(aws:ec2\/instance:Instance VpcNatInstance1\);/,
    );
    await clients.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "lock/gourmetgram/staging.json", Body: "{}" }),
    );
    expect((await lines("staging")).at(-1)).toMatch(
      /^✗ stage staging: a deploy holds its lock since .*Fix: .*npx sst unlock --stage staging/,
    );
  });

  it("fails the concurrency check when the reservation would leave AWS fewer than 100", async () => {
    // Another function takes 900 of the 1,000: 100 left, and the API's 5 would leave 95.
    await createFunction(`other-${suffix(3)}`, 900);
    expect((await lines("alice"))[1]).toMatch(
      /^✗ Lambda concurrency: limit 1000, 100 unreserved; the API reserves 5, which would leave 95: AWS refuses below 100\. Fix: .*--quota-code L-B99A9384 --desired-value 1005 --region us-east-1$/,
    );
    // The stage's own API already holding its 5 counts as room: a redeploy needs nothing more.
    await clients.lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: functions[0]!,
        ReservedConcurrentExecutions: 895,
      }),
    );
    await createFunction(`gourmetgram-bob-ApiFunction-${suffix(3)}`, 5);
    expect((await lines("bob"))[1]).toMatch(
      /^✓ Lambda concurrency: .*100 unreserved; the API reserves 5, leaving 100/,
    );
  });
});
