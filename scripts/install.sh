#!/usr/bin/env bash
# Installs everything Tandem needs on a Debian/Ubuntu machine: the system libraries Qt's xcb
# platform and the tests need (Xvfb, xdotool), then a virtual environment in .venv with the
# project and its development tools.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  xvfb xdotool x11-utils fonts-dejavu-core
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  ffmpeg x11vnc
  libyuv0  # the screen's conversion to YUV (shared/media/libyuv.py), also in the one-file client
  poppler-utils
  passwd procps  # run-as tests: useradd/chpasswd for a second account, pgrep
  chromium  # the web pages' end-to-end tests (tests/web): Debian's, driven by Playwright
  portaudio19-dev  # pyaudio builds from source against it (the voice call's devices)
  pulseaudio pulseaudio-utils  # the voice tests' real devices: null sinks and their monitors
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

python_bin=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python_bin" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
echo "Tandem is installed in .venv"
# The one-file client the support center hands out on its Get help and join pages.
bash installers/build-client.sh
