import type { S3Client } from "@aws-sdk/client-s3";
import { dataKey, decodeSstData } from "../aws/sst-data";
import { readObject } from "../aws/sst-home";
import { type CheckResult, fail, pass } from "../report";

interface Checkpoint {
  checkpoint?: { latest?: { resources?: { type?: string }[] } };
}

/**
 * Whether a stage of that name is deployed (SST keeps its Pulumi state at app/<app>/<stage>.json
 * in the state bucket) and whether a deploy holds its lock. What would change property by
 * property needs the Pulumi engine: `npx sst diff --stage <stage>` (or `--diff` here).
 */
export async function checkDeployed(
  s3: S3Client,
  bucket: string | undefined,
  stage: { app: string; stage: string },
): Promise<CheckResult> {
  const name = `stage ${stage.stage}`;
  const fresh = pass(name, "not deployed yet: the deploy creates every resource");
  if (!bucket) return fresh;
  const lock = await readObject(s3, bucket, dataKey("lock", stage.app, stage.stage));
  if (lock) {
    return fail(
      name,
      `a deploy holds its lock since ${lock.lastModified?.toISOString() ?? "an unknown time"}`,
      `wait for it, or if none runs: npx sst unlock --stage ${stage.stage}`,
    );
  }
  const state = await readObject(s3, bucket, dataKey("app", stage.app, stage.stage));
  if (!state) return fresh;
  const resources = (decodeSstData(state.body) as Checkpoint).checkpoint?.latest?.resources ?? [];
  const ours = resources.filter((r) => r.type?.startsWith("aws:")).length;
  const when = state.lastModified ? `, last deployed ${state.lastModified.toISOString()}` : "";
  return pass(
    name,
    `deployed: ${ours} AWS resources${when}; a deploy updates it (what changes: npx sst diff --stage ${stage.stage})`,
  );
}
