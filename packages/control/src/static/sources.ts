import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { AssetSource } from "./pack";

// Build-time only (scripts/build-static.ts and its freshness test): the runtime imports the
// generated packs, never these paths, so a Lambda bundle needs no file beside it.
const own = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const npm = (specifier: string) => createRequire(import.meta.url).resolve(specifier);

const HTML = "text/html; charset=utf-8";
const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

/** Every file each page serves, each from our client sources or an npm package (no CDN). */
export const PACK_SOURCES = {
  dashboard: [
    { name: "index.html", file: own("../dashboard/client/index.html"), type: HTML },
    { name: "dashboard.css", file: own("../dashboard/client/dashboard.css"), type: CSS },
    { name: "dashboard.js", file: own("../dashboard/client/dashboard.js"), type: JS },
    { name: "uPlot.min.css", file: npm("uplot/dist/uPlot.min.css"), type: CSS },
    { name: "uPlot.iife.min.js", file: npm("uplot/dist/uPlot.iife.min.js"), type: JS },
  ],
  docs: [
    { name: "index.html", file: own("../routes/docs-client/index.html"), type: HTML },
    { name: "docs.js", file: own("../routes/docs-client/docs.js"), type: JS },
    { name: "docs.css", file: own("../routes/docs-client/docs.css"), type: CSS },
    { name: "swagger-ui.css", file: npm("swagger-ui-dist/swagger-ui.css"), type: CSS },
    { name: "swagger-ui-bundle.js", file: npm("swagger-ui-dist/swagger-ui-bundle.js"), type: JS },
  ],
} satisfies Record<string, AssetSource[]>;

export type PackName = keyof typeof PACK_SOURCES;
