#!/usr/bin/env bash
# Builds the Pulumi engine the engine suite runs (`npm run test:engine`), at the versions the npm packages pin, and
# installs it where the CLI finds it.
# Usage: npm run engine:build               (or: bash dev/engine/build.sh)
#        ENGINE_REBUILD=1 npm run engine:build   to build everything again
#
# What it builds into .tools/ (git-ignored), from where, and where the CLI finds each binary: README, "The engine
# suite". The versions are read from node_modules/@pulumi/*/package.json, never retyped here. The language host and
# both providers are refused by the Go module proxy as modules: they build from the upstream source in
# ../shared/engine-src ($CHEF_CHOPSKY_ENGINE_SRC for a checkout elsewhere) with the commands its README verified.
# Each binary has a stamp (.tools/stamps/NAME: version, Go version, digest of its sources) and is reused while it
# matches. No plugin is ever downloaded: PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true here and in the suite.
#
# Measured on this 2-core machine (shared, load 12-17, so CPU time is the figure to compare):
#   reused (stamps match): every binary 0.0-0.1 s, the stand-in's check ~1 s; the whole script ~1-3 s.
#   rebuilt, Go caches warm: language host 8 s (cpu 4 s), command provider 10 s, GitHub provider 17 s.
#   cold: CLI 38 s of downloads + ~6 min compile idle; command provider cpu 1.6 min (sdk v3.224 and
#   pulumi-go-provider are its own); GitHub provider cpu 2.8 min for `go run generate.go` + 2.3 min for the build
#   (the Terraform bridge); language host cpu < 1 min once the CLI's modules are there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MOD="$ROOT/dev/engine"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
PLUGINS="$TOOLS/plugins"
STAMPS="$TOOLS/stamps"
WORK="$TOOLS/build"
ENGINE_HOME="$TOOLS/pulumi-home" # the suite's PULUMI_HOME (tests/e2e/harness.ts)
SRC="${CHEF_CHOPSKY_ENGINE_SRC:-$ROOT/../shared/engine-src}"
JOBS=2 # the machine has 2 cores

export GOTOOLCHAIN=local # the go.mod files ask for go 1.25.x: use the installed Go, never fetch another one
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false"
export PULUMI_HOME="$ENGINE_HOME" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
# The wall time of a step, and the CPU time (user + system) of the commands it ran: on a shared machine the wall time
# depends on the load, the CPU time does not. `times` must run in this shell (not in a $(…) subshell).
TIMES="$(mktemp)"
trap 'rm -f "$TIMES"' EXIT
cpu() {
  times >"$TIMES"
  CPU="$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] } print t }' "$TIMES")"
}
start() {
  T=$(now)
  cpu
  C=$CPU
}
took() {
  cpu
  TOOK="$(awk -v a="$T" -v b="$(now)" -v c="$C" -v d="$CPU" 'BEGIN { printf "%.1f s (cpu %.1f s)", b - a, d - c }')"
}
die() {
  echo "engine: error: $*" >&2
  exit 1
}
SUMMARY=()
note() { SUMMARY+=("$(printf '%-36s %-8s %-7s %s' "$1" "$2" "$3" "$4")"); }

# --- versions, from the npm packages -------------------------------------------------------------------------------
[[ -d "$ROOT/node_modules/@pulumi/pulumi" ]] || die "node_modules is missing: run \`npm ci\` first"
pin() { # pin PACKAGE sdk|plugin → the package's version, or the provider plugin version it declares
  node -e 'const p = require(process.argv[1]); const v = process.argv[2] === "sdk" ? p.version : p.pulumi?.version;
           if (!v) { console.error(`no ${process.argv[2]} version in ${process.argv[1]}`); process.exit(1); }
           console.log(v);' "$ROOT/node_modules/$1/package.json" "$2"
}
PULUMI_VERSION="$(pin @pulumi/pulumi sdk)"
COMMAND_VERSION="$(pin @pulumi/command plugin)"
GITHUB_VERSION="$(pin @pulumi/github plugin)"
grep -q "^	github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION\$" "$MOD/go.mod" ||
  die "dev/engine/go.mod does not require github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION (the version of @pulumi/pulumi): update it with \`go get github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION\` in dev/engine"

