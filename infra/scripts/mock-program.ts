// Evaluates sst.config.ts's run() under Pulumi's mocks, with SST's real component code, and
// writes what would be deployed as JSON to $MOCK_OUT. Bundled and started by mock-deploy.ts (its
// output must live in .sst/platform/ to resolve the platform's packages); not run directly.
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { BuildRequest, MockResource } from "./mock-types";
import { mockCall, mockResourceState } from "./mock-values";

const root = process.env.MOCK_ROOT!;
const stage = process.env.MOCK_STAGE!;
const work = process.env.MOCK_WORK!;
const resources: MockResource[] = [];
const builds: BuildRequest[] = [];
/** `type/name` → the names of the resources it depends on (explicit dependsOn and inputs). */
const dependencies = new Map<string, string[]>();

// Stand-in for the CLI's RPC server: Runtime.Build records what SST asks to build (handler,
// runtime, nodejs options, the function's resolved links) and returns a placeholder bundle; the
// real bundling is checked by handlers.test.ts.
function answer(method: string, args: Record<string, unknown>): unknown {
  if (method === "Runtime.Build") {
    const input = args as unknown as BuildRequest;
    builds.push(input);
    const out = join(work, "builds", input.functionID);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "bundle.mjs"), "export const handler = async () => {};\n");
    return {
      handler: `bundle.${input.handler.split(".").at(-1)}`,
      out,
      errors: [],
      sourcemaps: [],
    };
  }
  if (method === "Provider.Aws.Bootstrap") {
    return {
      asset: "sst-asset-mock",
      assetEcrRegistryId: "mock",
      assetEcrUrl: "mock",
      state: "sst-state-mock",
    };
  }
  return {};
}
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const { method, params } = JSON.parse(body) as {
      method: string;
      params: [Record<string, unknown>];
    };
    res.end(JSON.stringify({ result: answer(method, params[0]), error: null }));
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.env.SST_SERVER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

await pulumi.runtime.setMocks(
  {
    newResource: ({ type, name, inputs }) => {
      resources.push({ type, name, inputs });
      return { id: `${name}-id`, state: mockResourceState(type, name, inputs) };
    },
    call: ({ token, inputs }) => mockCall(token, inputs),
  },
  "gourmetgram",
  stage,
  false,
);

// The mocks' newResource sees no dependencies: read them off each registration request (the SDK
// lists explicit dependsOn there, a component expanded to its resources, and the inputs' sources).
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
}
const monitor = pulumi.runtime.getMonitor() as unknown as {
  registerResource(req: RegisterRequest, callback: unknown): unknown;
};
const register = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, callback) => {
  const names = req.getDependenciesList().map((urn) => urn.split("::").at(-1) ?? urn);
  dependencies.set(`${req.getType()}/${req.getName()}`, names);
  return register(req, callback);
};

// The globals SST defines for sst.config.ts (see .sst/platform/src/global.d.ts and shim/run.js).
// $app first: some component modules read it when they load.
const g = globalThis as Record<string, unknown>;
Object.assign(g, await import("../../.sst/platform/src/shim/run.js"));
const { default: config } = await import("../../sst.config");
const app = await config.app({ stage });
g.$app = {
  name: app.name,
  stage,
  removal: app.removal ?? "retain",
  providers: app.providers,
  protect: Boolean(app.protect),
};
g.$dev = false;
g.$cli = {
  command: "deploy",
  rpc: process.env.SST_SERVER,
  paths: { home: work, root, work, platform: join(root, ".sst/platform") },
  state: { version: {} },
};
g.sst = await import("../../.sst/platform/src/components/index");
g.aws = await import("@pulumi/aws");
const { run } = await import("../../.sst/platform/src/auto/run");
const outputs = await pulumi.runtime.runInPulumiStack(() => run(config.run));

// Components register children from inside apply callbacks: wait until registrations stop and
// Pulumi has no promise in flight. A quiet pause alone is not enough on a loaded machine: Pulumi
// fails the exit (code 1) when it still counts pending promises then.
const { getStore } = (await import("@pulumi/pulumi/runtime/state.js")) as unknown as {
  getStore(): { leakCandidates: Set<unknown> };
};
const settleBy = Date.now() + 60_000;
for (let seen = -1; seen !== resources.length || getStore().leakCandidates.size > 0; ) {
  if (Date.now() > settleBy) break;
  seen = resources.length;
  await new Promise((r) => setTimeout(r, 300));
}
for (const r of resources) r.dependsOn = dependencies.get(`${r.type}/${r.name}`) ?? [];
writeFileSync(process.env.MOCK_OUT!, JSON.stringify({ app: g.$app, resources, builds, outputs }));
server.close();
process.exit(0);
