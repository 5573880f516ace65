#!/usr/bin/env bash
# Builds libsrtp (the SRTP of the client's calls, through pylibsrtp) as a static library on the
# system's OpenSSL, into build/libsrtp (Linux). PyPI's pylibsrtp wheel carries libsrtp with an
# OpenSSL of its own: 2.4 MB of the client, which already carries the system's OpenSSL for
# Python's ssl. installers/build-client-venv.sh builds pylibsrtp against this one (0.1 MB).
# Called by installers/build-client.sh; does nothing when built already.
#
#   bash installers/build-libsrtp.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."

LIBSRTP_VERSION=2.5.0  # Debian 12's
LIBSRTP_TARBALL="libsrtp2_${LIBSRTP_VERSION}.orig.tar.gz"
LIBSRTP_URL="http://deb.debian.org/debian/pool/main/libs/libsrtp2/${LIBSRTP_TARBALL}"
# From Debian 12's Sources (Checksums-Sha256 of libsrtp2 2.5.0): the download is plain http.
LIBSRTP_SHA256=8a43ef8e9ae2b665292591af62aa1a4ae41e468b6d98d8258f91478735da4e09
PREFIX=$(realpath -m "${1:-build/libsrtp}")
SOURCES=build/libsrtp-src
STAMP="$LIBSRTP_VERSION openssl static"

if [ "$(cat "$PREFIX/.built" 2>/dev/null)" = "$STAMP" ]; then
  echo "libsrtp: $PREFIX built already"
  exit 0
fi
rm -rf "$PREFIX"

# OpenSSL's headers (the library itself is the system's), a compiler, the download tools.
if command -v apt-get >/dev/null; then
  packages=(build-essential pkg-config curl libssl-dev)
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
  fi
fi

mkdir -p build
tarball="build/$LIBSRTP_TARBALL"
if ! echo "$LIBSRTP_SHA256  $tarball" | sha256sum -c --status 2>/dev/null; then
  curl -fsSL --retry 3 -o "$tarball.part" "$LIBSRTP_URL"
  echo "$LIBSRTP_SHA256  $tarball.part" | sha256sum -c --quiet
  mv "$tarball.part" "$tarball"
fi
rm -rf "$SOURCES"
mkdir -p "$SOURCES"
tar -xzf "$tarball" -C "$SOURCES" --strip-components=1

cd "$SOURCES"
# Static (the libsrtp2.a target only) and position-independent: it goes inside pylibsrtp's
# module, which links the system's libcrypto.
CFLAGS="-Os -fPIC" ./configure --prefix="$PREFIX" --enable-openssl >../libsrtp-configure.log
make -j"$(nproc)" libsrtp2.a >../libsrtp-make.log
make install >>../libsrtp-make.log
echo "$STAMP" >"$PREFIX/.built"
echo "libsrtp $LIBSRTP_VERSION: $PREFIX"
