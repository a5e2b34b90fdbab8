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
# SST_PLATFORM_CACHE (optional): a directory outside the clone that keeps what `sst install`
# wrote, per SST version and sst.config.ts (the providers it declares are the install's only
# other input). A fresh clone restores it instead of unpacking the platform's ~300 MB of
# packages again: node_modules as hard links where the file system is shared, the rest copied.
cache=""
if [[ -n "${SST_PLATFORM_CACHE:-}" ]]; then
  key="$(node -p 'require("./node_modules/sst/package.json").version')-$(sha256sum sst.config.ts | cut -c1-16)"
  cache="$SST_PLATFORM_CACHE/$key"
fi
copy_platform() { # from to: node_modules linked (copied across file systems), the rest copied
  mkdir -p "$2"
  for entry in "$1"/* "$1"/.[!.]*; do
    [[ -e "$entry" ]] || continue
    case "$(basename "$entry")" in
      node_modules) cp -al "$entry" "$2/" 2>/dev/null || cp -a "$entry" "$2/" ;;
      mock-*) ;; # the mock deploy's programs, written beside the platform by tests
      *) cp -a "$entry" "$2/" ;;
    esac
  done
}
if [[ -n "$cache" && -f "$cache/platform/config.d.ts" ]]; then
  rm -rf .sst/platform
  if copy_platform "$cache/platform" .sst/platform && cp "$cache/provider-lock.json" .sst/; then
    touch .sst/platform/config.d.ts
    echo "sst install: restored from $cache in $(( ($(date +%s%N) - start) / 1000000 )) ms"
    exit 0
  fi
  rm -rf .sst/platform # a cache another run is replacing right now: install from scratch
fi
# The stage only names the run here; `install` creates no cloud resources.
SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1 \
  node_modules/.bin/sst install --stage "${SST_STAGE:-verify}"
if [[ -n "$cache" ]]; then
  # Replaced whole (built beside it, then renamed), so a reader never sees half of it.
  mkdir -p "$SST_PLATFORM_CACHE"
  next="$(mktemp -d "$SST_PLATFORM_CACHE/.next-XXXXXX")"
  if copy_platform .sst/platform "$next/platform" && cp .sst/provider-lock.json "$next/"; then
    rm -rf "$cache" && mv "$next" "$cache" || rm -rf "$next"
  else
    rm -rf "$next"
  fi
  # Each edit of sst.config.ts makes a new entry: keep the three newest.
  ls -1dt "$SST_PLATFORM_CACHE"/*/ 2>/dev/null | tail -n +4 | xargs -r rm -rf
fi
# sst install leaves config.d.ts's mtime alone when its content is unchanged: touch it so the
# cache check above holds after an edit of sst.config.ts that did not change the providers.
touch .sst/platform/config.d.ts
echo "sst install: $(( ($(date +%s%N) - start) / 1000000 )) ms"
