// `pnpm start`: the API on PORT (8000) and, every minute, the traffic generator against it.
// With nothing configured it runs on embedded defaults and says so.
import { buildRuntime, createApp, prepareStores } from "@gg/api";
import { serve } from "@hono/node-server";
import { loadLocalConfig } from "./config";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { startGenerator } from "./generator";

const config = loadLocalConfig(process.env);
const embeddedUrl = config.embedded.database ? await startEmbeddedPostgres(config.env) : undefined;
const settings = config.apiSettings(embeddedUrl);
const runtime = buildRuntime(settings);
await prepareStores(runtime);

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

const server = serve({
  fetch: createApp(runtime.deps).fetch,
  port: config.port,
  hostname: config.host,
});
say(`  api      : http://${config.host}:${config.port} (docs at /docs, OpenAPI at /openapi.json)`);
const generator = config.generator
  ? await startGenerator(config, runtime, `http://${config.host}:${config.port}`)
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
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

function redact(url: string) {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}
