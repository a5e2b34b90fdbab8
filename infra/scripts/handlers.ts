import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A `handler: "functions/x.handler"` named in infra/, resolved the way the SST CLI does. */
export interface HandlerRef {
  /** As written in infra/, e.g. `functions/api.handler`. */
  handler: string;
  /** The infra file that names it. */
  declaredIn: string;
  /** The export the runtime calls, e.g. `handler`. */
  exportName: string;
  /** The source file, or undefined when none of SST's extensions matches. */
  file: string | undefined;
  /** Names of the components it links (what `Resource.<Name>` it may read at runtime). */
  links: string[];
}

// SST's findHandlerFile (pkg/runtime/node/node.go) tries these extensions in this order.
const NODE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const HANDLER = /\bhandler:\s*"([^"]+)"/g;
const LINK = /\blink:\s*\[([^\]]*)\]/g;
// `export const api = new sst.aws.Function("Api", ...)`: the variable a link list names → the
// component name, which is the key under SST's `Resource`.
const COMPONENT = /export const (\w+) = new sst\.[\w.]+\(\s*"(\w+)"/g;

/** Every handler path named in `<root>/infra/*.ts`, in file order. */
export function listHandlers(root: string): HandlerRef[] {
  const infra = join(root, "infra");
  const sources = readdirSync(infra)
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name) => ({ path: `infra/${name}`, text: readFileSync(join(infra, name), "utf8") }));
  const components = new Map<string, string>();
  for (const { text } of sources) {
    for (const [, variable, name] of text.matchAll(COMPONENT)) components.set(variable!, name!);
  }
  const refs: HandlerRef[] = [];
  for (const { path, text } of sources) {
    const handlers = [...text.matchAll(HANDLER)];
    if (handlers.length === 0) continue;
    // The house style is one function per infra file; pairing a handler with its link list relies
    // on it, so say so rather than guess.
    const linkLists = [...text.matchAll(LINK)];
    if (handlers.length > 1 || linkLists.length > 1) {
      throw new Error(`${path}: one function (handler + link list) per infra file, please`);
    }
    const links = (linkLists[0]?.[1] ?? "")
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v.length > 0)
      .map((variable) => {
        const name = components.get(variable);
        if (!name) throw new Error(`${path}: link "${variable}" is not an sst component in infra/`);
        return name;
      });
    refs.push({ ...resolveHandler(root, handlers[0]![1]!, path), links });
  }
  return refs;
}

/** `dir/file.export` → the first existing `dir/file<ext>` and the export name. */
export function resolveHandler(
  root: string,
  handler: string,
  declaredIn: string,
): Omit<HandlerRef, "links"> {
  const base = basename(handler);
  const dot = base.lastIndexOf(".");
  const exportName = dot < 0 ? "" : base.slice(dot + 1);
  const stem = join(root, dirname(handler), dot < 0 ? base : base.slice(0, dot));
  const file = NODE_EXTENSIONS.map((ext) => stem + ext).find((f) => existsSync(f));
  return { handler, declaredIn, exportName, file };
}
