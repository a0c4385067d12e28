package dev.warden.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes, the same for every subcommand, and their description for {@code --help}. */
final class ExitCode {
    /** Success; for {@code check} and {@code explain}, the request is allowed. */
    static final int OK = 0;
    /** A finding; for {@code check} and {@code explain}, the request is denied. */
    static final int FINDING = 1;
    /** A usage error, or policies that do not load. */
    static final int USAGE = 2;
    /** An internal error: a bug in warden, or input or output failing in the middle of a run. */
    static final int INTERNAL = 3;

    private ExitCode() {}

    /** The list printed under "Exit codes:" by every {@code --help}. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put(OK + "", "success; `check` and `explain`: the request is allowed");
        list.put(FINDING + "", "a finding; `check` and `explain`: the request is denied");
        list.put(USAGE + "", "usage error, or the policies do not load");
        list.put(INTERNAL + "", "internal error: a bug in warden, or input/output failed mid-run");
        return list;
    }
}
