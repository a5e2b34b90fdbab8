// A real headless browser for the page tests: Debian's chromium, driven by playwright-core.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

// Without the background-networking flags chromium dials Google services at start, which this
// closed network refuses; --no-sandbox because the tests run as root.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Installs Debian's chromium when /usr/bin/chromium is missing (idempotent: nothing to do when it
 * is there); refreshes the package lists only when apt does not know the package yet.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const apt = (...args: string[]) =>
    execFileSync("apt-get", args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  try {
    apt("install", "-y", "chromium");
  } catch {
    apt("update");
    apt("install", "-y", "chromium");
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt installed chromium but ${CHROMIUM} is missing`);
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless chromium (its own user-data-dir, removed on close). */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<TestBrowser> {
  ensureChromium();
  const dir = mkdtempSync(join(tmpdir(), "gg-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Refuses every request of the context that is not to 127.0.0.1 (a CDN, a font, telemetry), and
 * returns the list of what was refused.
 */
export async function loopbackOnly(context: BrowserContext): Promise<string[]> {
  const refused: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:") return route.continue();
    refused.push(url.href);
    return route.abort("blockedbyclient");
  });
  return refused;
}
