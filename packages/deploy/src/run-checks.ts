import type { Clients } from "./aws/clients";
import { stageSecrets, stateBucket } from "./aws/sst-home";
import { checkConcurrency } from "./checks/concurrency";
import { checkDeployed } from "./checks/deployed";
import { checkIdentity } from "./checks/identity";
import { checkKafka } from "./checks/kafka";
import type { ResourceRef } from "./checks/resource-delta";
import { checkSecrets, kafkaSecretsWithEnv } from "./checks/secrets";
import { checkZones } from "./checks/zones";
import { type CheckResult, fail } from "./report";
import type { StageNeeds } from "./stage-needs";

const awsFailure = (name: string, e: unknown): CheckResult =>
  fail(
    name,
    `${(e as Error).name}: ${(e as Error).message}`,
    "check the identity's IAM permissions (read-only calls)",
  );

/** A check that throws (permissions, throttling) still gives its one line. */
async function guarded(name: string, check: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await check();
  } catch (e) {
    return awsFailure(name, e);
  }
}

/**
 * Every preflight check of a stage, in order, each reported to `report` as soon as it is known:
 * identity and region, Lambda concurrency, secrets, Kafka (connection, topics), the NAT instance
 * type in the VPC's AZs, and the stage's state. Without an identity the AWS checks are not run.
 */
export async function runChecks(
  clients: Clients,
  needs: StageNeeds,
  options: {
    kafkaEnv: Record<string, string | undefined>;
    kafkaTimeoutMs?: number;
    /** What sst.config.ts declares now, asked only when the stage is deployed. */
    planned?: () => Promise<ResourceRef[]>;
  },
  report: (r: CheckResult) => void,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const add = (r: CheckResult) => {
    results.push(r);
    report(r);
  };
  const identity = await checkIdentity(clients.sts, needs.region);
  add(identity.result);
  let secrets: Record<string, string> | undefined;
  if (identity.account) {
    add(await guarded("Lambda concurrency", () => checkConcurrency(clients.lambda, needs)));
    let bucket: string | undefined;
    try {
      bucket = await stateBucket(clients.ssm);
      secrets = bucket ? await stageSecrets(clients, bucket, needs.app, needs.stage) : undefined;
      add(checkSecrets(needs.stage, secrets, needs.requiredSecrets));
    } catch (e) {
      add(awsFailure(`secrets of ${needs.stage}`, e));
    }
    for (const line of await checkKafka(
      kafkaSecretsWithEnv(secrets, options.kafkaEnv),
      needs,
      options.kafkaTimeoutMs,
    )) {
      add(line);
    }
    add(
      await guarded(`EC2 ${needs.natInstanceType} in the VPC's AZs`, () =>
        checkZones(clients.ec2, needs),
      ),
    );
    add(
      await guarded(`stage ${needs.stage}`, () =>
        checkDeployed(clients.s3, bucket, needs, options.planned),
      ),
    );
  } else {
    // The Kafka check needs no AWS: with KAFKA_* set it still says whether the broker works.
    if (options.kafkaEnv.KAFKA_BROKERS) {
      for (const line of await checkKafka(
        kafkaSecretsWithEnv(undefined, options.kafkaEnv),
        needs,
        options.kafkaTimeoutMs,
      )) {
        add(line);
      }
    }
  }
  return results;
}
