// The shapes mock-program.ts writes and mock-deploy.ts returns.

export interface MockResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** Names of the resources it waits for: explicit dependsOn, components expanded, and inputs. */
  dependsOn?: string[];
}

/** What SST's Function component asks its CLI to build (the `Runtime.Build` RPC). */
export interface BuildRequest {
  functionID: string;
  handler: string;
  runtime: string;
  /** The function's links, resolved: what it reads as `Resource.<Name>` at runtime. */
  links: Record<string, Record<string, unknown>>;
  /** The `nodejs` options plus `architecture`. */
  properties: Record<string, unknown>;
  copyFiles?: unknown;
}

export interface MockDeployment {
  app: { name: string; stage: string; removal: string; protect: boolean };
  /** Every resource Pulumi would register, components included, in registration order. */
  resources: MockResource[];
  builds: BuildRequest[];
  outputs: Record<string, unknown>;
}
