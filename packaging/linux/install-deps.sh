#!/usr/bin/env bash
# Installs what plodnee's tests and GUI need on Debian/Ubuntu: the X11 libraries the window loads
# at run time, the file dialog (zenity) and the file opener (xdg-open), Xvfb for headless runs,
# and the PDF tools the end-to-end tests check output with.
# Safe to run again; uses sudo only when not already root.
set -euo pipefail

packages=(
  # GUI run time (loaded by winit; no -dev packages are needed to build)
  libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxkbcommon0 libxkbcommon-x11-0 libxcb1
  # headless display and screenshots
  xvfb xdotool x11-utils imagemagick
  # PDF checks: pdftotext, pdffonts, pdftoppm; qpdf --check; zbarimg for the PromptPay QR
  poppler-utils qpdf zbar-tools
  # the reports' .xlsx opened as an office would: LibreOffice converts it and the totals are compared
  libreoffice-calc
  # saving and opening files: rfd's file dialog falls back to zenity where no desktop portal
  # answers, and xdg-open (xdg-utils) opens a saved PDF in the desktop's viewer
  zenity xdg-utils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
