#!/usr/bin/env bash
# Entry point of `npm start`, `npm test` and `npm run bench`: bootstrap, then run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command="${1:?usage: portal.sh start|test|bench}"
shift
# shellcheck source=bootstrap.sh
source "$ROOT/scripts/bootstrap.sh" "$command"
exec node "$ROOT/scripts/$command.mjs" "$@"
