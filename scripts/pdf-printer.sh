#!/usr/bin/env bash
# A real CUPS PDF printer for the printing tests: the cups scheduler running and one cups-pdf
# queue, TandemPDF, that writes each job as a PDF under the printing user's ~/PDF. Needs root
# (sudo is asked for otherwise); .ci/run runs it. Without it the real-printer test skips.
set -euo pipefail

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

missing=()
for package in cups printer-driver-cups-pdf poppler-utils; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  "${sudo_cmd[@]}" cupsd  # goes to the background by itself
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.2
  done
fi

if ! lpstat -v TandemPDF >/dev/null 2>&1; then
  # pdftocairo renders text as text: with CUPS's default (Ghostscript) pdftotext cannot read it.
  "${sudo_cmd[@]}" lpadmin -p TandemPDF -v cups-pdf:/ \
    -P /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd -E -o pdftops-renderer-default=pdftocairo
fi
lpstat -v TandemPDF
