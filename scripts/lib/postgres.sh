# shellcheck shell=bash
#
# Throwaway PostgreSQL for tests and the demo. Source this file from bash;
# it is safe under `set -euo pipefail`.
#
# Functions:
#   drover_install_dependencies [--no-server]
#       Installs libpq-dev, libyaml-dev, pkg-config and (unless --no-server)
#       postgresql with apt-get, but only the ones that are missing.
#       Set DROVER_SKIP_INSTALL=1 to never install anything.
#   drover_pg_bindir
#       Prints the directory with initdb/pg_ctl/postgres: DROVER_PG_BINDIR, else
#       the newest /usr/lib/postgresql/*/bin, else pg_config --bindir or PATH.
#   drover_start_postgres
#       Creates a temporary cluster listening on 127.0.0.1 and on a socket in
#       its own temporary directory, creates the database `drover`, exports
#       DROVER_PG_URL and installs EXIT/INT/TERM/HUP traps that stop the
#       server and delete the directory (these replace any traps the caller
#       had set for those conditions).
#   drover_stop_postgres
#       Stops the server (pg_ctl stop -m fast) and removes its directory.
#       Safe to call more than once.
#   drover_keep_postgres
#       Forgets the server without stopping it and drops the traps, so it
#       outlives the script (used by `scripts/demo --keep`).
#   drover_run COMMAND [ARGS...]
#       Runs a command (in a session of its own) so that INT/TERM/HUP sent to
#       the script reach it and everything it started, and the cleanup runs at
#       once instead of after the command has finished. Returns the command's
#       exit status.
#
# Inputs (optional):
#   DROVER_PG_PORT           port to use (default: first free from 54329)
#   DROVER_PG_BINDIR         directory holding initdb/pg_ctl/postgres
#   DROVER_PG_TMPDIR         parent of the temporary directory (default $TMPDIR or /tmp)
#   DROVER_PG_START_TIMEOUT  seconds to wait for the server (default 60)
#
# Outputs:
#   DROVER_PG_URL (exported)  postgresql://postgres@127.0.0.1:PORT/drover
#   DROVER_PG_SERVER_PORT, DROVER_PG_TMP, DROVER_PG_DATA, DROVER_PG_SOCKET_DIR,
#   DROVER_PG_LOG, DROVER_PG_BIN (shell variables, not exported)
#
# Nothing else is exported: PGHOST, PGPORT and friends are left alone.

DROVER_PG_URL=${DROVER_PG_URL-}
DROVER_PG_SERVER_PORT=
DROVER_PG_TMP=
DROVER_PG_DATA=
DROVER_PG_SOCKET_DIR=
DROVER_PG_LOG=
DROVER_PG_BIN=
_DROVER_CHILD_PID=
_DROVER_CHILD_GROUP=0

_drover_say() { printf '==> %s\n' "$*" >&2; }
_drover_warn() { printf 'warning: %s\n' "$*" >&2; }
_drover_die() {
    printf 'error: %s\n' "$*" >&2
    return 1
}

# --- dependencies -----------------------------------------------------------

