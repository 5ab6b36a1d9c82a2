#!/usr/bin/env bash
# Installs the Debian packages the whole test suite drives for real: chromium (browser tests),
# nginx with its brotli static module (the generated web-server configuration is served by it),
# rsync and OpenSSH's server (publishing to a web server's folder), LibreOffice Calc without its
# windows (the evidence workbook opened as the PR team opens it). Needs root or sudo.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium chromium-driver)
{ command -v nginx >/dev/null 2>&1 && [ -e /usr/share/nginx/modules-available/mod-http-brotli-static.conf ]; } \
  || missing+=(nginx libnginx-mod-http-brotli-static)
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)  # publishing over SSH, to a server the test starts
office=()
command -v soffice >/dev/null 2>&1 || office+=(libreoffice-calc-nogui)
if [ ${#missing[@]} = 0 ] && [ ${#office[@]} = 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# The tests start nginx themselves, on a free port: the package must not start a server on port 80.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get update -qq
if [ ${#missing[@]} != 0 ]; then $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; fi
# Calc alone: its recommended packages are the rest of the office suite.
if [ ${#office[@]} != 0 ]; then $SUDO apt-get install -y -qq --no-install-recommends "${office[@]}" >/dev/null; fi
# The versions installed, first lines only. sed reads to the end: `head` would close the pipe early,
# and under pipefail the writer's SIGPIPE (exit 141) would fail the whole script.
chromium --version; nginx -v; rsync --version | sed -n 1p; { /usr/sbin/sshd -V 2>&1 || true; } | sed -n 1p
soffice --version
