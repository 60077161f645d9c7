#!/usr/bin/env bash
# Makes this checkout runnable: Node 22, dependencies, native addons, mkdocs and
# (for tests) Chromium. Sourced by scripts/portal.sh; a no-op when all is in place.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_MAJOR=22
PURPOSE="${1:-start}" # start | test

step() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

node_package() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=unsupported ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=unsupported ;; esac
  echo "node-$os-$arch"
}

ensure_node() {
  local pkg dir
  pkg="$(node_package)"
  dir="$TOOLS/node/node_modules/$pkg"
  if [ -x "$dir/bin/node" ] && [ "$(node_major "$dir/bin/node")" -ge "$NODE_MAJOR" ]; then
    :
  elif command -v node >/dev/null && [ "$(node_major node)" -ge "$NODE_MAJOR" ]; then
    step "using $(node --version) from PATH"
    return
  else
    step "Backstage 1.55 needs Node $NODE_MAJOR; installing $pkg@$NODE_MAJOR into .tools/node (one time, about 10 s)"
    mkdir -p "$TOOLS/node"
    (cd "$TOOLS/node" && echo '{"private":true}' > package.json &&
      npm install --no-audit --no-fund --no-package-lock --loglevel=error "$pkg@$NODE_MAJOR" >&2)
  fi
  export PATH="$dir/bin:$PATH"
  # Native addons (better-sqlite3, isolated-vm) must compile against this Node's headers.
  export npm_config_nodedir="$dir"
}

install_stamp() {
  # What the installed tree depends on: every manifest, the lockfile and the Node ABI.
  {
    node -p 'process.versions.modules'
    cat "$ROOT/package-lock.json" 2>/dev/null || true
    find "$ROOT/packages" "$ROOT/plugins" -maxdepth 2 -name package.json -not -path '*/node_modules/*' | sort | xargs cat
    cat "$ROOT/package.json"
  } | sha1sum | cut -d' ' -f1
}

ensure_dependencies() {
  local stamp_file="$ROOT/node_modules/.homelab-install-stamp" want
  want="$(install_stamp)"
  if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ]; then
    return
  fi
  # `npm install` rather than `npm ci`: npm leaves other platforms' optional packages out of
  # the lockfile after some workspace installs, and `npm ci` then refuses the whole tree.
  if [ ! -d "$ROOT/node_modules" ]; then
    step "installing dependencies from package-lock.json (first run: about 5 minutes)"
  else
    step "dependencies changed since the last install; updating"
  fi
  (cd "$ROOT" && npm install --no-audit --no-fund >&2)
  ensure_native_addons
  install_stamp >"$stamp_file"
}

ensure_native_addons() {
  # npm 11 skips dependency install scripts, so the SQLite addon is built here, and only when
  # it does not load under this Node (a compile takes minutes on two cores).
  if ! (cd "$ROOT" && node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null); then
    step "building better-sqlite3 against Node $(node --version) (about 3 minutes)"
    (cd "$ROOT" && npm rebuild better-sqlite3 >&2)
  fi
}

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "installing Debian packages: $*"
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
      apt-get update -qq >&2
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
  else
    step "missing system packages. Install them with:  sudo apt-get install -y $*"
    return 1
  fi
}

mkdocs_ready() {
  # Ask the Python that runs mkdocs (Debian's, whatever python3 is first on PATH).
  local mkdocs python
  mkdocs="$(command -v mkdocs)" || return 1
  python="$(head -1 "$mkdocs" | sed -n 's/^#! *//p')"
  ${python:-python3} -c "import sys, pymdownx, mkdocs.utils as u; sys.exit('material' not in u.get_theme_names())" 2>/dev/null
}

ensure_system_packages() {
  local missing=()
  if ! mkdocs_ready; then
    missing+=(mkdocs mkdocs-material python3-pymdownx)
  fi
  if [ "$PURPOSE" = test ] && [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

ensure_node
ensure_dependencies
ensure_system_packages
