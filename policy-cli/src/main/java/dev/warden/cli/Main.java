package dev.warden.cli;

/**
 * The {@code warden} command's entry point: it only dispatches to the subcommand named on the
 * command line (see {@link WardenCommand}) and exits with the code that subcommand returns.
 */
public final class Main {
    private Main() {}

    /**
     * Runs the command line and exits the JVM with its exit code (docs/cli.md lists them).
     *
     * @param args the subcommand and its arguments
     */
    public static void main(String[] args) {
        System.exit(run(Io.system(), args));
    }

    /** Runs one command line against the given streams and returns its exit code. */
    static int run(Io io, String... args) {
        return WardenCommand.run(io, args);
    }
}
