#!/bin/bash
# usage: run.sh [-runs R] [-only a,b] LABEL [CLASSNAME [OPTIONS...]]   (results in results/)
cd "$(dirname "$0")"
RUNS=1; ONLY=()
while [[ "$1" == -* ]]; do
  case "$1" in
    -runs) RUNS=$2; shift 2;;
    -only) ONLY=(-only "$2"); shift 2;;
    -dir) DIR=$2; shift 2;;
  esac
done
DIR=${DIR:-results}
CP="out:${BUILD:?set BUILD to a build of commit e27d4ea: its target/ folder}/test-classes:$BUILD/classes:$BUILD/weka-lib/*"
exec nice -n 10 java -Xmx2g -DWEKA_HOME=${TMPDIR:-/tmp}/wekahome -Dweka.packageManager.offline=true -Djava.awt.headless=true -cp "$CP" weka.classifiers.functions.study.AccuracyStudy run -runs $RUNS "${ONLY[@]}" ${DATASETS:-../../../../shared/datasets} $DIR "$@"
