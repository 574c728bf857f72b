#!/usr/bin/env bash
# Installs the Debian 12 packages kith needs to build and test, if missing.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git python3 ccache
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libyaml-cpp-dev libgit2-dev libboost-program-options-dev
  nlohmann-json3-dev libmstch-dev libgtest-dev libgmock-dev
  # interchange: iCalendar through libical; khard and Python's icalendar
  # read kith's exports in the tests
  libical-dev khard python3-icalendar
  # static archives of what libgit2 and libical use (kith links them in,
  # CMake option KITH_STATIC_DEPS); the -dev packages above depend on them
  libmbedtls-dev libssh2-1-dev libhttp-parser-dev libpcre2-dev zlib1g-dev
  libssl-dev libicu-dev
  # sync's tests run real servers on 127.0.0.1: OpenSSH's sshd and client,
  # lighttpd with git's http-backend (in git)
  openssh-server openssh-client lighttpd
  # the HTML weekly review is rendered in headless Chromium in a test
  chromium
  # fuzzing: clang's libFuzzer and sanitizer runtimes
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
