#!/usr/bin/env bash
# Builds the one-file customer client, dist/tandem-client, for the machine it runs on, from the
# project's .venv (scripts/install.sh makes it). README, "The one-file client".
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { echo "build-client.sh: run scripts/install.sh first" >&2; exit 1; }

# ICU's tools and a compiler make the smaller ICU data (installers/icu_data.py); binutils strip
# the debugging symbols some libraries carry; zstd compresses the client behind its launcher,
# which links libzstd (installers/pack_client.py).
if [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null; then
  missing=()
  for package in icu-devtools gcc binutils zstd libzstd-dev; do
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

.venv/bin/python -c "import PyInstaller" 2>/dev/null \
  || .venv/bin/python -m pip install -q 'pyinstaller>=6.10'
started=$(date +%s)
# On Linux the client is built from build/client-venv: .venv with PyAV on a small FFmpeg, numpy
# without BLAS and pylibsrtp on the system's OpenSSL, built from source (27 MB less than PyPI's
# wheels). Elsewhere, and with TANDEM_CLIENT_WHEELS=1, from .venv itself, with PyPI's wheels.
python=.venv/bin/python
if [ "$(uname -s)" = Linux ] && [ "${TANDEM_CLIENT_WHEELS:-0}" != 1 ]; then
  bash installers/build-ffmpeg.sh build/ffmpeg
  bash installers/build-libsrtp.sh build/libsrtp
  bash installers/build-client-venv.sh build/ffmpeg build/libsrtp
  python=build/client-venv/bin/python
  # The calls' codecs, the camera and the recording, through that FFmpeg, before it is bundled.
  "$python" installers/check_media.py
fi
if [ "$(uname -s)" != Linux ]; then
  "$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/tandem-client installers/tandem-client.spec
else
  # A folder (the spec builds one on Linux), its modules' archive left uncompressed for zstd to
  # do better, packed behind our launcher: installers/pack_client.py says why.
  PYINSTALLER_ZLIB_COMPRESSION_LEVEL=0 "$python" -m PyInstaller --noconfirm --clean \
    --log-level WARN --distpath build/client-folder --workpath build/tandem-client \
    installers/tandem-client.spec
  mkdir -p build/launcher
  gcc -O2 -Wall -Wextra -Werror -o build/launcher/tandem-launcher \
    installers/launcher/tandem_launcher.c -Wl,-Bstatic -lzstd -Wl,-Bdynamic
  strip build/launcher/tandem-launcher
  .venv/bin/python installers/pack_client.py build/launcher/tandem-launcher \
    build/client-folder/tandem-client dist/tandem-client
fi
echo "dist/tandem-client: $(( $(stat -c %s dist/tandem-client) / 1000000 )) MB, built in $(( $(date +%s) - started )) s"
