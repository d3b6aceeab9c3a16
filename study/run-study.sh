#!/usr/bin/env bash
# The accuracy study behind ACCURACY.md: 10 x 10-fold cross-validation of BackpropOneHidden (defaults, and -tune none)
# against MultilayerPerceptron, Logistic, MLPClassifier (multiLayerPerceptrons 1.0.10, study scope only)
# and J48, each with its defaults, over every ARFF file in DATASETS_DIR (segment-test.arff excepted),
# then Weka's corrected resampled paired t-test.
#
#   study/run-study.sh DATASETS_DIR [RESULTS_DIR]        e.g. study/run-study.sh ../shared/datasets
#
# Per-fold results go to RESULTS_DIR/<label>.tsv (default study/results); the report is printed and
# written to RESULTS_DIR/report.md. MultilayerPerceptron needs about two CPU-hours; the labels can be run
# in parallel by hand with  mvn -B -q -Pstudy exec:exec -Dstudy.args="run DATASETS_DIR RESULTS_DIR LABEL"
# (and "-only a,b" to split data sets between processes; concatenate the parts into LABEL.tsv).
set -euo pipefail
cd "$(dirname "$0")/.."
datasets=${1:?usage: study/run-study.sh DATASETS_DIR [RESULTS_DIR]}
results=${2:-study/results}
mvn -B -q -Pstudy test-compile
for label in backprop logistic j48 mlpclassifier mlp; do
  mvn -B -q -Pstudy exec:exec -Dstudy.args="run $datasets $results $label"
done
# the single network of the defaults before 1.2, for comparison
mvn -B -q -Pstudy exec:exec -Dstudy.args="run $datasets $results backprop11 weka.classifiers.functions.BackpropOneHidden -tune none"
mvn -B -q -Pstudy exec:exec -Dstudy.args="analyze $results backprop backprop11 mlp logistic mlpclassifier j48" | tee "$results/report.md"
