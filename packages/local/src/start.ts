// `pnpm start`: the API on PORT (8000) and, every minute, the traffic generator against it.
// With nothing configured it runs on embedded defaults and says so.
import { buildRuntime, createApp, jsonLogger, prepareStores } from "@gg/api";
import { buildControlRuntime, createControlApp } from "@gg/control";
import { FirehoseOptions, runFirehose } from "@gg/traffic/firehose";
import { serve } from "@hono/node-server";
import { loadLocalConfig } from "./config";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { startGenerator } from "./generator";
import { startRelaySchedule } from "./relay-schedule";

const config = loadLocalConfig(process.env);
const embeddedUrl = config.embedded.database ? await startEmbeddedPostgres(config.env) : undefined;
const settings = config.apiSettings(embeddedUrl);
const runtime = buildRuntime(settings);
await prepareStores(runtime);
const control = await buildControlRuntime(config.controlSettings(embeddedUrl));

const say = (line: string) => console.log(line);
say("GourmetGram Traffic: local run");
say(
  `  postgres : ${config.embedded.database ? "embedded (the project's own PostgreSQL on loopback)" : "configured"} ${redact(settings.databaseUrl)}`,
);
say(
  `  kafka    : ${settings.kafka ? `brokers ${settings.kafka.brokers.join(",")}` : `embedded default: events stay in the outbox and are appended to ${settings.eventsDir}/<topic>.jsonl`}`,
);
say(
  `  storage  : ${settings.storage.kind === "s3" ? `S3 bucket ${settings.storage.bucket}${settings.storage.endpoint ? ` at ${settings.storage.endpoint}` : ""}` : `embedded default: folder ${settings.storage.root}`}`,
);

// One port, two apps: the control plane's paths go to it (its key check covers reads, which must
// not spill onto the API's public GETs), everything else to the GourmetGram API. The firehose
// routes live in the control app; this host wires the engine (worker threads stay off Lambda).
const api = createApp(runtime.deps);
const kafka = settings.kafka;
// The generator starts after the app (it needs the API up): a kick before that has nothing to run.
let kick: ((event: object) => Promise<void>) | undefined;
const controlApp = createControlApp({
  ...control.deps,
  // With LocalStack's schedule a stream started with the rule off kicks the generator at once;
  // the in-process timer (no rule) never stops, so there it is never needed.
  ...(control.tickQueue ? { kick: async (event: object) => kick?.(event) } : {}),
  firehose: {
    schema: FirehoseOptions,
    run: (options, ctx) =>
      kafka
        ? runFirehose(options, { ...ctx, kafka: { ...kafka, clientId: "gourmetgram-firehose" } })
        : Promise.reject(new Error("kafka is not configured")),
  },
});
const appFor = (path: string) =>
  /^\/(stream|generate|firehose|control|dashboard|docs)(\/|$)/.test(path) ? controlApp : api;
const server = serve({
  fetch: (req) => appFor(new URL(req.url).pathname).fetch(req),
  port: config.port,
  hostname: config.host,
});
say(`  api      : http://${config.host}:${config.port} (docs at /docs, OpenAPI at /openapi.json)`);
say(`  control  : /stream/*, /generate/* (OpenAPI at /control/openapi.json), /firehose/*`);
const relay = startRelaySchedule(
  runtime.deps.relay,
  runtime.deps.pool,
  settings.api.relayPeriodSeconds,
  jsonLogger,
);
say(`  relay    : drains the outbox every ${settings.api.relayPeriodSeconds} s, as deployed`);
say(`  dashboard: http://${config.host}:${config.port}/dashboard`);
if (!settings.api.apiKey) {
  // The Host check (packages/http): without a key, a DNS-rebinding page must not drive this port.
  const extra = settings.api.allowedHosts?.join(", ");
  say(
    `  hosts    : no API_KEY, so only loopback names${extra ? ` and ${extra}` : ""} (ALLOWED_HOSTS)`,
  );
}
const generator = config.generator
  ? await startGenerator(
      config,
      runtime,
      control,
      `http://${config.host}:${config.port}`,
      settings.databaseUrl,
    )
  : undefined;
kick = generator?.deliver;

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  say("stopping...");
  await generator?.stop();
  server.close();
  await relay.stop();
  await runtime.deps.relay.drain();
  await runtime.close();
  await control.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

function redact(url: string) {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}
