import { buildRelayRuntime } from "@gg/api";
import * as Outbox from "@gg/core/outbox";
import { relaySettings } from "./config";

const runtime = buildRelayRuntime(relaySettings());

/** Scheduled: publish whatever the API's own flushes left in the outbox, then prune old rows. */
export const handler = async () => {
  const result = await runtime.relay.drain();
  const pruned = await Outbox.prune(runtime.pool);
  console.log(JSON.stringify({ message: "outbox relay", ...result, pruned }));
  if (result.error) throw new Error(`outbox relay: ${result.error}`);
  return { ...result, pruned };
};
