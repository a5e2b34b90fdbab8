#!/usr/bin/env bash
# Installs SST's platform code and the pinned providers into .sst/platform/ without network
# access to SST's own downloads (Pulumi and bun), so that tsc can check sst.config.ts and infra/
# against the real component types. Idempotent and safe to run concurrently: skips when
# .sst/platform/config.d.ts is newer than sst.config.ts, and serialises under a lock.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mkdir -p .sst
exec 9>.sst/install.lock
flock 9

if [[ -f .sst/platform/config.d.ts && -d .sst/platform/node_modules/@pulumi/aws \
  && .sst/platform/config.d.ts -nt sst.config.ts ]]; then
  echo "sst install: cached (.sst/platform/config.d.ts is newer than sst.config.ts)"
  exit 0
fi

start=$(date +%s%N)
# SST_PLATFORM_CACHE (optional): a directory outside the clone that keeps the platform's
# node_modules per SST version. A fresh clone starts from it, so the npm install inside
# `sst install` finds its packages in place instead of unpacking ~300 MB again; npm still
# reconciles them with the platform's package.json. Hard links where the cache shares the
# clone's file system, a copy elsewhere.
cache=""
if [[ -n "${SST_PLATFORM_CACHE:-}" ]]; then
  cache="$SST_PLATFORM_CACHE/$(node -p 'require("./node_modules/sst/package.json").version')"
  if [[ ! -d .sst/platform/node_modules && -f "$cache/package-lock.json" ]]; then
    mkdir -p .sst/platform
    # A cache another run is replacing right now is skipped: npm installs from scratch.
    { cp -al "$cache/node_modules" .sst/platform/ 2>/dev/null || cp -a "$cache/node_modules" .sst/platform/; } \
      && cp "$cache/package-lock.json" .sst/platform/ || rm -rf .sst/platform/node_modules
  fi
fi
# The stage only names the run here; `install` creates no cloud resources.
SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1 \
  node_modules/.bin/sst install --stage "${SST_STAGE:-verify}"
if [[ -n "$cache" ]]; then
  # Replaced whole (built beside it, then renamed), so a reader never sees half of it.
  mkdir -p "$SST_PLATFORM_CACHE"
  next="$(mktemp -d "$SST_PLATFORM_CACHE/.next-XXXXXX")"
  { cp -al .sst/platform/node_modules "$next/" 2>/dev/null || cp -a .sst/platform/node_modules "$next/"; } \
    && cp .sst/platform/package-lock.json "$next/" \
    && rm -rf "$cache" && mv "$next" "$cache" || rm -rf "$next"
fi
# sst install leaves config.d.ts's mtime alone when its content is unchanged: touch it so the
# cache check above holds after an edit of sst.config.ts that did not change the providers.
touch .sst/platform/config.d.ts
echo "sst install: $(( ($(date +%s%N) - start) / 1000000 )) ms"
