#!/usr/bin/env bash
# Outside the test suite (needs chromium and poppler-utils): every shipped scenario's
# briefing as PDF (typst) and as HTML printed by headless Chromium, with page counts.
# The PDF must take 3 pages, the printed HTML at most 5.
set -euo pipefail
out=$(mktemp -d)
status=0
for file in scenarios/*.yaml; do
  id=$(basename "$file" .yaml)
  crossroads brief "$id" --no-log -o "$out/$id.pdf" 2>/dev/null
  crossroads brief "$id" --no-log -o "$out/$id.html" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --user-data-dir="$(mktemp -d)" --no-pdf-header-footer \
    --print-to-pdf="$out/$id.html.pdf" "file://$out/$id.html" 2>/dev/null
  pdf=$(pdfinfo "$out/$id.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
  printed=$(pdfinfo "$out/$id.html.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
  verdict=ok
  if (( pdf != 3 || printed > 5 )); then verdict=FAIL; status=1; fi
  printf '%-36s pdf %s pages, html printed %s pages  %s\n' "$id" "$pdf" "$printed" "$verdict"
done
exit $status
