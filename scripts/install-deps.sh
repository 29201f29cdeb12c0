#!/usr/bin/env bash
# Installs the Debian 12 packages mailkeeper needs to build, test and benchmark. Idempotent: the
# package lists are refreshed and packages installed only when something is missing.
# Usage (as root): scripts/install-deps.sh
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries
  libgmime-3.0-dev libicu-dev libxml2-dev libcli11-dev nlohmann-json3-dev libspdlog-dev
  libvectorscan-dev libmilter-dev libsqlite3-dev libyaml-cpp-dev libcurl4-openssl-dev libphonenumber-dev
  # attachment text for the DLP scan: ZIP/OOXML/ODF containers, PDF
  libzip-dev libpoppler-cpp-dev
  # tests, sanitizers and fuzzing (libFuzzer ships with clang's runtime)
  doctest-dev clang-16 libclang-rt-16-dev python3
  # end-to-end tests: a private Postfix on loopback, and miltertest for protocol-level checks
  postfix miltertest
  # benchmark: the reference bounce parser, measured side by side
  libsisimai-perl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Postfix installs without questions and without a system configuration: the tests run their own
# private instances (tests/e2e/postfix_lab.py), and the machine's own mail setup is left alone.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
echo "postfix postfix/mailname string $(hostname -f 2>/dev/null || hostname)" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