# --- helpers -------------------------------------------------------------------------------------------------------
digest() { # digest FILE|DIR... → one sha256 over the files' paths and contents
  for p in "$@"; do
    if [[ -d "$p" ]]; then (cd "$p" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); else sha256sum "$p"; fi
  done | sed "s#  $ROOT/#  #; s#  $SRC/#  src/#" | sha256sum | cut -c1-16
}
fresh() { # fresh NAME BINARY STAMP → 0 when BINARY exists and its stamp matches
  [[ -z "${ENGINE_REBUILD:-}" && -x "$2" && -f "$STAMPS/$1" && "$(cat "$STAMPS/$1")" == "$3" ]]
}
source_of() { # source_of PATH VERSION → $SRC/PATH; fails unless it is there and engine-src's README lists it at VERSION
  [[ -e "$SRC/$1" ]] ||
    die "$SRC/$1 not found: the language host and the providers build from the upstream source in ../shared/engine-src (beside this repository; see its README). Or use an installed CLI and plugins instead (README, \"The engine suite\")."
  grep -Eq "^\| \`$1/?\`[^|]*\|[^|]*\| v$2 " "$SRC/README.md" ||
    die "../shared/engine-src/README.md does not list $1 at v$2, the version the npm package pins"
  echo "$SRC/$1"
}
GO_VERSION="$(go env GOVERSION)"
mkdir -p "$BIN" "$PLUGINS" "$STAMPS" "$ENGINE_HOME"
T_ALL=$(now)

# step NAME VERSION BINARY STAMP BUILD → runs the function BUILD, which writes BINARY.tmp, with an empty scratch
# folder .tools/build/NAME as $DIR, unless BINARY's stamp matches STAMP; then moves it into place, writes the stamp,
# removes the scratch folder, and notes the time. `start` comes before it, so that the time includes the checks.
step() {
  local name="$1" version="$2" binary="$3" stamp="$4" build="$5" result=reused
  if ! fresh "$name" "$binary" "$stamp"; then
    DIR="$WORK/$name"
    rm -rf "${DIR:?}"
    mkdir -p "$DIR"
    "$build"
    mv -f "$binary.tmp" "$binary"
    echo "$stamp" >"$STAMPS/$name"
    rm -rf "${DIR:?}"
    result=built
  fi
  took
  note "$name" "$version" "$result" "$TOOK"
}

# --- 1. the CLI ----------------------------------------------------------------------------------------------------
build_cli() {
  echo "engine: building pulumi v$PULUMI_VERSION (github.com/pulumi/pulumi/pkg/v3, about 6-7 minutes cold on 2 cores)"
  cd "$MOD"
  go list -deps github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >/dev/null # fetches (only) the modules the build needs
  took
  echo "engine:   modules ready in $TOOK"
  go build -p "$JOBS" -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
    -o "$BIN/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  got="$("$BIN/pulumi.tmp" version)"
  [[ "$got" == "v$PULUMI_VERSION" ]] || die "the built CLI reports $got, expected v$PULUMI_VERSION"
  cd "$ROOT"
}
start
stamp="pulumi $PULUMI_VERSION $GO_VERSION $(digest "$MOD/go.mod" "$MOD/go.sum" "$MOD/tools.go")"
step pulumi "$PULUMI_VERSION" "$BIN/pulumi" "$stamp" build_cli

