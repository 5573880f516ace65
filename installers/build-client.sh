#!/usr/bin/env bash
# Builds the one-file customer client, dist/tandem-client, for the machine it runs on, from the
# project's .venv (scripts/install.sh makes it). README, "The one-file client".
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { echo "build-client.sh: run scripts/install.sh first" >&2; exit 1; }

# ICU's tools and a compiler make the smaller ICU data (installers/icu_data.py); binutils strip
# the debugging symbols some libraries carry.
if [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null; then
  missing=()
  for package in icu-devtools gcc binutils; do
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
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/tandem-client installers/tandem-client.spec
echo "dist/tandem-client: $(( $(stat -c %s dist/tandem-client) / 1000000 )) MB, built in $(( $(date +%s) - started )) s"
