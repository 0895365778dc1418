#!/usr/bin/env bash
# `npm test`: everything CI checks, in order, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== format and lint (biome, check mode)"
npx biome ci .

echo "== type check"
npx tsc --noEmit

echo "== unit and integration tests (vitest, real PostgreSQL)"
npx vitest run

echo "== browser tests (Playwright, Debian's Chromium, production build)"
bash scripts/ensure-chromium.sh
npx next build
npx playwright test
