import { mockDeploy } from "../../../infra/scripts/mock-deploy";
import { installSst } from "../../../infra/scripts/typecheck";
import { type Clients, clients } from "./clients";
import type { EmulateConfig } from "./config";
import {
  deployFunction,
  ensureFunctionUrl,
  ensurePermissions,
  ensureRule,
  invokeOrThrow,
  packageAll,
} from "./deploy";
import { ensureForwarder, freePort } from "./forwarder-process";
import { type Links, type Plan, physicalNames, planOf, stabilise } from "./plan";
import { type DeployedQueue, ensureEventSourceMapping, ensureQueue } from "./queues";
import { type EmulateState, readState, writeState } from "./state";

type Log = (line: string) => void;

export interface Deployment {
  plan: Plan;
  state: EmulateState;
  /** Plain loopback base URLs (`http://127.0.0.1:<port>/`) by component: `api`, `control`. */
  urls: Record<string, string>;
  aws: Clients;
}

/**
 * The Host header LocalStack routes a Function URL by. LocalStack names it after LOCALSTACK_HOST
 * (`<id>.lambda-url.<region>.127.0.0.1:<port>`), a host its own gateway then refuses as invalid:
 * keep the URL id and use the documented `localhost.localstack.cloud` form.
 */
function urlHost(functionUrl: string, c: EmulateConfig): string {
  const id = functionUrl.replace(/^https?:\/\//, "").split(".")[0];
  return `${id}.lambda-url.${c.region}.localhost.localstack.cloud:${c.services.localstackPort}`;
}

/** The component a Function URL belongs to: `ApiUrl` → `Api`. */
const componentOf = (urlLogical: string) => urlLogical.replace(/Url$/, "");

/** sst.config.ts under Pulumi's mocks, with the secrets the local stack implies. */
export async function evaluateInfra(c: EmulateConfig, log: Log) {
  const install = await installSst(c.root, c.services.cacheDir);
  if (!install.ok) throw new Error(`sst install failed:\n${install.output}`);
  log(`evaluating sst.config.ts for stage ${c.stage} under Pulumi mocks`);
  return mockDeploy(c.root, c.stage, {
    KafkaBrokers: `${c.services.host}:${c.services.kafkaPort}`,
    KafkaUsername: "",
    KafkaPassword: "",
    KafkaSsl: "false",
    ApiKey: c.apiKey,
  });
}

/**
 * Links as SST resolved them, pointed at the local stack: the Database at the local Postgres (TLS
 * on, as RDS, but not verified), the Function URLs at their loopback forwarders, and a queue's URL
 * (by its AWS form, `queueUrls`' keys) at LocalStack's.
 */
function localLinks(
  c: EmulateConfig,
  links: Links,
  urls: Record<string, string>,
  queueUrls: Map<string, string>,
): Links {
  const out: Links = {};
  for (const [name, value] of Object.entries(links)) {
    out[name] = Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, (typeof v === "string" && queueUrls.get(v)) || v]),
    );
    if (name === "Database") {
      // The local server's certificate is self-signed: the one link field SST never sets says so.
      Object.assign(out[name]!, {
        host: c.services.host,
        port: c.services.pgPort,
        username: "postgres",
        password: "postgres",
        database: c.database,
        tls: "no-verify",
      });
    }
    if (urls[name]) out[name]!.url = urls[name];
  }
  return out;
}

/**
 * `emulate up`: the program's queues, functions, invocations, URLs, permissions, rules and event
 * source mappings, created or updated in LocalStack. Idempotent: names and ports persist in the state file.
 */
export async function up(c: EmulateConfig, log: Log = console.log): Promise<Deployment> {
  const previous = await readState(c);
  let t = performance.now();
  const took = () => {
    const s = ((performance.now() - t) / 1000).toFixed(1);
    t = performance.now();
    return `${s}s`;
  };
  const raw = await evaluateInfra(c, log);
  log(`evaluated in ${took()}`);
  const deployment = stabilise(raw, previous?.names ?? {});
  const plan = planOf(deployment);
  const aws = clients(c);
  const state: EmulateState = {
    stage: c.stage,
    names: { ...previous?.names, ...physicalNames(deployment) },
    ports: { ...previous?.ports },
    functionUrls: { ...previous?.functionUrls },
    functions: plan.functions.map((f) => f.name),
    rules: plan.rules.map((r) => r.name),
    queues: plan.queues.map((q) => q.name),
    bucket: plan.bucket,
    invoked: { ...previous?.invoked },
  };
  const urls: Record<string, string> = {};
  for (const url of plan.urls) {
    state.ports[url.logical] ??= await freePort();
    urls[componentOf(url.logical)] = `http://127.0.0.1:${state.ports[url.logical]}/`;
  }
  // Written before anything is created, so that `down` finds a half-done `up`.
  await writeState(c, state);

  log(`bundling ${plan.functions.length} functions as sst deploy does`);
  const code = await packageAll(c, plan);
  log(`bundled in ${took()}`);
  // Queues first: the functions that link one get its URL.
  const queues = new Map<string, DeployedQueue>();
  for (const q of plan.queues) queues.set(q.name, await ensureQueue(aws, q, c.endpoint, log));
  const queueUrls = new Map(plan.queues.map((q) => [q.url, queues.get(q.name)!.url]));
  const results = await Promise.all(
    plan.functions.map((fn) =>
      deployFunction(
        aws,
        c,
        fn,
        localLinks(c, fn.links, urls, queueUrls),
        code.get(fn.logical)!,
        log,
      ).then((r) => [fn.name, r] as const),
    ),
  );
  const outcome = new Map(results);
  log(`functions deployed in ${took()}`);

  // aws.lambda.Invocation: on create, and whenever its triggers change (the migrations' digest).
  for (const invocation of plan.invocations) {
    const triggers = JSON.stringify(invocation.triggers ?? invocation.input);
    if (
      state.invoked[invocation.logical] === triggers &&
      outcome.get(invocation.functionName) !== "created"
    ) {
      continue;
    }
    log(`invoking ${invocation.functionName} (${invocation.logical})`);
    const result = await invokeOrThrow(aws, invocation.functionName, invocation.input);
    log(`${invocation.logical}: ${result}`);
    state.invoked[invocation.logical] = triggers;
    await writeState(c, state);
  }

  const routes = [];
  for (const url of plan.urls) {
    const functionUrl = await ensureFunctionUrl(aws, url);
    state.functionUrls[url.logical] = functionUrl;
    const port = state.ports[url.logical]!;
    routes.push({
      port,
      host: urlHost(functionUrl, c),
      upstream: { host: c.services.host, port: c.services.localstackPort },
    });
  }
  await ensurePermissions(aws, plan);
  for (const rule of plan.rules) await ensureRule(aws, rule, log);
  // After the functions: a mapping names an existing function.
  for (const m of plan.eventSourceMappings)
    await ensureEventSourceMapping(aws, m, queues.get(m.queueName)!.arn, log);
  await ensureForwarder(c, routes);
  await writeState(c, state);
  return {
    plan,
    state,
    aws,
    urls: Object.fromEntries(Object.entries(urls).map(([k, v]) => [k.toLowerCase(), v])),
  };
}
