#!/usr/bin/env bash
# Tests of ./dev's own logic: host detection, the mirror it picks, its
# errors, and the throwaway PostgreSQL server's life cycle. Sources ./dev for
# its functions (it runs main only when executed).
set -uo pipefail
REPO_UNDER_TEST=${1:?usage: tst_dev.sh REPO}
work=$(mktemp -d)
chmod 755 "$work" # the postgres account must reach the server's folder
trap 'rm -rf "$work"' EXIT

failures=0
check() { # NAME EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then
    echo "PASS   : $1"
  else
    echo "FAIL!  : $1"
    echo "   expected: $2"
    echo "   actual:   $3"
    failures=$((failures + 1))
  fi
}
check_contains() { # NAME NEEDLE HAYSTACK
  if [[ "$3" == *"$2"* ]]; then
    echo "PASS   : $1"
  else
    echo "FAIL!  : $1"
    echo "   expected to contain: $2"
    echo "   actual: $3"
    failures=$((failures + 1))
  fi
}

# Runs a function of ./dev in a subshell with the given environment.
in_dev() { (
  set +e
  # shellcheck disable=SC1091
  . "$REPO_UNDER_TEST/dev"
  set +e
  "$@"
); }

os_release() { # FILE CONTENT
  printf '%s\n' "$2" >"$work/$1"
  echo "$work/$1"
}

# --- host detection
for case in \
  "debian-12|ID=debian
VERSION_ID=\"12\"
VERSION_CODENAME=bookworm|root" \
  "debian-13|ID=debian
VERSION_ID=\"13\"
VERSION_CODENAME=trixie|host" \
  "debian-sid|ID=debian
VERSION_CODENAME=sid|host" \
  "ubuntu-24.04|ID=ubuntu
VERSION_ID=\"24.04\"|host" \
  "ubuntu-22.04|ID=ubuntu
VERSION_ID=\"22.04\"|unsupported" \
  "debian-11|ID=debian
VERSION_ID=\"11\"|unsupported"; do
  name=${case%%|*}
  rest=${case#*|}
  content=${rest%|*}
  expected=${case##*|}
  file=$(os_release "$name" "$content")
  check "host-mode $name" "$expected" "$(RETORT_TEST_OS_RELEASE=$file in_dev host_mode)"
done

# Another distribution: the host serves when it has every tool (this build
# environment does), and not when the tools are missing.
file=$(os_release fedora 'ID=fedora
VERSION_ID=41')
check "host-mode other-distribution-with-tools" host "$(RETORT_TEST_OS_RELEASE=$file in_dev host_mode)"
check "host-mode other-distribution-without-tools" unsupported \
  "$(RETORT_TEST_OS_RELEASE=$file PATH=/nonexistent in_dev host_mode 2>/dev/null)"
message=$(RETORT_TEST_OS_RELEASE=$file in_dev unsupported_host 2>&1)
check_contains "unsupported-host lists packages" "libkf6syntaxhighlighting-dev" "$message"
check_contains "unsupported-host names the host" "not supported" "$message"

# --- the mirror comes from the host's apt sources
mkdir -p "$work/apt822/sources.list.d" "$work/aptlegacy" "$work/aptnone"
cat >"$work/apt822/sources.list.d/debian.sources" <<'SRC'
Types: deb
URIs: http://mirror.example.org/debian
Suites: bookworm bookworm-updates
Components: main

Types: deb
URIs: http://security.example.org/debian-security
Suites: bookworm-security
Components: main
SRC
cat >"$work/aptlegacy/sources.list" <<'SRC'
# local mirror
deb [arch=amd64] http://legacy.example.org/debian bookworm main
deb http://legacy.example.org/debian-security bookworm-security main
SRC
check "mirror deb822" "http://mirror.example.org/debian" "$(RETORT_TEST_APT_DIR=$work/apt822 in_dev host_mirror)"
check "mirror sources.list" "http://legacy.example.org/debian" "$(RETORT_TEST_APT_DIR=$work/aptlegacy in_dev host_mirror)"
check "mirror default" "http://deb.debian.org/debian" "$(RETORT_TEST_APT_DIR=$work/aptnone in_dev host_mirror)"
check "mirror override" "http://own.example.org/d" \
  "$(RETORT_TEST_APT_DIR=$work/apt822 RETORT_DEBIAN_MIRROR=http://own.example.org/d in_dev host_mirror)"

# --- clear errors
message=$(in_dev check_mirror_reachable "http://127.0.0.1:1/debian" 2>&1)
check "unreachable-mirror exits 1" 1 "$(in_dev check_mirror_reachable "http://127.0.0.1:1/debian" >/dev/null 2>&1; echo $?)"
check_contains "unreachable-mirror message" "cannot reach the package mirror http://127.0.0.1:1/debian" "$message"
message=$(in_dev check_free_space "$work" 999999999 "the build root" 2>&1)
check_contains "too-little-disk message" "not enough disk space for the build root: $work has" "$message"
check "enough-disk passes" 0 "$(in_dev check_free_space "$work" 1 "x" >/dev/null 2>&1; echo $?)"

# --- the throwaway server for manual work: start, url, stop
build=$work/build
url=$(RETORT_BUILD_DIR=$build TMPDIR=$work in_dev cmd_pg start 2>&1)
check_contains "pg start prints a URL" "postgresql://retort:" "$url"
check "pg url prints the same URL" "$url" "$(RETORT_BUILD_DIR=$build in_dev cmd_pg url)"
check "pg start again reuses the server" "$url" "$(RETORT_BUILD_DIR=$build TMPDIR=$work in_dev cmd_pg start)"
check "pg server accepts the URL" 1 "$(psql "$url" -Atc 'SELECT 1' 2>&1)"
check "pg state file is private" 600 "$(stat -c %a "$build/dev-pg.env")"
RETORT_BUILD_DIR=$build in_dev cmd_pg stop
check "pg stop removes the server's files" "" "$(ls -d "$work"/retort-pg.* 2>/dev/null)"
check "pg stop stops the server" "" "$(psql "$url" -Atc 'SELECT 1' 2>/dev/null)"

# --- ./dev test's server goes away however the run ends
status=$(TMPDIR=$work in_dev with_throwaway_server bash -c 'psql "$RETORT_TEST_PG_URL" -Atc "SELECT 1" >/dev/null && exit 7' >/dev/null 2>&1; echo $?)
check "server-run passes the command's exit code" 7 "$status"
check "server-run cleans up after a failure" "" "$(ls -d "$work"/retort-pg.* 2>/dev/null)"

setsid bash -c ". '$REPO_UNDER_TEST/dev'; TMPDIR='$work' with_throwaway_server bash -c 'echo \"\$RETORT_TEST_PG_URL\" >\"$work/url\"; sleep 60'" \
  >/dev/null 2>&1 &
runner=$!
for _ in $(seq 100); do [[ -s "$work/url" ]] && break; sleep 0.1; done
check_contains "server-run exports the URL" "postgresql://retort:" "$(cat "$work/url" 2>/dev/null)"
kill -TERM -- "-$runner" 2>/dev/null
wait "$runner" 2>/dev/null
check "server-run cleans up when terminated" "" "$(ls -d "$work"/retort-pg.* 2>/dev/null)"
check "server-run stops the server when terminated" "" "$(psql "$(cat "$work/url")" -Atc 'SELECT 1' 2>/dev/null)"

echo "Totals: $failures failed"
[[ $failures -eq 0 ]]
