import type { CreateComment } from "@gg/core/comment";
import type { Pool } from "@gg/core/db";
import type { CreateFlag } from "@gg/core/flag";
import type { NewImage, NewView } from "@gg/core/image";
import type { Relay } from "@gg/core/outbox";
import type { ObjectStore } from "@gg/core/storage";
import type { CreateUser } from "@gg/core/user";
import type { Writer } from "@gg/core/write";
import type { Logger } from "@gg/http";
import type { ApiConfig } from "./settings";

/** A dependency the health check probes: resolves when reachable, rejects with why not. */
export interface Probe {
  name: "postgres" | "kafka" | "s3";
  /** "kafka" is false when events go to local files instead (the embedded default). */
  enabled: boolean;
  check(): Promise<void>;
}

/**
 * One writer per kind of write, one of each per process: requests of a kind that arrive together
 * share one statement and one commit (group commit), each keeping its own answer.
 */
export interface Writes {
  users: Writer<CreateUser>;
  uploads: Writer<NewImage>;
  comments: Writer<CreateComment>;
  flags: Writer<CreateFlag>;
  /** Views of one image that arrive together add their number to its row in one update. */
  views: Writer<NewView>;
}

/** Everything the app talks to, built once per process by the deployable and passed in. */
export interface ApiDeps {
  config: ApiConfig;
  pool: Pool;
  store: ObjectStore;
  relay: Relay;
  writes: Writes;
  /** The time a request arrived (its row's `created_at`, to the microsecond); tests pin it. */
  now: () => Date;
  probes: Probe[];
  log: Logger;
}
