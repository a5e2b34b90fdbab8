import type { S3Client } from "@aws-sdk/client-s3";
import { dataKey, decodeSstData } from "../aws/sst-data";
import { readObject } from "../aws/sst-home";
import { type CheckResult, fail, pass } from "../report";
import { type ResourceRef, resourceDelta, stateResources } from "./resource-delta";

interface Checkpoint {
  checkpoint?: { latest?: { resources?: { type?: string; urn?: string }[] } };
}

const list = (keys: string[]) =>
  `${keys.length} (${keys.slice(0, 6).join(", ")}${keys.length > 6 ? ", …" : ""})`;

/**
 * Whether a stage of that name is deployed (SST keeps its Pulumi state at app/<app>/<stage>.json
 * in the state bucket), whether a deploy holds its lock, and which resources a deploy would add
 * or remove (`planned`: what sst.config.ts declares now, evaluated under Pulumi's mocks). What
 * would change property by property needs the engine: `npx sst diff` (or `--diff` here).
 */
export async function checkDeployed(
  s3: S3Client,
  bucket: string | undefined,
  stage: { app: string; stage: string },
  planned?: () => Promise<ResourceRef[]>,
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
  const deployed = stateResources(resources);
  const when = state.lastModified ? `, last deployed ${state.lastModified.toISOString()}` : "";
  const diff = `property changes: npx sst diff --stage ${stage.stage}`;
  if (!planned) return pass(name, `deployed: ${deployed.length} AWS resources${when}; ${diff}`);
  const { create, remove } = resourceDelta(deployed, await planned());
  const delta =
    create.length + remove.length === 0
      ? "a deploy adds and removes no resource"
      : `a deploy creates ${list(create)} and removes ${list(remove)}`;
  return pass(name, `deployed: ${deployed.length} AWS resources${when}; ${delta}; ${diff}`);
}
