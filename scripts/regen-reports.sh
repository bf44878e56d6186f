#!/usr/bin/env bash
# Regenerates the committed example outputs under reports/: for each plan below, the plan directory
# `tasks plan` writes (the seven artifacts and .tasks-meta.json) with the report its Plan.md links
# (report.html, and its charts as SVG files), and a capacity sweep (sweep.json, sweep.csv, sweep.svg).
#
#   scripts/regen-reports.sh            rewrite reports/
#   scripts/regen-reports.sh --check    regenerate in place and fail if anything differs from the
#                                       committed reports/ (byte for byte), which is then put back
#   scripts/regen-reports.sh --screenshot   also render reports/screenshot.png (wkhtmltoimage and
#                                       optipng, else a sheet of the charts with rsvg-convert)
#
# Every output is a pure function of the plan, the seed and the iteration count, and
# SOURCE_DATE_EPOCH (default below) fixes the only timestamp, so two runs give identical bytes.
# To add a plan (a directory written by `tasks plan`, say), add one line to PLANS.
set -euo pipefail
cd "$(dirname "$0")/.."

# name | plan path | sweep (NAME=LO..HI[:STEP])
PLANS=(
    "webapp|scenarios/webapp|test_db_pool=1..8"
    "ci-pipeline|scenarios/ci-pipeline.yaml|test_db_pool=1..4"
    "small-diamond|scenarios/small/diamond.yaml|max_concurrent_tasks=1..3"
    "small-exclusive-lock|scenarios/small/exclusive-lock.yaml|max_concurrent_tasks=1..3"
    "small-pool-of-3|scenarios/small/pool-of-3.yaml|test_db_pool=1..5"
    "small-two-chains|scenarios/small/two-chains.yaml|max_concurrent_tasks=1..3"
    "sample-spec|scenarios/sample-spec.md|max_concurrent_tasks=1..4"
)
ITERATIONS="${REPORTS_ITERATIONS:-2000}"
SEED="${REPORTS_SEED:-1}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1767225600}"   # 2026-01-01T00:00:00Z

mode="write"
case "${1:-}" in
    --check) mode="check" ;;
    --screenshot) mode="screenshot" ;;
    "") ;;
    *) echo "usage: $0 [--check|--screenshot]" >&2; exit 1 ;;
esac

if [ -n "${TASKS_BIN:-}" ]; then
    tasks="$TASKS_BIN"
else
    swift build -c release --product tasks >/dev/null
    tasks="$(swift build -c release --show-bin-path)/tasks"
fi

out="reports"
if [ "$mode" = "check" ]; then
    # Regenerate in place (pages name their plan's path) and compare with the committed copy,
    # which goes back where it was whatever happens.
    kept="$(mktemp -d)/reports"
    mv reports "$kept"
    trap 'rm -rf reports; mv "$kept" reports; rm -rf "$(dirname "$kept")"' EXIT
    mkdir -p reports
fi

for entry in "${PLANS[@]}"; do
    IFS='|' read -r name plan vary <<<"$entry"
    dir="$out/$name"
    rm -rf "$dir"
    mkdir -p "$dir/sweep"
    common=(-n "$ITERATIONS" --seed "$SEED" --quiet)
    # The codebase analysed is scenarios/, not the checkout: reports/ itself must not feed its own hashes.
    source_flag=(--from "$plan")
    # A Markdown spec is planned by the extractor; its plan directory is then what the sweep varies.
    if [[ "$plan" == *.md ]]; then source_flag=(--plan-doc "$plan"); fi
    "$tasks" plan "${source_flag[@]}" -p scenarios -n "$ITERATIONS" --seed "$SEED" -o "$dir/plan" >/dev/null 2>&1
    [[ "$plan" == *.md ]] && plan="$dir/plan"
    "$tasks" sweep "$plan" --vary "$vary" "${common[@]}" -o "$dir/sweep" >"$dir/sweep/sweep.txt"
    "$tasks" report "$dir/plan" "${common[@]}" --sweep "$vary" -o "$dir/plan/report.html" --svg-dir "$dir/plan/svg"
    echo "regen-reports: $name"
done
# The 3,000-task scenario: the report alone (its plan directory would add megabytes), fewer runs.
mkdir -p "$out/large-3000"
"$tasks" report scenarios/large-3000.json -n 300 --seed "$SEED" --quiet -o "$out/large-3000/report.html"
echo "regen-reports: large-3000"

if [ "$mode" = "check" ]; then
    if diff -r "$kept" reports -x screenshot.png -x README.md >/dev/null; then
        echo "regen-reports: reports/ is up to date"
    else
        diff -rq "$kept" reports -x screenshot.png -x README.md || true
        echo "regen-reports: reports/ differs from a fresh regeneration" >&2
        exit 1
    fi
fi

if [ "$mode" = "screenshot" ] && command -v wkhtmltoimage >/dev/null; then
    # The page itself, as a browser engine (WebKit) draws it: its first 1,500 pixels at 1,200 wide.
    wkhtmltoimage --quiet --width 1200 --height 1500 -f png reports/webapp/plan/report.html reports/screenshot.png 2>/dev/null
    command -v optipng >/dev/null && optipng -quiet -o2 reports/screenshot.png
    echo "regen-reports: reports/screenshot.png (wkhtmltoimage)"
    exit 0
fi

if [ "$mode" = "screenshot" ]; then
    # Without wkhtmltoimage: a contact sheet of the page's own SVG charts.
    command -v rsvg-convert >/dev/null || { echo "regen-reports: neither wkhtmltoimage nor rsvg-convert (apt-get install wkhtmltopdf optipng, or librsvg2-bin)" >&2; exit 1; }
    # A contact sheet of the webapp report's main charts, rendered from the same SVG the page inlines.
    sheet="$(mktemp --suffix=.svg)" body="$(mktemp)"
    charts=(cdf-rolling_frontier histogram-wave_based gantt-rolling_frontier utilization-rolling_frontier tornado-rolling_frontier sweep)
    width=1820 x=0 y=0 rowh=0
    for c in "${charts[@]}"; do
        f="reports/webapp/plan/svg/$c.svg"
        w=$(sed -n 's/.*<svg[^>]* width="\([0-9]*\).*/\1/p' "$f" | head -1)
        h=$(sed -n 's/.*<svg[^>]* height="\([0-9]*\).*/\1/p' "$f" | head -1)
        if [ "$x" -gt 0 ] && [ $((x + w)) -gt "$width" ]; then x=0; y=$((y + rowh + 10)); rowh=0; fi
        { echo "<g transform=\"translate($x $y)\">"; sed '1d' "$f"; echo '</g>'; } >>"$body"
        x=$((x + w + 10)); [ "$h" -gt "$rowh" ] && rowh=$h
    done
    {
        echo "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"$width\" height=\"$((y + rowh))\">"
        echo '<rect width="100%" height="100%" fill="#ffffff"/>'
        cat "$body"
        echo '</svg>'
    } >"$sheet"
    rsvg-convert "$sheet" -o reports/screenshot.png
    rm -f "$sheet" "$body"
    echo "regen-reports: reports/screenshot.png"
fi
