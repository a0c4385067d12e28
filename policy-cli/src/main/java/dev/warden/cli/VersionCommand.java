package dev.warden.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code warden version}: the version, the git commit and date of the build, and the JVM. */
@Command(name = "version",
        description = "Print the version, the git commit and date it was built from, and the JVM running it.",
        mixinStandardHelpOptions = true)
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Version.lines().forEach(out::println);
        return ExitCode.OK;
    }
}
