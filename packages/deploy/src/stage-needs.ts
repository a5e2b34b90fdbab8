import { capacityPlan } from "../../../infra/capacity-plan";
import { topicNames } from "../../../infra/migrate-triggers";
import { regionOf } from "../../../infra/region";
import { SECRET_DEFAULTS, type SecretName } from "../../../infra/secret-defaults";
import { capacityOf, privateNetworkFor } from "../../../infra/stage-policy";

/** What a stage's deploy will ask of the account and of Kafka, from infra's own pure rules. */
export interface StageNeeds {
  app: string;
  stage: string;
  region: string;
  /** The API's reserved concurrency. */
  reservedConcurrency: number;
  /** Functions in the VPC behind fck-nat t4g.nano instances (else no NAT at all). */
  privateNetwork: boolean;
  natInstanceType: string;
  /** AZs the VPC spans (sst.aws.Vpc takes the region's first `az` available zones). */
  azCount: number;
  kafkaPartitions: number;
  topics: string[];
  /** Secrets without a placeholder: the deploy fails until they are set. */
  requiredSecrets: SecretName[];
}

/** The needs of `stage` of the app (sst.config.ts names it `gourmetgram`). */
export function stageNeeds(stage: string, app = "gourmetgram"): StageNeeds {
  const plan = capacityPlan(capacityOf(stage));
  return {
    app,
    stage,
    region: regionOf(stage),
    reservedConcurrency: plan.apiConcurrency,
    privateNetwork: privateNetworkFor(stage, plan.db.proxy),
    natInstanceType: "t4g.nano",
    azCount: 2,
    kafkaPartitions: plan.kafkaPartitions,
    topics: topicNames(),
    requiredSecrets: (Object.keys(SECRET_DEFAULTS) as SecretName[]).filter(
      (name) => SECRET_DEFAULTS[name] === undefined,
    ),
  };
}
