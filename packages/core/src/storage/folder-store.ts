import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { AppError, invalidInput } from "../errors/index";
import type { ObjectStore } from "./object-store";

export interface FolderStoreConfig {
  /** The folder holding the objects (created by `ensureBucket`). */
  root: string;
  /** Where a local server serves `root` (e.g. `http://localhost:8000/files`); default file:// URLs. */
  publicBaseUrl?: string;
}

// Content types live in a parallel tree so listing `root` shows only the objects themselves.
const META = ".meta";

/** An ObjectStore on a local folder, for the embedded default of `pnpm start`. */
export function createFolderStore(config: FolderStoreConfig): ObjectStore {
  const root = resolve(config.root);
  const pathOf = (key: string, base = root) => {
    // Keys come from our own ids, but a store must still never write outside its folder.
    if (!key || key.startsWith(".") || key.split("/").some((p) => p === ".." || p === "")) {
      throw invalidInput(`invalid object key ${JSON.stringify(key)}`);
    }
    const p = resolve(base, key);
    if (!p.startsWith(base + sep)) throw invalidInput(`invalid object key ${JSON.stringify(key)}`);
    return p;
  };
  const metaOf = (key: string) => `${pathOf(key, join(root, META))}.json`;
  const unavailable = (action: string, e: unknown) =>
    new AppError("UNAVAILABLE", `folder store ${action}: ${(e as Error).message}`, {
      dependency: "storage",
      retriable: true,
      cause: e,
    });

  // Write-then-rename: a reader never sees half an object, even if the process dies mid-write.
  const atomicWrite = async (path: string, data: Uint8Array | string) => {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, path);
  };

  return {
    async put(key, body, contentType) {
      const path = pathOf(key);
      try {
        await atomicWrite(metaOf(key), JSON.stringify({ contentType }));
        await atomicWrite(path, body);
      } catch (e) {
        throw unavailable("put", e);
      }
      return { url: pathToFileURL(path).href };
    },
    async get(key) {
      const path = pathOf(key);
      try {
        const body = new Uint8Array(await readFile(path));
        const meta = await readFile(metaOf(key), "utf8").catch(() => "{}");
        const contentType = (JSON.parse(meta) as { contentType?: string }).contentType;
        return { body, contentType: contentType ?? "application/octet-stream" };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw unavailable("get", e);
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
      await rm(metaOf(key), { force: true });
    },
    async presign(key) {
      const path = pathOf(key);
      if (!config.publicBaseUrl) return pathToFileURL(path).href;
      // No signature: a local folder has no access control to delegate.
      return `${config.publicBaseUrl.replace(/\/$/, "")}/${key.split("/").map(encodeURIComponent).join("/")}`;
    },
    async ensureBucket() {
      await mkdir(join(root, META), { recursive: true });
    },
    async ping() {
      try {
        if (!(await stat(root)).isDirectory()) throw new Error(`${root} is not a folder`);
      } catch (e) {
        throw unavailable("ping", e);
      }
    },
  };
}
