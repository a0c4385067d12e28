#!/usr/bin/env bash
# Fuzzes one Jazzer target for a given time: scripts/fuzz.sh TARGET DURATION
#
#   TARGET    canonicalise | authorizer | policy-language | bird-json | line-reader | eval
#   DURATION  seconds, or a number with s, m or h (90, 5m, 1h)
#
# Runs the target's @FuzzTest with JAZZER_FUZZ=1 through the Maven wrapper (one target per run, as
# Jazzer requires). New coverage goes to <module>/.cifuzz-corpus/ (not committed); a finding is
# written to the target's inputs directory under src/test/resources, where the default test run
# replays it: commit it with the fix. The log is kept in <module>/target/fuzz-TARGET.log.
#
# jazzer-junit 0.24 takes the fuzzing time only from @FuzzTest(maxDuration); libFuzzer options are
# passed through its `jazzer.internal.arg.N` configuration parameters (how the Jazzer command line
# hands them to JUnit), where a later -max_total_time wins. Check this when upgrading Jazzer.
set -euo pipefail

usage() {
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
[ $# -eq 2 ] || usage

case "$1" in
    canonicalise)    module=policy-core; test='ResourcePathFuzzTest#canonicalise' ;;
    authorizer)      module=policy-core; test='AuthorizerFuzzTest#decidesLikeTheReference' ;;
    policy-language) module=policy-dsl;  test='LoaderFuzzTest#policyLanguage' ;;
    bird-json)       module=policy-dsl;  test='LoaderFuzzTest#birdJson' ;;
    line-reader)     module=policy-dsl;  test='BatchInputFuzzTest#lineReader' ;;
    eval)            module=policy-dsl;  test='BatchInputFuzzTest#eval' ;;
    *) echo "fuzz.sh: unknown target \`$1\`" >&2; usage ;;
esac

case "$2" in
    *h) seconds=$(( ${2%h} * 3600 )) ;;
    *m) seconds=$(( ${2%m} * 60 )) ;;
    *s) seconds=${2%s} ;;
    *)  seconds=$2 ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || { echo "fuzz.sh: bad duration \`$2\`" >&2; usage; }

cd "$(dirname "$0")/.."
mkdir -p "$module/target"
log="$module/target/fuzz-$1.log"
echo "fuzzing $1 ($module $test) for ${seconds}s; log: $log" >&2
# -timeout: an input that runs longer than 10 s is a finding (a hang).
set +e
JAZZER_FUZZ=1 ./mvnw -B -q -pl "$module" -am test \
    -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine=-Xmx1g \
    -Djazzer.hooks=true \
    -Djazzer.internal.arg.0=fuzz \
    -Djazzer.internal.arg.1=-max_total_time="$seconds" \
    -Djazzer.internal.arg.2=-timeout=10 \
    -Djazzer.internal.arg.3=-print_final_stats=1 \
    >"$log" 2>&1
status=$?
set -e
grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)' "$log" >&2 || true
grep -E '^(== Java Exception|==[0-9]+== ERROR|Caused by|.*Test.*FAILURE|\[ERROR\] Tests run)' "$log" | head -20 >&2 || true
if [ $status -ne 0 ]; then
    echo "fuzz.sh: $1 found something or failed (exit $status); see $log" >&2
fi
exit $status
