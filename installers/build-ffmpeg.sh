#!/usr/bin/env bash
# Builds the small FFmpeg the one-file client carries (Linux): shared libraries with only what
# aiortc and Tandem call, into build/ffmpeg. PyPI's PyAV wheel links an FFmpeg with every codec,
# its own x265, AV1, GnuTLS...: 19 of the client's 86 MB. installers/build-client-venv.sh builds
# PyAV against this one. Called by installers/build-client.sh; does nothing when built already.
#
#   bash installers/build-ffmpeg.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."

FFMPEG_VERSION=8.1.2  # PyAV 18.1's (libavcodec 62), as in its PyPI wheel
FFMPEG_TARBALL="ffmpeg_${FFMPEG_VERSION}.orig.tar.xz"
FFMPEG_URL="http://deb.debian.org/debian/pool/main/f/ffmpeg/${FFMPEG_TARBALL}"
# From Debian sid's Sources (Checksums-Sha256 of ffmpeg 8.1.2): the download is plain http.
FFMPEG_SHA256=464beb5e7bf0c311e68b45ae2f04e9cc2af88851abb4082231742a74d97b524c
PREFIX=$(realpath -m "${1:-build/ffmpeg}")
SOURCES=build/ffmpeg-src

# What the client uses, and nothing else:
# - aiortc's codecs (aiortc/codecs): H.264 (libx264 encoder, h264 decoder), VP8 (libvpx both
#   ways), Opus (libopus both ways), G.711 (pcm_alaw, pcm_mulaw) and G.722 (adpcm_g722), which
#   it offers in every negotiation; the desktop's encoders (shared/media/tuning.py) are the same.
# - the camera (shared/features/video/camera.py): FFmpeg's device input (v4l2 here; dshow and
#   avfoundation are other systems' builds) and what cameras send: MJPEG, raw YUYV (rawvideo),
#   H.264; the tests' camera is a video file (AVI, MP4 or Matroska, MJPEG inside).
# - the recording (shared/features/recording/recorder.py): libx264 into MP4.
# - PyAV's AudioResampler (abuffer, aresample, aformat, abuffersink), VideoFrame.reformat
#   (libswscale), and the video filter graph's ends (buffer, buffersink).
ENCODERS=libx264,libvpx_vp8,libopus,pcm_alaw,pcm_mulaw,adpcm_g722,rawvideo
DECODERS=h264,vp8,libvpx_vp8,opus,libopus,pcm_alaw,pcm_mulaw,adpcm_g722,mjpeg,rawvideo
PARSERS=h264,vp8,opus,mjpeg
DEMUXERS=avi,mov,matroska,rawvideo,mjpeg,h264
MUXERS=mp4,mov,matroska
FILTERS=abuffer,abuffersink,aresample,aformat,buffer,buffersink,format,scale,null,anull
BSFS=h264_mp4toannexb,extract_extradata,vp8_superframe
PROTOCOLS=file,pipe
INDEVS=v4l2

# What was built, written last: a build stopped half-way, or other options, build again.
STAMP="$FFMPEG_VERSION $ENCODERS $DECODERS $PARSERS $DEMUXERS $MUXERS $FILTERS $BSFS $PROTOCOLS $INDEVS"
if [ "$(cat "$PREFIX/.built" 2>/dev/null)" = "$STAMP" ]; then
  echo "FFmpeg: $PREFIX built already"
  exit 0
fi
rm -rf "$PREFIX"

# The codecs' libraries, nasm for FFmpeg's assembly, and a compiler: Debian's packages.
if command -v apt-get >/dev/null; then
  packages=(build-essential nasm pkg-config curl xz-utils libx264-dev libvpx-dev libopus-dev)
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
tarball="build/$FFMPEG_TARBALL"
if ! echo "$FFMPEG_SHA256  $tarball" | sha256sum -c --status 2>/dev/null; then
  curl -fsSL --retry 3 -o "$tarball.part" "$FFMPEG_URL"
  echo "$FFMPEG_SHA256  $tarball.part" | sha256sum -c --quiet
  mv "$tarball.part" "$tarball"
fi
rm -rf "$SOURCES"
mkdir -p "$SOURCES"
tar -xJf "$tarball" -C "$SOURCES" --strip-components=1

cd "$SOURCES"
# --disable-autodetect: no X11 grab, ALSA, VA-API, zlib... linked in behind our back. -Os: the
# codecs that matter run in the libraries' own assembly (x264, libvpx, FFmpeg's x86 asm).
# The libraries find each other in PREFIX (an rpath; not --enable-rpath, which puts it in the
# pkg-config files, whose flags PyAV's setup refuses).
./configure \
  --prefix="$PREFIX" \
  --enable-shared --disable-static --enable-pic \
  --disable-programs --disable-doc --disable-debug --enable-small --optflags=-Os \
  --disable-autodetect --disable-everything --disable-network \
  --enable-gpl --enable-libx264 --enable-libvpx --enable-libopus \
  --enable-swscale --enable-swresample --enable-avdevice --enable-avfilter \
  --enable-encoder="$ENCODERS" --enable-decoder="$DECODERS" --enable-parser="$PARSERS" \
  --enable-demuxer="$DEMUXERS" --enable-muxer="$MUXERS" --enable-filter="$FILTERS" \
  --enable-bsf="$BSFS" --enable-protocol="$PROTOCOLS" --enable-indev="$INDEVS" \
  --extra-ldflags="-Wl,-rpath,$PREFIX/lib" \
  >../ffmpeg-configure.log
make -j"$(nproc)" >../ffmpeg-make.log
make install >>../ffmpeg-make.log
strip --strip-unneeded "$PREFIX"/lib/lib*.so.*.*
echo "$STAMP" >"$PREFIX/.built"
echo "FFmpeg $FFMPEG_VERSION: $PREFIX ($(du -sh "$PREFIX/lib" | cut -f1))"
