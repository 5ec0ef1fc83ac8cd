# Sourced by serve.sh and test.sh: the Debian packages of debian-packages.txt, then the project's .venv.
# Works from any directory; leaves the caller in the repository's root with .venv/bin first on PATH.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Install the listed Debian packages that are missing; `apt-get update` runs only when one is.
ensure_debian_packages() {
    local package missing=()
    while read -r package; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' scripts/debian-packages.txt)
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "==> apt-get install ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

# Create .venv if needed, and (re)install the project only when pyproject.toml changed since the last install.
ensure_venv() {
    local stamp=.venv/.pyproject.sha256 wanted
    wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
    [ -x .venv/bin/python ] || python3 -m venv .venv
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        echo "==> pip install -e '.[test]' (pyproject.toml changed since the last install)"
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
        echo "$wanted" >"$stamp"
    fi
    export PATH="$PWD/.venv/bin:$PATH"
}

# Start the local PostgreSQL cluster if it is down, and wait until it accepts connections.
ensure_postgres() {
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "==> starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 60); do
        pg_isready -q -h 127.0.0.1 -p 5432 && return 0
        sleep 0.5
    done
    echo "PostgreSQL $version did not accept connections on 127.0.0.1:5432" >&2
    return 1
}

ensure_debian_packages
ensure_venv
