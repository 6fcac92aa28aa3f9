#!/usr/bin/env bash
# Runs each fuzz target for a bounded time: the date and time parser, the cadence loader, the
# CSV row reader (on any bytes, and on files with damaged quotes), the JSON import reader and
# the holiday calendar reader. Not part of CI; see docs/fuzzing.md.
#
#   fuzz/run.sh                 # every target, 60 seconds each
#   fuzz/run.sh 600             # every target, 10 minutes each
#   fuzz/run.sh 300 csv when    # some targets
#   FUZZ_SECONDS=30 fuzz/run.sh
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a C++ compiler. cargo-fuzz asks rustc for
# nightly-only flags (the address sanitizer, coverage passes); RUSTC_BOOTSTRAP=1 lets a stable
# toolchain accept them. New inputs go to fuzz/corpus/TARGET, crashes to fuzz/artifacts/TARGET;
# both are ignored by git. Exits non-zero as soon as a target finds a failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

seconds="${FUZZ_SECONDS:-60}"
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    seconds="$1"
    shift
fi
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(when cadence csv csv_quotes json holidays)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
    exit 1
fi
export RUSTC_BOOTSTRAP=1

for target in "${targets[@]}"; do
    printf '\n==> %s for %s seconds\n' "$target" "$seconds"
    mkdir -p "corpus/$target"
    # -timeout: an input that takes longer than 10 s counts as a hang and is kept as a finding.
    cargo fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -dict="dicts/$target.dict" -print_final_stats=1
done

printf '\n==> no findings in %s\n' "${targets[*]}"
