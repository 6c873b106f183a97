#!/usr/bin/env bash
# gen-reports.sh DIR N SAMPLES_DIR: writes N report files into DIR, made from
# the five samples with the issuer renamed (单位0001…) so that every file is
# distinct.  Shared by the benchmarks.
set -euo pipefail
dir=$1 n=$2 samples=$3
mkdir -p "$dir"
mapfile -t srcs < <(ls "$samples"/*.txt | sort)
for ((i = 0; i < n; i++)); do
  src=${srcs[$((i % ${#srcs[@]}))]}
  printf -v id '%05d' "$i"
  # the issuer appears in the title or first sentence; rename it in place
  sed -e "s/北京市\(.\{2,4\}\)区人民政府/第${id}号单位/; s/北戴河区人民政府办公室/第${id}号单位/; s/安定镇/第${id}镇/g" \
      "$src" > "$dir/report-$id.txt"
done
