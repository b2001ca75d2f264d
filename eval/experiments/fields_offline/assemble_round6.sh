#!/bin/bash
# Assemble one prediction per document: this round's runs first, round 5's flash runs (same pipeline, deterministic) for the rest.
set -e
out=${1:-/tmp/r6/all}; rm -rf $out; mkdir -p $out/predictions
for src in /tmp/r5/f-tuned24 /tmp/r5/f-held /tmp/r5/f-test /tmp/r5/f-devrest /tmp/r6/full-flash /tmp/r6/runA /tmp/r6/runB1 /tmp/r6/runB; do
  [ -d $src/predictions ] || continue
  for d in $src/predictions/*/; do ds=$(basename $d); mkdir -p $out/predictions/$ds; cp $d/*.json $out/predictions/$ds/ 2>/dev/null || true; done
done
find $out/predictions -name '*.json' | wc -l
