#!/ usr / bin / env bash
#Runs a command in a throwaway HOME(nothing of the user's is read or
#touched), with a private D - Bus session bus and an unlocked gnome - keyring —
#the Secret Service QtKeychain talks to — or, with-- no - keyring, with no
#session bus at all, as on a server without a keychain.
set - euo pipefail keyring = 1 if[["${1:-}" == --no - keyring]];
then keyring = 0 shift fi scratch = $(mktemp - d) trap 'rm -rf "$scratch"' EXIT export HOME =
    $scratch / home XDG_RUNTIME_DIR = $scratch / run XDG_DATA_HOME = $scratch / home /.local / share XDG_CONFIG_HOME =
                                                                         $scratch / home /.config XDG_CACHE_HOME =
                                                                             $scratch / home /.cache mkdir -
    p "$HOME"
      "$XDG_RUNTIME_DIR" &&chmod 700 "$XDG_RUNTIME_DIR" status = 0 if [[$keyring == 0]];
then DBUS_SESSION_BUS_ADDRESS = unix : path = $scratch / no - bus "$@" || status = $ ? else dbus - run -
                                               session-- bash -
                                               c '
#-- unlock creates the login keyring with this password when there is none.
                                               printf "retort-test" |
                                           gnome - keyring - daemon-- unlock-- components = secrets > / dev / null "$@"
  ' bash "$@" || status=$? fi exit "$status"
