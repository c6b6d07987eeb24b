#!/usr/bin/env bash
# Builds the Vercel STAND-IN plugin (not the real provider) into .tools/standins/vercel/pulumi-resource-vercel,
# apart from the real tools in .tools/bin. Reuses the build when the sources have not changed.
# Usage: bash dev/engine/standin-vercel/build.sh     (the launcher's path is the last line of output)
# Install it into a PULUMI_HOME's plugin cache (the engine suite's, never a user's):
#   pulumi plugin install resource vercel 5.4.1 --file .tools/standins/vercel/pulumi-resource-vercel
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
exec node "$ROOT/node_modules/ts-node/dist/bin.js" --transpile-only "$ROOT/dev/engine/standin-vercel/build.ts"
