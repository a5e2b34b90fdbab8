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
# The stage only names the run here; `install` creates no cloud resources.
SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1 \
  node_modules/.bin/sst install --stage "${SST_STAGE:-verify}"
# sst install leaves config.d.ts's mtime alone when its content is unchanged: touch it so the
# cache check above holds after an edit of sst.config.ts that did not change the providers.
touch .sst/platform/config.d.ts
echo "sst install: $(( ($(date +%s%N) - start) / 1000000 )) ms"
