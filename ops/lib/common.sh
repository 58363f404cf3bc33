# Shared by ops/run, ops/test, ops/db: installing what the project needs,
# building, and the private PostgreSQL cluster under var/.
# shellcheck shell=bash

YS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
YS_VAR="${YARDSTICK_VAR_DIR:-$YS_ROOT/var}"
YS_PG_BIN="/usr/lib/postgresql/15/bin"

# PCH-using compiles are cached only with these sloppiness settings.
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"

ys_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Debian packages the build, the server and its tests need.
YS_PACKAGES=(
    g++ cmake make pkg-config ccache
    libboost1.81-dev libboost-url1.81-dev libpqxx-dev nlohmann-json3-dev libcli11-dev libssl-dev libgtest-dev libsodium-dev
    libcairo2-dev libpango1.0-dev fonts-dejavu-core libreadstat-dev libzip-dev libcurl4-openssl-dev
    postgresql-15 postgresql-common postgresql-client-15 iso-codes curl python3
)

# What only the tests add (ops/test): Debian's Chromium for the browser ring
# (tests/browser, driven by playwright-core at /usr/bin/chromium) and a font
# for readable screenshots; poppler-utils (pdfinfo, pdftotext) to read the
# PDF report back (tests/unit/server/report_pdf_test.cpp); Node.js and npm
# from Debian only when the machine has no `node` of its own (then npm is
# missing too; a node that is there comes with its npm); aiosmtpd for the
# SMTP sink of the e-mail tests; nginx for ops/cluster's two-node test.
YS_TEST_PACKAGES=(chromium fonts-dejavu-core poppler-utils pspp r-cran-haven python3-jsonschema python3-aiosmtpd
    nginx-light)
if ! command -v node >/dev/null 2>&1; then
    YS_TEST_PACKAGES+=(nodejs npm)
fi

# Installs the missing packages among "$@" (quiet and quick when none is missing).
ys_install() {
    local missing=()
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    ys_say "installing ${missing[*]}"
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Installs the browser ring's npm packages (tests/browser/package-lock.json)
# with `npm ci`: only when node_modules is missing or older than the lock
# file, and quietly (its output is shown only when it fails).
ys_npm_install() {
    local dir="$YS_ROOT/tests/browser"
    local lock="$dir/package-lock.json"
    local stamp="$dir/node_modules/.package-lock.json"
    if [[ -f "$stamp" && ! "$lock" -nt "$stamp" ]]; then
        return 0
    fi
    ys_say "installing the browser tests' npm packages"
    local log
    log="$(mktemp)"
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        ys_say "npm ci failed in $dir"
        return 1
    fi
    rm -f "$log"
    # npm ci keeps the packages' own dates: mark the install as newer than the lock.
    touch "$stamp"
}

# Configures and builds one CMake preset (dev, release, asan) with 2 jobs;
# further arguments go to `cmake --build` (e.g. --target yardstick).
ys_build() {
    local preset="$1"
    shift
    ys_say "building ($preset)"
    local log="$YS_ROOT/build/$preset.log"
    mkdir -p "$YS_ROOT/build"
    if ! (cd "$YS_ROOT" && cmake --preset "$preset" && cmake --build --preset "$preset" -j2 "$@") >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        ys_say "build failed (whole log: $log)"
        return 1
    fi
}

# Runs a command as the postgres OS user when we are root (PostgreSQL
# refuses to run as root).
ys_as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# The cluster's socket directory: var/postgres itself when the socket path
# fits in the 107 bytes of a unix socket address, else a short one in /tmp.
ys_socket_dir() {
    local dir="$YS_VAR/postgres"
    if ((${#dir} + 20 > 100)); then
        dir="/tmp/yardstick-pg-$(printf '%s' "$YS_VAR" | sha1sum | cut -c1-12)"
    fi
    printf '%s' "$dir"
}

# Lets the postgres user reach var/postgres: adds search (x, not read)
# permission to any ancestor directory that lacks it, e.g. a mktemp -d clone.
ys_make_traversable() {
    local dir="$1"
    while [[ "$dir" != "/" ]]; do
        if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
            chmod o+x "$dir"
        fi
        dir="$(dirname "$dir")"
    done
}

# Starts (creating on first use) the private cluster under var/postgres and
# writes its connection string to var/database-url.
ys_db_start() {
    local data="$YS_VAR/postgres/data"
    local socket_dir
    socket_dir="$(ys_socket_dir)"
    mkdir -p "$YS_VAR/postgres" "$socket_dir"
    chmod 700 "$YS_VAR"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$YS_VAR/postgres" "$socket_dir"
        chmod 700 "$YS_VAR/postgres" "$socket_dir"
        chmod o+x "$YS_VAR"
        ys_make_traversable "$YS_VAR"
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
        ys_say "creating the private PostgreSQL cluster in $data"
        ys_as_postgres "$YS_PG_BIN/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=reject >/dev/null
    fi
    if ! ys_as_postgres "$YS_PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        ys_say "starting PostgreSQL (socket in $socket_dir)"
        # setsid: a Ctrl-C meant for the server must not reach PostgreSQL.
        local runner=()
        if [[ $(id -u) -eq 0 ]]; then
            runner=(runuser -u postgres --)
        fi
        setsid "${runner[@]}" "$YS_PG_BIN/pg_ctl" -D "$data" -l "$YS_VAR/postgres/server.log" -w -t 60 \
            -o "-k $socket_dir -c listen_addresses='' -p 5432 -c unix_socket_permissions=0700" start >/dev/null
    fi
    if ! ys_as_postgres /usr/bin/psql -h "$socket_dir" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'yardstick'" | grep -q 1; then
        ys_as_postgres /usr/bin/createdb -h "$socket_dir" -U postgres yardstick
    fi
    printf 'host=%s port=5432 dbname=yardstick user=postgres\n' "$socket_dir" >"$YS_VAR/database-url"
    chmod 600 "$YS_VAR/database-url"
}

ys_db_stop() {
    local data="$YS_VAR/postgres/data"
    if [[ -f "$data/PG_VERSION" ]] && ys_as_postgres "$YS_PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        ys_as_postgres "$YS_PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
        ys_say "PostgreSQL stopped"
    fi
}
