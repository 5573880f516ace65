#!/usr/bin/env bash
# The virtual environment the one-file client is built from (Linux), build/client-venv: the
# project's .venv, seen through a .pth file, with three packages of its own built from source,
# so the client carries less than PyPI's wheels bring:
# - PyAV against the small FFmpeg of installers/build-ffmpeg.sh (15 MB less);
# - numpy without BLAS or LAPACK (the client multiplies no matrices: OpenBLAS and gfortran are
#   8.5 MB) and without code for CPUs newer than numpy's baseline (the client's arrays are a
#   few frames a second);
# - pylibsrtp on the libsrtp of installers/build-libsrtp.sh, with the system's OpenSSL (2.3 MB).
# The same versions as .venv's, so the client runs what the tests ran. .venv keeps PyPI's wheels.
# Called by installers/build-client.sh; does nothing when built already.
#
#   bash installers/build-client-venv.sh [FFMPEG_PREFIX] [LIBSRTP_PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."

FFMPEG_PREFIX=$(realpath -m "${1:-build/ffmpeg}")
LIBSRTP_PREFIX=$(realpath -m "${2:-build/libsrtp}")
VENV=build/client-venv
# numpy's build options (meson): no BLAS/LAPACK at all, and no runtime CPU dispatch.
NUMPY_OPTIONS=(
  -Csetup-args=-Dblas=none -Csetup-args=-Dlapack=none -Csetup-args=-Dallow-noblas=true
  -Csetup-args=-Dcpu-dispatch=none
)
# PyAV's modules: small code (-Os, no debugging symbols), and FFmpeg found where it was built.
PYAV_CFLAGS="-Os -g0"
PYAV_LDFLAGS="-Wl,-rpath,$FFMPEG_PREFIX/lib"

version() { .venv/bin/python -c "import importlib.metadata as m; print(m.version('$1'))"; }
AV_VERSION=$(version av)
NUMPY_VERSION=$(version numpy)
PYLIBSRTP_VERSION=$(version pylibsrtp)

# What was built, written last; PyAV and pylibsrtp are built again when FFmpeg or libsrtp was.
STAMP="av==$AV_VERSION numpy==$NUMPY_VERSION pylibsrtp==$PYLIBSRTP_VERSION"
STAMP+=" ffmpeg=$(md5sum <"$FFMPEG_PREFIX/.built" | cut -c1-12)"
STAMP+=" libsrtp=$(md5sum <"$LIBSRTP_PREFIX/.built" | cut -c1-12)"
if [ "$(cat "$VENV/.built" 2>/dev/null)" = "$STAMP" ]; then
  echo "client venv: $VENV built already"
  exit 0
fi

rm -rf "$VENV"
.venv/bin/python -m venv "$VENV"
site=$("$VENV/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
# .venv's packages come after the venv's own (a .pth adds its folders at the end of sys.path).
.venv/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])" \
  >"$site/tandem-venv.pth"
# The project itself (.venv has it in development mode, through a finder .pth file of its own).
realpath . >>"$site/tandem-venv.pth"

# --no-cache-dir: pip's wheel cache knows a wheel by its sdist, not by the FFmpeg or libsrtp
# it was built against.
pip=("$VENV/bin/python" -m pip install -q --no-deps --ignore-installed --no-cache-dir)
pip+=(--no-binary av,numpy,pylibsrtp)
PKG_CONFIG_PATH="$FFMPEG_PREFIX/lib/pkgconfig" CFLAGS="$PYAV_CFLAGS" LDFLAGS="$PYAV_LDFLAGS" \
  "${pip[@]}" "av==$AV_VERSION"
"${pip[@]}" "${NUMPY_OPTIONS[@]}" "numpy==$NUMPY_VERSION"

CFLAGS="-Os -g0 -I$LIBSRTP_PREFIX/include" LDFLAGS="-L$LIBSRTP_PREFIX/lib" \
  "${pip[@]}" "pylibsrtp==$PYLIBSRTP_VERSION"

echo "$STAMP" >"$VENV/.built"
echo "client venv: $VENV (av, numpy, pylibsrtp from source: $STAMP)"
