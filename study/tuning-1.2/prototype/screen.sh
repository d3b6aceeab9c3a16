#!/bin/bash
# screen.sh LABEL CLASSNAME OPTIONS... : small sets x5 runs, mid sets x3, big sets x1 (results in rs/ rm/ rb/)
cd "$(dirname "$0")"
label=$1; shift
./run.sh -dir rs -runs 5 -only breast-cancer,contact-lenses,glass,ionosphere,iris,labor,vote,weather.nominal,weather.numeric,zoo $label "$@" > logs/$label.s.out 2>&1
./run.sh -dir rm -runs 3 -only credit-g,diabetes,soybean $label "$@" > logs/$label.m.out 2>&1
./run.sh -dir rb -runs 1 -only satellite,segment-challenge,waveform-5000 $label "$@" > logs/$label.b.out 2>&1
