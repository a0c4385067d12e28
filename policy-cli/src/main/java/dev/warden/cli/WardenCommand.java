package dev.warden.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code warden}: the top-level command. It holds no logic of its own: it names the subcommands,
 * and sets what is common to all of them (the exit codes in {@code --help}, how usage errors and
 * internal errors are reported).
 */
@Command(
        name = "warden",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Decide and explain access requests against Warden policies; format and test them.",
        footer = {"", "Run `warden COMMAND --help` for a command's options."})
final class WardenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Parses {@code args}, runs the subcommand they name and returns its exit code. */
    static int run(Io io, String... args) {
        return run(io, System.getenv(), args);
    }

    /** As {@link #run(Io, String...)}, with {@code env} as the environment ({@code warden serve} reads {@code WARDEN_*}). */
    static int run(Io io, java.util.Map<String, String> env, String... args) {
        CommandLine cl = commandLine(io);
        try {
            String[] expanded;
            try {
                expanded = ServeSettings.expand(args, env);
            } catch (IllegalArgumentException e) {
                cl.getErr().println("error: " + e.getMessage());
                return ExitCode.USAGE;
            }
            return cl.execute(expanded);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    static CommandLine commandLine(Io io) {
        CommandLine cl = new CommandLine(new WardenCommand());
        cl.addSubcommand("eval", new EvalCommand(io));
        cl.addSubcommand("check", new CheckCommand());
        cl.addSubcommand("explain", new ExplainCommand());
        cl.addSubcommand("fmt", new FmtCommand(io));
        cl.addSubcommand("convert", new ConvertCommand());
        cl.addSubcommand("test", new TestCommand());
        cl.addSubcommand("lint", new LintCommand());
        cl.addSubcommand("diff", new DiffCommand());
        cl.addSubcommand("serve", new ServeCommand());
        cl.addSubcommand("keys", new CommandLine(new KeysCommand()).addSubcommand("hash", new KeysCommand.Hash(io))
                .addSubcommand("check", new KeysCommand.Check()));
        cl.addSubcommand("version", new VersionCommand());
        cl.addSubcommand("completion", new CompletionCommand());
        cl.setOut(new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8)));
        cl.setErr(new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8)));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(WardenCommand::usageError);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> internalError(e, commandLine));
        for (CommandLine c : allCommands(cl)) {
            String name = c.getCommandSpec().qualifiedName(" ");
            c.getCommandSpec().usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCode.helpList(c == cl ? "warden" : name.substring("warden ".length())));
        }
        return cl;
    }

    /** The top command and every subcommand below it, nested ones ({@code keys hash}) included. */
    private static java.util.List<CommandLine> allCommands(CommandLine top) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>();
        all.add(top);
        for (CommandLine sub : top.getSubcommands().values()) {
            all.addAll(allCommands(sub));
        }
        return all;
    }

    /** A usage error: what was wrong, a suggestion for a misspelt command, and where to get help. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + lowerFirst(e.getMessage()));
        if (e instanceof UnmatchedArgumentException u) {
            UnmatchedArgumentException.printSuggestions(u, err);
        }
        err.println("try `" + cl.getCommandSpec().qualifiedName() + " --help`");
        err.flush();
        return ExitCode.USAGE;
    }

    /** A bug: say so briefly, with the stack trace for the report. */
    private static int internalError(Exception e, CommandLine cl) {
        PrintWriter err = cl.getErr();
        err.println("internal error: " + e);
        e.printStackTrace(err);
        err.println("this is a bug in warden; please report it with the command line that caused it");
        err.flush();
        return ExitCode.INTERNAL;
    }

    static String lowerFirst(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
