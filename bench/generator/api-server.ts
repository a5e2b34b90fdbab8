// The API on the real local services (fresh database, bucket and topics), in its own process so
// the generator's CPU and event loop are measured alone. Prints its URL and database URL.
import { startLocalApi } from "../api/server";

const api = await startLocalApi({ flush: "background", log: { info: () => {}, error: () => {} } });
process.stdout.write(`${JSON.stringify({ url: api.url, databaseUrl: api.db.url })}\n`);
process.stdin.resume();
process.stdin.on("end", () => void api.close().then(() => process.exit(0)));
