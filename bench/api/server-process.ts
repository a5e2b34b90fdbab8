// `pnpm bench api`'s server in its own process (own event loop, own CPU account), as `pnpm start`
// runs: the API on fresh stores (bench/api/server.ts). Its first stdout line is JSON: its URL, pid,
// database and topic prefix; closing its stdin stops it and drops what it created.
// Usage: node --import tsx bench/api/server-process.ts [pool size]
import { startLocalApi } from "./server";

const poolSize = Number(process.argv[2] ?? 10);
const api = await startLocalApi({
  flush: "background",
  poolSize,
  log: {
    info: () => {},
    error: (message, fields) =>
      console.error(JSON.stringify({ level: "error", message, ...fields })),
  },
});
process.stdout.write(
  `${JSON.stringify({ url: api.url, pid: process.pid, databaseUrl: api.db.url, topicPrefix: api.topicPrefix })}\n`,
);
process.stdin.resume();
process.stdin.on("end", () => void api.close().then(() => process.exit(0)));
