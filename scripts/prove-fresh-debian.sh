#!/bin/sh
# Proves the README's two commands on a fresh Debian 12 machine: debootstraps bookworm (minbase:
# no chromium, nginx, rsync or sshd) into a folder, installs only what the README assumes (python3
# with venv, make, git, Node.js with npm), clones this repository into it and runs `make site`
# and `make test` there as root. Needs root, debootstrap and the network; takes about 20 minutes.
# Not part of `make test`: run it by hand after changing the set-up.
#
#   sudo scripts/prove-fresh-debian.sh [FOLDER]     (default: /tmp/moinext-debian12)
#
# Where the network goes through a proxy with its own certificate authority, the authorities in
# /usr/local/share/ca-certificates are copied in, as they would be on any machine behind it.
set -eu
root=${1:-/tmp/moinext-debian12}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap --variant=minbase bookworm "$root" "$mirror"
fi
cleanup() { umount -R "$root/proc" "$root/sys" "$root/dev" 2>/dev/null || true; }
trap cleanup EXIT
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# (the folder is made here: minbase has none until the ca-certificates package is installed below)
mkdir -p "$root/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
cat > "$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
chroot "$root" sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    python3 python3-venv make git ca-certificates nodejs npm && update-ca-certificates'
rm -rf "$root/root/moinext"
git clone -q "$repo" "$root/root/moinext"
chroot "$root" env -u PIP_FIND_LINKS sh -c 'cd /root/moinext && make site && make test'
echo "make site and make test passed on a fresh Debian 12 ($root)"