_drover_pkg_installed() {
    command -v dpkg-query >/dev/null 2>&1 || return 1
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# Prints the directory with initdb, pg_ctl and postgres, or fails.
drover_pg_bindir() {
    local dir best=""
    if [[ -n "${DROVER_PG_BINDIR:-}" ]]; then
        [[ -x "$DROVER_PG_BINDIR/initdb" ]] ||
            _drover_die "DROVER_PG_BINDIR=$DROVER_PG_BINDIR has no initdb" || return 1
        printf '%s\n' "$DROVER_PG_BINDIR"
        return 0
    fi
    # Debian keeps the server binaries off PATH; take the newest version.
    best=$(
        for dir in /usr/lib/postgresql/*/bin; do
            [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && printf '%s\n' "$dir"
        done | sort -V | tail -n 1
    ) || true
    if [[ -z "$best" ]] && command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null) || dir=""
        [[ -n "$dir" && -x "$dir/initdb" ]] && best=$dir
    fi
    if [[ -z "$best" ]] && command -v initdb >/dev/null 2>&1; then
        best=$(dirname -- "$(command -v initdb)")
    fi
    [[ -n "$best" ]] || return 1
    printf '%s\n' "$best"
}

drover_install_dependencies() {
    local want_server=1 missing=() sudo=()
    if [[ "${1:-}" == "--no-server" ]]; then
        want_server=0
    fi

    if ! command -v pkg-config >/dev/null 2>&1; then
        missing+=(pkg-config)
        _drover_pkg_installed libpq-dev || missing+=(libpq-dev)
        _drover_pkg_installed libyaml-dev || missing+=(libyaml-dev)
    else
        pkg-config --exists libpq || missing+=(libpq-dev)
        pkg-config --exists yaml-0.1 || missing+=(libyaml-dev)
    fi
    if ((want_server)); then
        if ! drover_pg_bindir >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
            missing+=(postgresql)
        fi
    fi

    ((${#missing[@]} == 0)) && return 0

    if [[ -n "${DROVER_SKIP_INSTALL:-}" ]]; then
        _drover_die "missing: ${missing[*]} (DROVER_SKIP_INSTALL is set, not installing)"
        return 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        _drover_die "missing: ${missing[*]}; no apt-get here, please install them by hand"
        return 1
    fi
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 ||
            _drover_die "missing: ${missing[*]}; not root and no sudo, please install them by hand" ||
            return 1
        sudo=(sudo)
    fi

    _drover_say "Installing missing packages: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}" || return 1
}

# --- running things as the server's owner -----------------------------------

_drover_is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Runs a command as the user that owns the cluster: `postgres` when we are
# root (the server refuses to run as root), ourselves otherwise. The working
# directory is the temporary directory, which that user can always enter.
_drover_as_pg() {
    (
        cd -- "${DROVER_PG_TMP:-/}" || exit 1
        if ! _drover_is_root; then
            exec "$@"
        elif command -v runuser >/dev/null 2>&1; then
            exec runuser -u postgres -- "$@"
        else
            exec su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    )
}

# Writes stdin to a file inside the cluster directory, owned by the server user.
_drover_pg_write() {
    _drover_as_pg tee -- "$1" >/dev/null
}

# --- ports ------------------------------------------------------------------

# True when something already listens on 127.0.0.1:PORT (or on all addresses).
# Looks at the socket table only; it never connects anywhere.
_drover_port_busy() {
    local port=$1 out
    command -v ss >/dev/null 2>&1 || return 1
    out=$(ss -Hltn "sport = :$port" 2>/dev/null) || return 1
    [[ -n "$out" ]]
}

# --- start / stop -----------------------------------------------------------

_drover_log_tail() {
    if [[ -n "${DROVER_PG_LOG:-}" && -f "$DROVER_PG_LOG" ]]; then
        printf -- '--- last lines of %s ---\n' "$DROVER_PG_LOG" >&2
        tail -n 40 -- "$DROVER_PG_LOG" >&2 || true
        printf -- '---\n' >&2
    fi
}

_drover_sql_quote() { printf "'%s'" "${1//\'/\'\'}"; }

drover_start_postgres() {
    local base port first_port last_port attempts fixed_port=0 timeout out deadline
    if [[ -n "${DROVER_PG_TMP:-}" ]]; then
        _drover_die "drover_start_postgres: a server is already running from this shell ($DROVER_PG_TMP)"
        return 1
    fi

    DROVER_PG_BIN=$(drover_pg_bindir) ||
        _drover_die "no PostgreSQL server binaries (initdb) found; run drover_install_dependencies or set DROVER_PG_BINDIR" ||
        return 1

    if _drover_is_root && ! id postgres >/dev/null 2>&1; then
        _drover_die "running as root but there is no 'postgres' user to run the server as"
        return 1
    fi

    if [[ -n "${DROVER_PG_PORT:-}" ]]; then
        [[ "$DROVER_PG_PORT" =~ ^[0-9]+$ ]] ||
            _drover_die "DROVER_PG_PORT must be a port number, not '$DROVER_PG_PORT'" || return 1
        ! _drover_port_busy "$DROVER_PG_PORT" ||
            _drover_die "port $DROVER_PG_PORT (DROVER_PG_PORT) is already in use" || return 1
    fi

    timeout=${DROVER_PG_START_TIMEOUT:-60}
    base=${DROVER_PG_TMPDIR:-${TMPDIR:-/tmp}}

    # From here on, anything that goes wrong (or any signal) must clean up.
    trap '_drover_on_exit' EXIT
    trap '_drover_on_signal INT' INT
    trap '_drover_on_signal TERM' TERM
    trap '_drover_on_signal HUP' HUP

    DROVER_PG_TMP=$(mktemp -d -- "${base%/}/drover-pg.XXXXXX") ||
        _drover_die "cannot create a temporary directory in $base" || return 1
    DROVER_PG_DATA=$DROVER_PG_TMP/data
    DROVER_PG_SOCKET_DIR=$DROVER_PG_TMP
    DROVER_PG_LOG=$DROVER_PG_TMP/postgres.log

    if _drover_is_root; then
        chown postgres: -- "$DROVER_PG_TMP" || return 1
        if ! _drover_as_pg test -w "$DROVER_PG_TMP"; then
            _drover_die "user postgres cannot write to $DROVER_PG_TMP (is $base reachable for it?); set DROVER_PG_TMPDIR=/tmp"
            return 1
        fi
    fi

    # Unix socket paths are limited to 107 bytes.
    if ((${#DROVER_PG_SOCKET_DIR} + 20 > 107)); then
        _drover_die "socket directory path too long: $DROVER_PG_SOCKET_DIR; set DROVER_PG_TMPDIR to a shorter directory"
        return 1
    fi

    _drover_say "Creating a throwaway PostgreSQL cluster in $DROVER_PG_TMP ($DROVER_PG_BIN)"
    if ! out=$(_drover_as_pg "$DROVER_PG_BIN/initdb" --pgdata="$DROVER_PG_DATA" \
        --username=postgres --auth=trust --encoding=UTF8 --locale=C --no-sync 2>&1); then
        printf '%s\n' "$out" >&2
        _drover_die "initdb failed"
        return 1
    fi

    # Only local sockets and 127.0.0.1, no password.
    printf '%s\n' \
        '# Written by scripts/lib/postgres.sh: throwaway cluster, loopback only.' \
        'local all all trust' \
        'host  all all 127.0.0.1/32 trust' |
        _drover_pg_write "$DROVER_PG_DATA/pg_hba.conf" || return 1
    printf '%s\n' "include 'drover.conf'" >>"$DROVER_PG_DATA/postgresql.conf" || return 1

    if [[ -n "${DROVER_PG_PORT:-}" ]]; then
        fixed_port=1
        first_port=$DROVER_PG_PORT
        last_port=$DROVER_PG_PORT
    else
        first_port=54329
        last_port=$((first_port + 40))
    fi

    attempts=0
    for ((port = first_port; port <= last_port; port++)); do
        if _drover_port_busy "$port"; then
            if ((fixed_port)); then
                _drover_die "port $port (DROVER_PG_PORT) is already in use"
                return 1
            fi
            continue
        fi
        attempts=$((attempts + 1))

        # Everything we change, in one file included from postgresql.conf.
        # Speed over durability: the data is thrown away anyway.
        printf '%s\n' \
            "listen_addresses = '127.0.0.1'" \
            "port = $port" \
            "unix_socket_directories = $(_drover_sql_quote "$DROVER_PG_SOCKET_DIR")" \
            "max_connections = 200" \
            "shared_buffers = 64MB" \
            "fsync = off" \
            "synchronous_commit = off" \
            "full_page_writes = off" \
            "logging_collector = off" \
            "log_line_prefix = '%m [%p] '" |
            _drover_pg_write "$DROVER_PG_DATA/drover.conf" || return 1

        _drover_say "Starting PostgreSQL on 127.0.0.1:$port"
        rm -f -- "$DROVER_PG_LOG"
        if _drover_as_pg "$DROVER_PG_BIN/pg_ctl" start --pgdata="$DROVER_PG_DATA" \
            --log="$DROVER_PG_LOG" --wait --timeout="$timeout" --silent >/dev/null 2>&1; then
            DROVER_PG_SERVER_PORT=$port
            break
        fi

        # Lost a race for the port with some other process: try the next one.
        if ((!fixed_port)) && grep -q -e 'could not bind' -e 'Address already in use' -- "$DROVER_PG_LOG" 2>/dev/null &&
            ! _drover_pg_running; then
            _drover_warn "port $port was taken meanwhile, trying the next one"
            continue
        fi
        _drover_log_tail
        if _drover_pg_running; then
            _drover_die "PostgreSQL did not become ready within ${timeout}s on port $port (DROVER_PG_START_TIMEOUT)"
        else
            _drover_die "PostgreSQL failed to start on port $port; see its log above"
        fi
        return 1
    done

    if [[ -z "$DROVER_PG_SERVER_PORT" ]]; then
        _drover_die "no free port between $first_port and $last_port (tried $attempts)"
        return 1
    fi

    # pg_ctl --wait has seen the server ready; make sure TCP answers too.
    deadline=$((SECONDS + timeout))
    until "$DROVER_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$DROVER_PG_SERVER_PORT" -t 2; do
        if ((SECONDS >= deadline)) || ! _drover_pg_running; then
            _drover_log_tail
            _drover_die "PostgreSQL is not accepting TCP connections on 127.0.0.1:$DROVER_PG_SERVER_PORT"
            return 1
        fi
        sleep 0.2
    done

    if ! out=$("$DROVER_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -d "postgresql://postgres@127.0.0.1:$DROVER_PG_SERVER_PORT/postgres" \
        -c 'CREATE DATABASE drover' 2>&1); then
        printf '%s\n' "$out" >&2
        _drover_die "could not create database drover"
        return 1
    fi

    DROVER_PG_URL="postgresql://postgres@127.0.0.1:$DROVER_PG_SERVER_PORT/drover"
    export DROVER_PG_URL
    _drover_say "PostgreSQL is ready: $DROVER_PG_URL"
}

# True when our cluster's postmaster is alive.
_drover_pg_running() {
    [[ -n "${DROVER_PG_DATA:-}" && -d "$DROVER_PG_DATA" ]] || return 1
    _drover_as_pg "$DROVER_PG_BIN/pg_ctl" status --pgdata="$DROVER_PG_DATA" >/dev/null 2>&1
}

# The postmaster's pid, from the pid file in our own data directory.
_drover_pg_pid() {
    local pid=""
    [[ -n "${DROVER_PG_DATA:-}" && -f "$DROVER_PG_DATA/postmaster.pid" ]] || return 1
    IFS= read -r pid <"$DROVER_PG_DATA/postmaster.pid" || true
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    printf '%s\n' "$pid"
}

drover_stop_postgres() {
    local tmp=${DROVER_PG_TMP:-} pid i status=0
    [[ -n "$tmp" ]] || return 0

    if _drover_pg_running; then
        _drover_say "Stopping the throwaway PostgreSQL (port ${DROVER_PG_SERVER_PORT:-?})"
        if ! _drover_as_pg "$DROVER_PG_BIN/pg_ctl" stop --pgdata="$DROVER_PG_DATA" \
            --mode=fast --wait --timeout=30 --silent >/dev/null 2>&1; then
            _drover_warn "fast shutdown failed, trying immediate shutdown"
            _drover_as_pg "$DROVER_PG_BIN/pg_ctl" stop --pgdata="$DROVER_PG_DATA" \
                --mode=immediate --wait --timeout=10 --silent >/dev/null 2>&1 || true
        fi
        # Last resort: the postmaster we started, by the pid it recorded.
        if _drover_pg_running && pid=$(_drover_pg_pid); then
            _drover_warn "killing postmaster $pid"
            kill -KILL "$pid" 2>/dev/null || true
            for ((i = 0; i < 50; i++)); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
        fi
    fi

    if _drover_pg_running; then
        _drover_warn "PostgreSQL in $tmp is still running; leaving the directory in place"
        status=1
    else
        rm -rf -- "$tmp" || status=1
    fi

    DROVER_PG_TMP=
    DROVER_PG_DATA=
    DROVER_PG_SOCKET_DIR=
    DROVER_PG_LOG=
    DROVER_PG_SERVER_PORT=
    return "$status"
}

drover_keep_postgres() {
    trap - EXIT INT TERM HUP
    DROVER_PG_TMP=
}

# --- child processes and signals --------------------------------------------

drover_run() {
    local status=0 prefix=()
    # A session of its own, so an interrupt can reach every process the
    # command starts (see _drover_child_pids).
    if command -v setsid >/dev/null 2>&1; then
        prefix+=(setsid)
        _DROVER_CHILD_GROUP=1
    else
        _DROVER_CHILD_GROUP=0
    fi
    # Without job control, bash starts background commands with INT and QUIT
    # ignored; `env --default-signal` restores them so a forwarded Ctrl-C works.
    if env --default-signal=INT true >/dev/null 2>&1; then
        prefix+=(env --default-signal=INT,QUIT)
    fi
    "${prefix[@]}" "$@" <&0 &
    _DROVER_CHILD_PID=$!
    wait "$_DROVER_CHILD_PID" || status=$?
    _DROVER_CHILD_PID=
    return "$status"
}

# The live processes the drover_run child has started: with setsid that is
# its whole session (swift test puts xctest in a process group of its own, so
# the group alone is not enough); otherwise just the child.
_drover_child_pids() {
    local pid=$_DROVER_CHILD_PID
    if ((_DROVER_CHILD_GROUP)) && command -v ps >/dev/null 2>&1; then
        ps -e -o pid= -o sid= -o stat= 2>/dev/null |
            awk -v sid="$pid" '$2 == sid && $3 !~ /^Z/ { print $1 }'
    elif kill -0 "$pid" 2>/dev/null; then
        printf '%s\n' "$pid"
    fi
}

_drover_signal_child() {
    local sig=$1 pid
    for pid in $(_drover_child_pids); do
        kill -s "$sig" "$pid" 2>/dev/null || true
    done
}

_drover_on_signal() {
    local sig=$1 code i
    case "$sig" in
    INT) code=130 ;;
    TERM) code=143 ;;
    HUP) code=129 ;;
    *) code=1 ;;
    esac
    trap '' INT TERM HUP
    _drover_say "Interrupted ($sig), cleaning up"
    if [[ -n "${_DROVER_CHILD_PID:-}" ]]; then
        _drover_signal_child "$sig"
        for ((i = 0; i < 100; i++)); do
            [[ -n "$(_drover_child_pids)" ]] || break
            sleep 0.1
        done
        # Whatever is left after ten seconds goes now.
        _drover_signal_child KILL
        wait "$_DROVER_CHILD_PID" 2>/dev/null || true
        _DROVER_CHILD_PID=
    fi
    exit "$code"
}

_drover_on_exit() {
    local status=$?
    drover_stop_postgres || true
    exit "$status"
}