# --- 2. the Node.js language host ----------------------------------------------------------------------------------
# engine-src README: its go.mod replaces pkg/v3 and sdk/v3 with monorepo paths, so the five .go files go into a
# module with the CLI's requirements (dev/engine/go.mod, pkg/v3 and sdk/v3 at the same version), `go mod tidy`, build.
build_language_host() {
  echo "engine: building pulumi-language-nodejs v$PULUMI_VERSION"
  cp "$LH_SRC"/*.go "$MOD/go.mod" "$MOD/go.sum" "$DIR/"
  chmod u+w "$DIR"/*
  sed -i "s#^module .*#module github.com/chef-chopsky/infra/tools/engine/pulumi-language-nodejs#" "$DIR/go.mod"
  (cd "$DIR" && go mod tidy && go build -p "$JOBS" -trimpath \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
    -o "$BIN/pulumi-language-nodejs.tmp" .)
}
start
LH_SRC="$(source_of pulumi-language-nodejs "$PULUMI_VERSION")"
stamp="pulumi-language-nodejs $PULUMI_VERSION $GO_VERSION $(digest "$LH_SRC"/*.go "$MOD/go.mod" "$MOD/go.sum")"
step pulumi-language-nodejs "$PULUMI_VERSION" "$BIN/pulumi-language-nodejs" "$stamp" build_language_host

# --- 3. the providers, installed into the suite's plugin cache ------------------------------------------------------
install_plugin() { # install_plugin NAME VERSION → copies .tools/plugins/pulumi-resource-NAME into the plugin cache
  local installed="$ENGINE_HOME/plugins/resource-$1-v$2/pulumi-resource-$1"
  if ! cmp -s "$PLUGINS/pulumi-resource-$1" "$installed"; then
    "$BIN/pulumi" plugin rm resource "$1" "$2" --yes >/dev/null 2>&1 || true
    "$BIN/pulumi" plugin install resource "$1" "$2" --file "$PLUGINS/pulumi-resource-$1"
  fi
}

# engine-src README: builds in place from a copy of pulumi-resource-command/.
build_command() {
  echo "engine: building pulumi-resource-command v$COMMAND_VERSION"
  cp -R "$CMD_SRC/." "$DIR/"
  chmod -R u+w "$DIR"
  (cd "$DIR" && go build -p "$JOBS" -trimpath \
    -ldflags "-X github.com/pulumi/pulumi-command/provider/pkg/version.Version=$COMMAND_VERSION" \
    -o "$PLUGINS/pulumi-resource-command.tmp" ./cmd/pulumi-resource-command)
}
start
CMD_SRC="$(source_of pulumi-resource-command "$COMMAND_VERSION")"
stamp="pulumi-resource-command $COMMAND_VERSION $GO_VERSION $(digest "$CMD_SRC")"
step pulumi-resource-command "$COMMAND_VERSION" "$PLUGINS/pulumi-resource-command" "$stamp" build_command
install_plugin command "$COMMAND_VERSION"

# engine-src README: extract the tarball, generate the embedded schema, build (the Terraform provider it bridges is
# in the same tarball, `replace`d in provider/go.mod).
build_github() {
  echo "engine: building pulumi-resource-github v$GITHUB_VERSION (Terraform-bridged: a few minutes cold)"
  tar -xzf "$GH_TAR" -C "$DIR"
  chmod -R u+w "$DIR"
  (cd "$DIR/pulumi-resource-github/provider/cmd/pulumi-resource-github" && VERSION="$GITHUB_VERSION" go run generate.go)
  (cd "$DIR/pulumi-resource-github/provider" && go build -p "$JOBS" -trimpath \
    -ldflags "-X github.com/pulumi/pulumi-github/provider/v6/pkg/version.Version=$GITHUB_VERSION" \
    -o "$PLUGINS/pulumi-resource-github.tmp" ./cmd/pulumi-resource-github)
}
start
GH_TAR="$(source_of "pulumi-resource-github-v$GITHUB_VERSION.tar.gz" "$GITHUB_VERSION")"
stamp="pulumi-resource-github $GITHUB_VERSION $GO_VERSION $(digest "$GH_TAR")"
step pulumi-resource-github "$GITHUB_VERSION" "$PLUGINS/pulumi-resource-github" "$stamp" build_github
install_plugin github "$GITHUB_VERSION"

# --- 4. the plugins shipped as Node.js scripts ---------------------------------------------------------------------
ln -sfn ../../node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs "$BIN/pulumi-resource-pulumi-nodejs"
# Earlier versions of this script wrote policy-pack hosts here; with the language host the CLI runs the pack itself.
rm -f "$BIN/pulumi-analyzer-policy-nodejs" "$BIN/pulumi-analyzer-policy"

# --- 5. the Vercel stand-in ----------------------------------------------------------------------------------------
# Built into .tools/standins/vercel (its own stamp), never .tools/bin nor the plugin cache: the engine suite's copy of
# the project names it in its Pulumi.yaml (`plugins: providers:`), so nothing else can ever load it.
start
out="$(bash "$ROOT/dev/engine/standin-vercel/build.sh")"
VERCEL_VERSION="$(pin @pulumiverse/vercel plugin)"
case "$out" in *"up to date"*) result=reused ;; *) result=built ;; esac
took
note "pulumi-resource-vercel (stand-in)" "$VERCEL_VERSION" "$result" "$TOOK"

echo "engine: binary                               version  result  time"
for line in "${SUMMARY[@]}"; do echo "engine: $line"; done
echo "engine: done in $(since "$T_ALL"); plugin cache $ENGINE_HOME/plugins:"
"$BIN/pulumi" plugin ls | sed 's/^/engine:   /'
