#!/usr/bin/env bash
# Builds the Pulumi engine from its Go modules into .tools/bin (git-ignored),
# pinned to the version of the npm package @pulumi/pulumi (3.248.0).
# Usage: npm run engine:build    (or: bash dev/engine/build.sh)
#        ENGINE_REBUILD=1 npm run engine:build    to build even if the pin is already there
#
# What it puts in .tools/bin:
#   pulumi                         built from github.com/pulumi/pulumi/pkg/v3@v3.248.0 ./cmd/pulumi,
#                                  via the wrapper module dev/engine/go.mod (+ go.sum, tools.go).
#                                  A second run finds `.tools/bin/pulumi version` = v3.248.0 and reuses it.
#   pulumi-resource-pulumi-nodejs  symlink to node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs,
#                                  the dynamic-provider host (pulumi.dynamic.Resource). The CLI looks for this
#                                  "bundled" plugin next to its own executable (symlinks resolved) and on $PATH.
#   pulumi-analyzer-policy-nodejs  the policy-pack host: a small sh script (written below) that runs
#   pulumi-analyzer-policy         @pulumi/pulumi/cmd/run-policy-pack with node, like the script that the upstream
#                                  CLI release ships (it is not in the npm packages). v3.248.0 runs a nodejs policy
#                                  pack through the language host when there is one, else through
#                                  pulumi-analyzer-policy-nodejs; the unsuffixed name is the older one.
#                                  Found on $PATH, so the CLI prints a harmless
#                                  "warning: using pulumi-analyzer-policy-nodejs from $PATH at ...".
#
# Measured on 2 cores: cold (empty module and build caches) 38 s download + 6 min compile;
# warm (pin already built) 0.2 s.
#
# NOT built, because the Go module proxy refuses them (HTTP 403 "This module version is not available",
# for the tag, for the upstream commit and for the version list alike):
#   pulumi-language-nodejs   github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@v3.248.0
#   pulumi-resource-command  github.com/pulumi/pulumi-command/provider (v1.2.1 / commit 7f3eb6f3b77c);
#                            the root module github.com/pulumi/pulumi-command@v1.2.1 is served, but its zip
#                            leaves out provider/ (a nested module), so it holds no provider code.
# Consequences:
#   * `pulumi up` in a directory with `runtime: nodejs` fails:
#       failed to load language plugin nodejs: no language plugin 'pulumi-language-nodejs' found ...
#     A Node.js program runs instead as an automation-API *inline* program: the Node process serves the
#     language-runtime gRPC API itself and starts `pulumi up --client=127.0.0.1:PORT --exec-kind auto.inline`,
#     so no pulumi-language-nodejs is needed (see LocalWorkspace.createOrSelectStack({program, ...})).
#   * any @pulumi/command resource fails: the CLI tries to download
#     pulumi-resource-command-v1.2.1-linux-amd64.tar.gz and cannot.
#
# Environment that made `pulumi up`/`destroy` work with the local binaries, no plugin download:
#   export PATH=/work/main/.tools/bin:/work/main/node_modules/.bin:$PATH   # .tools/bin first
#   export PULUMI_HOME=$(mktemp -d)              # or ~/.pulumi; an empty plugin cache is fine
#   export PULUMI_CONFIG_PASSPHRASE=...          # file:// backend secrets
#   export PULUMI_BACKEND_URL=file://<dir>       # or `pulumi login file://<dir>`
#   export PULUMI_SKIP_UPDATE_CHECK=true         # no new-version check against the network
#   leave PULUMI_IGNORE_AMBIENT_PLUGINS unset    # if set, the PATH lookup is skipped; the "bundled" lookup
#                                                # next to .tools/bin/pulumi still finds pulumi-nodejs
#   node_modules with @pulumi/pulumi must be resolvable from the program's directory (a node_modules
#   symlink, or NODE_PATH=/work/main/node_modules): the dynamic-provider script resolves
#   @pulumi/pulumi/cmd/dynamic-provider from its working directory.
#   With the automation API: PulumiCommand.get({ root: "/work/main/.tools" }) picks .tools/bin/pulumi.
set -euo pipefail

PIN=v3.248.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MOD="$ROOT/dev/engine"
BIN="$ROOT/.tools/bin"
JOBS=2 # the machine has 2 cores

export GOTOOLCHAIN=local # go.mod asks for go 1.25.11; use the installed Go, never fetch another one

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

T_ALL=$(now)
mkdir -p "$BIN"

# 1. pulumi CLI
T=$(now)
have=""
if [[ -x "$BIN/pulumi" ]]; then
  have="$("$BIN/pulumi" version 2>/dev/null || true)"
fi
if [[ "$have" == "$PIN" && -z "${ENGINE_REBUILD:-}" ]]; then
  echo "engine: reused .tools/bin/pulumi ($have), checked in $(since "$T")"
else
  echo "engine: building pulumi $PIN (have: ${have:-none})"
  cd "$MOD"
  T=$(now)
  # go.sum pins every module; go list -deps fetches (only) the modules that the build needs
  go list -deps github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >/dev/null
  echo "engine: modules downloaded in $(since "$T")"
  T=$(now)
  go build -p "$JOBS" -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PIN" \
    -o "$BIN/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  mv -f "$BIN/pulumi.tmp" "$BIN/pulumi"
  echo "engine: built .tools/bin/pulumi in $(since "$T")"
  got="$("$BIN/pulumi" version)"
  if [[ "$got" != "$PIN" ]]; then
    echo "engine: .tools/bin/pulumi reports $got, expected $PIN" >&2
    exit 1
  fi
  cd "$ROOT"
fi

# 2. plugins shipped as Node.js scripts
T=$(now)
DYN="$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [[ -f "$DYN" ]]; then
  ln -sfn ../../node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs "$BIN/pulumi-resource-pulumi-nodejs"
else
  echo "engine: warning: $DYN missing (run npm ci): dynamic providers will not work" >&2
fi
for name in pulumi-analyzer-policy-nodejs pulumi-analyzer-policy; do
  cat >"$BIN/$name.tmp" <<'EOF'
#!/bin/sh
# Policy-pack host written by dev/engine/build.sh. The engine starts it in the
# policy pack's directory with: <engine-address> . [-option=value ...]
PULUMI_RUN_SCRIPT_PATH=$(node -e "try { console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack')) } catch (e) { console.error(e.message) }")
if [ -n "$PULUMI_RUN_SCRIPT_PATH" ]; then
    exec node "$PULUMI_RUN_SCRIPT_PATH" "$@"
fi
exit 1
EOF
  chmod 0755 "$BIN/$name.tmp"
  mv -f "$BIN/$name.tmp" "$BIN/$name"
done
echo "engine: plugin scripts linked/written in $(since "$T")"

echo "engine: not built (the Go module proxy refuses these modules, see the top of this script):"
echo "engine:   pulumi-language-nodejs  (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$PIN)"
echo "engine:   pulumi-resource-command (github.com/pulumi/pulumi-command/provider, v1.2.1)"
echo "engine: done in $(since "$T_ALL"); $("$BIN/pulumi" version) at .tools/bin/pulumi"
