// `pnpm start`: the API on PORT (8000) and, every minute, the traffic generator against it.
// With nothing configured it runs on embedded defaults and says so.
import { buildRuntime, createApp, prepareStores } from "@gg/api";
import { buildControlRuntime, createControlApp } from "@gg/api/control";
import { serve } from "@hono/node-server";
import { loadLocalConfig } from "./config";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { firehoseRoutes } from "./firehose-routes";
import { startGenerator } from "./generator";

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
// not spill onto the API's public GETs), everything else to the GourmetGram API.
const api = createApp(runtime.deps);
const controlApp = createControlApp(control.deps);
const firehose = firehoseRoutes(settings.kafka);
const appFor = (path: string) =>
  /^\/(stream|generate|control)(\/|$)/.test(path)
    ? controlApp
    : /^\/firehose(\/|$)/.test(path)
      ? firehose
      : api;
const server = serve({
  fetch: (req) => appFor(new URL(req.url).pathname).fetch(req),
  port: config.port,
  hostname: config.host,
});
say(`  api      : http://${config.host}:${config.port} (docs at /docs, OpenAPI at /openapi.json)`);
say(`  control  : /stream/*, /generate/* (OpenAPI at /control/openapi.json), /firehose/*`);
const generator = config.generator
  ? await startGenerator(
      config,
      runtime,
      `http://${config.host}:${config.port}`,
      control.deps.rateCeilings,
    )
  : undefined;

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  say("stopping...");
  await generator?.stop();
  server.close();
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
