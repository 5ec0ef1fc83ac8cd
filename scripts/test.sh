#!/usr/bin/env bash
# Every check of the project: lint, format, types, import layers, and the tests on SQLite and PostgreSQL.
# Runs them all, then exits non-zero if any failed (pytest finding no test counts as a failure).
source "$(dirname "$0")/_env.sh"
ensure_postgres

failed=()
check() {
    echo "==> $*"
    "$@" || failed+=("$*")
}

check ruff check .
check ruff format --check .
check mypy .
check lint-imports
check pytest -q

if [ "${#failed[@]}" -gt 0 ]; then
    printf 'FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "all checks passed"
