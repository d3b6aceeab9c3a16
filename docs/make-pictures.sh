#!/usr/bin/env bash
# Makes the README's pictures in docs/images/:
#   loss-credit-g.png         training and validation loss per epoch (BackpropOneHidden defaults, credit-g)
#   regression-mexicanhat.png a numeric class: generated MexicanHat data, cross-validated predictions
#   study-accuracy-time.png   accuracy and training time of the accuracy study's classifiers
#   explorer.png              Weka's Explorer with BackpropOneHidden cross-validated on iris (needs a display)
# Usage: docs/make-pictures.sh [STUDY_RESULTS_DIR]   (default study/results)
#
# The charts need only Java and Maven. The screenshot needs an X display: with DISPLAY unset this script
# starts Xvfb (Debian package xvfb; installed with apt-get when missing and run as root). Without a display
# the charts are still made and the screenshot is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-study/results}

mvn -B -ntp -q package -DskipTests   # target/classes, target/weka-lib, target/data

xvfb_pid=""
cleanup() { if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  if ! command -v Xvfb >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing xvfb for the Explorer screenshot" >&2
    apt-get update -q >/dev/null && apt-get install -y -q xvfb >/dev/null
  fi
  if command -v Xvfb >/dev/null 2>&1; then
    exec 3< <(Xvfb -displayfd 1 -screen 0 1280x900x24 -nolisten tcp 2>/dev/null & echo "pid $!")
    read -r _ xvfb_pid <&3
    read -r display_number <&3
    export DISPLAY=":$display_number"
    echo "Xvfb on $DISPLAY" >&2
  else
    echo "no Xvfb and no DISPLAY: the Explorer screenshot will be skipped" >&2
  fi
fi

mvn -B -ntp -q -Ppictures test-compile exec:exec -Dpictures.args="docs/images $results"
