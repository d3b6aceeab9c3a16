#!/usr/bin/env bash
# The regression study: 10 x 10-fold cross-validation (folds randomized with the run number, not stratified) of
# BackpropOneHidden (defaults, and -tune none) against MultilayerPerceptron, LinearRegression, M5P and
# MLPRegressor (multiLayerPerceptrons 1.0.10, study scope only), each with its defaults, over every ARFF file in
# DATASETS_DIR whose class (the last attribute) is numeric, then Weka's corrected resampled paired t-test on the
# root relative squared error (lower is better), RMSE and the correlation coefficient.
#
#   study/run-regression-study.sh DATASETS_DIR [RESULTS_DIR]   e.g. study/run-regression-study.sh ../shared/datasets/regression
#
# Per-fold results go to RESULTS_DIR/<label>.tsv (default study/regression), 10 columns a line (see
# AccuracyStudy); the report is printed and written to RESULTS_DIR/report.md. A label can be run by hand with
#   mvn -B -q -Pstudy test-compile exec:exec -Dstudy.args="run DATASETS_DIR RESULTS_DIR LABEL"
set -euo pipefail
cd "$(dirname "$0")/.."
datasets=${1:?usage: study/run-regression-study.sh DATASETS_DIR [RESULTS_DIR]}
results=${2:-study/regression}
mvn -B -q -Pstudy test-compile
for label in backprop mlp linear m5p mlpregressor; do
  mvn -B -q -Pstudy exec:exec -Dstudy.args="run $datasets $results $label"
done
# the single network without tuning, for comparison
mvn -B -q -Pstudy exec:exec -Dstudy.args="run $datasets $results backprop11 weka.classifiers.functions.BackpropOneHidden -tune none"
# (sed: Maven 3.8 in quiet mode writes colour resets into the output even in batch mode)
mvn -B -q -Pstudy exec:exec -Dstudy.args="analyze $results backprop backprop11 mlp linear m5p mlpregressor" \
  | sed 's/\x1b\[[0-9;]*m//g' | tee "$results/report.md"
