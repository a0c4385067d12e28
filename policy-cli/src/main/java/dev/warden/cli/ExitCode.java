package dev.warden.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exit codes, the same for every subcommand, and what each means for each command: the one
 * definition that every {@code --help} lists under "Exit codes:" and docs/cli.md restates.
 */
final class ExitCode {
    /** Success; for {@code check} and {@code explain}, the request is allowed. */
    static final int OK = 0;
    /** A finding; for {@code check} and {@code explain}, the request is denied. */
    static final int FINDING = 1;
    /** A usage error, policies that do not load, or an input or output file that cannot be read or written. */
    static final int USAGE = 2;
    /** An internal error: a bug in warden, or input or output failing in the middle of a run. */
    static final int INTERNAL = 3;

    private static final String USAGE_TEXT = "usage error, or the policies do not load";
    private static final String FILES_TEXT = "usage error, the policies do not load, or an output file cannot be written";
    private static final String INTERNAL_TEXT = "internal error: a bug in warden, or input/output failed mid-run";

    /** One line of a command's list: a code and what it means there. */
    private record Meaning(int code, String text) {}

    /** The codes of {@code check} and {@code explain}, which decide one request. */
    private static final List<Meaning> DECIDES = List.of(
            new Meaning(OK, "the request is allowed"),
            new Meaning(FINDING, "the request is denied"),
            new Meaning(USAGE, USAGE_TEXT),
            new Meaning(INTERNAL, INTERNAL_TEXT));

    /** What each code means, by command ({@code keys hash} for a nested one); a code a command never returns is not listed. */
    private static final Map<String, List<Meaning>> BY_COMMAND = Map.ofEntries(
            Map.entry("warden", List.of(
                    new Meaning(OK, "success; `check` and `explain`: the request is allowed"),
                    new Meaning(FINDING, "a finding; `check` and `explain`: the request is denied"),
                    new Meaning(USAGE, "usage error, the policies do not load, or a file cannot be read or written"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("eval", List.of(
                    new Meaning(OK, "every line was answered (denials and invalid lines included)"),
                    new Meaning(USAGE, "usage error, the policies do not load, or --input/--output cannot be opened"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("check", DECIDES),
            Map.entry("explain", DECIDES),
            Map.entry("fmt", List.of(
                    new Meaning(OK, "formatted (--check, --diff: every file is formatted)"),
                    new Meaning(FINDING, "--check, --diff: a file is not formatted"),
                    new Meaning(USAGE, "usage error, a file does not parse, or a file cannot be written"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("convert", List.of(
                    new Meaning(OK, "converted (--check: the output holds the conversion)"),
                    new Meaning(FINDING, "--check: the output differs from the conversion"),
                    new Meaning(USAGE, FILES_TEXT),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("test", List.of(
                    new Meaning(OK, "every test passed"),
                    new Meaning(FINDING, "a test failed"),
                    new Meaning(USAGE, "usage error, a test file or its policies do not load, or --junit cannot be written"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("lint", List.of(
                    new Meaning(OK, "no finding at the --fail-on level (suppressed ones do not count)"),
                    new Meaning(FINDING, "a finding at or above the --fail-on level"),
                    new Meaning(USAGE, "usage error, the policies, the schema, the baseline or the config do not load, "
                            + "or --write-baseline cannot be written"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("diff", List.of(
                    new Meaning(OK, "compared (with --fail-on-grant: nothing is newly granted)"),
                    new Meaning(FINDING, "--fail-on-grant: something is newly granted"),
                    new Meaning(USAGE, "usage error, or a side does not load"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("serve", List.of(
                    new Meaning(OK, "stopped (SIGTERM, SIGINT)"),
                    new Meaning(USAGE, "usage error, the policies, keys or TLS files do not load at start, a port is "
                            + "in use, or --decision-log cannot be written"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("keys", List.of(
                    new Meaning(OK, "success"),
                    new Meaning(USAGE, "usage error, or the keys file does not load"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("keys hash", List.of(
                    new Meaning(OK, "printed the hash (and the entry)"),
                    new Meaning(USAGE, "usage error, or no key on standard input"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("version", List.of(
                    new Meaning(OK, "printed the version"),
                    new Meaning(USAGE, "usage error"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("completion", List.of(
                    new Meaning(OK, "printed the script"),
                    new Meaning(USAGE, "usage error, or a shell other than bash, zsh or fish"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))),
            Map.entry("keys check", List.of(
                    new Meaning(OK, "the keys file loads (warnings may be printed)"),
                    new Meaning(USAGE, "usage error, or the keys file or the policies do not load"),
                    new Meaning(INTERNAL, INTERNAL_TEXT))));

    private ExitCode() {}

    /**
     * The list printed under "Exit codes:" by {@code warden COMMAND --help}: the codes that command
     * can return and what they mean for it; a command not described here gets the top-level list.
     *
     * @param command the command's name below {@code warden} ({@code lint}, {@code keys hash}), or {@code warden}
     */
    static Map<String, String> helpList(String command) {
        Map<String, String> list = new LinkedHashMap<>();
        for (Meaning m : BY_COMMAND.getOrDefault(command, BY_COMMAND.get("warden"))) {
            list.put(m.code() + "", m.text());
        }
        return list;
    }
}
