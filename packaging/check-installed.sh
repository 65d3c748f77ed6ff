#!/bin/bash
# Checks the .deb the way a user meets it. `./dev package` runs this as root
# inside a throwaway copy of a clean Debian 13 (debootstrap minbase): the
# package is installed with apt, with what it recommends, and everything
# below runs from the installed paths.
set -Eeuo pipefail
deb=$1
export DEBIAN_FRONTEND=noninteractive
check() { printf 'check: %s\n' "$*"; }
fail() {
  printf 'check: FAILED: %s\n' "$*" >&2
  exit 1
}

check "apt install $(basename "$deb") into a clean Debian 13"
apt-get update -qq >/check/apt.log 2>&1 || fail "apt-get update (see build/package/install-check-apt.log)"
apt-get install -y "$deb" >>/check/apt.log 2>&1 || fail "apt-get install (see build/package/install-check-apt.log)"
# The validators are not part of what a user installs.
apt-get install -y --no-install-recommends desktop-file-utils appstream file >>/check/apt.log 2>&1 ||
  fail "installing the validators"
printf '%s\n' "$(dpkg-query -W -f='${Package} ${Version}, Depends: ${Depends}' retort)"

check "retort-cli --version, retort --version"
[[ "$(retort-cli --version)" == "retort-cli "* ]] || fail "retort-cli --version"
[[ "$(QT_QPA_PLATFORM=offscreen retort --version)" == "retort "* ]] || fail "retort --version"

demo=/usr/share/retort/demo
db=sqlite:////tmp/demo.sqlite
check "retort-cli upgrade and status on the installed demo project ($demo)"
retort-cli -p "$demo" --db "$db" upgrade heads >/tmp/upgrade.txt || fail "retort-cli upgrade heads"
retort-cli -p "$demo" --db "$db" status | tee /tmp/status.txt
grep -q . /tmp/status.txt || fail "retort-cli status printed nothing"

check "retort --screenshot (offscreen)"
retort --screenshot /check/installed-screenshot.png -p "$demo" --db "$db" || fail "retort --screenshot"
file /check/installed-screenshot.png | grep -q 'PNG image data' || fail "the screenshot is not a PNG"

check "desktop-file-validate, appstreamcli validate"
desktop-file-validate /usr/share/applications/org.retort.Retort.desktop || fail "desktop-file-validate"
appstreamcli validate --no-net /usr/share/metainfo/org.retort.Retort.metainfo.xml || fail "appstreamcli validate"

check "the icon at the hicolor sizes"
for size in 16 22 24 32 48 64 128 256; do
  icon=/usr/share/icons/hicolor/${size}x${size}/apps/org.retort.Retort.png
  file "$icon" | grep -q "PNG image data, $size x $size" || fail "$icon"
done
[[ -f /usr/share/icons/hicolor/scalable/apps/org.retort.Retort.svg ]] || fail "the scalable icon"

check "man pages and shell completions"
for page in retort retort-cli; do
  zcat "/usr/share/man/man1/$page.1.gz" | grep -q "^\.TH ${page^^} 1" || fail "man page $page.1"
done
[[ -f /usr/share/zsh/vendor-completions/_retort-cli ]] || fail "zsh completion"
labels=$(bash -c 'source /usr/share/bash-completion/completions/retort-cli
  COMP_WORDS=(retort-cli -p "$1" upgrade bil); COMP_CWORD=4; _retort_cli; echo "${COMPREPLY[*]}"' bash "$demo")
[[ "$labels" == billing ]] || fail "bash completion of branch labels gave \"$labels\""

check "all good"
