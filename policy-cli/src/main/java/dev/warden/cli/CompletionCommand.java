package dev.warden.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden completion bash|zsh|fish}: a shell completion script for every command and option,
 * made from the command tree itself. bash and zsh get picocli's script (zsh runs it through
 * {@code bashcompinit}); fish gets {@code complete} lines written here from the same tree.
 */
@Command(name = "completion",
        description = {
            "Print a shell completion script for warden: its commands, their options and the values an option takes.",
            "",
            "bash: `source <(warden completion bash)`, or save it as",
            "  ~/.local/share/bash-completion/completions/warden",
            "zsh: save it and source it from ~/.zshrc (it loads bashcompinit)",
            "fish: save it as ~/.config/fish/completions/warden.fish"
        },
        mixinStandardHelpOptions = true)
final class CompletionCommand implements Callable<Integer> {
    /** The shells a script can be printed for. */
    enum Shell { BASH, ZSH, FISH }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish")
    Shell shell;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CommandLine root = spec.root().commandLine();
        out.print(script(shell, root));
        return ExitCode.OK;
    }

    /** The completion script for {@code shell} of the command tree under {@code root}. */
    static String script(Shell shell, CommandLine root) {
        String name = root.getCommandName();
        return switch (shell) {
            case BASH -> AutoComplete.bash(name, root);
            case ZSH -> "#compdef " + name + "\n# zsh completion for " + name + ": source this file from ~/.zshrc\n"
                    + AutoComplete.bash(name, root);
            case FISH -> fish(root);
        };
    }

    /**
     * fish {@code complete} lines: a function that finds which command the words typed so far name
     * (the subcommand path, options and arguments skipped), then, for each command, its subcommands
     * and its options, each offered only while that command is the one being typed.
     */
    static String fish(CommandLine root) {
        String name = root.getCommandName();
        String path = "__" + name + "_command";
        StringBuilder s = new StringBuilder();
        s.append("# fish completion for ").append(name).append(", made by `").append(name).append(" completion fish`\n");
        s.append("function ").append(path).append(" --description 'the ").append(name)
                .append(" command that the words typed so far name'\n");
        s.append("    set -l command ").append(name).append('\n');
        s.append("    for word in (commandline -opc)[2..-1]\n");
        s.append("        switch \"$command:$word\"\n");
        for (CommandLine c : tree(root)) {
            for (CommandLine sub : visible(c)) {
                s.append("            case ").append(quote(qualified(c) + ":" + sub.getCommandName())).append('\n');
                s.append("                set command ").append(quote(qualified(sub))).append('\n');
            }
        }
        s.append("        end\n    end\n    echo $command\nend\n\n");
        s.append("complete -c ").append(name).append(" -f\n");
        for (CommandLine c : tree(root)) {
            String when = " -n " + quote("test (" + path + ") = " + quote2(qualified(c)));
            for (CommandLine sub : visible(c)) {
                s.append("complete -c ").append(name).append(when).append(" -a ").append(quote(sub.getCommandName()))
                        .append(" -d ").append(quote(firstLine(sub.getCommandSpec().usageMessage().description()))).append('\n');
            }
            for (PositionalParamSpec p : c.getCommandSpec().positionalParameters()) {
                if (!p.hidden() && p.completionCandidates() != null) {
                    List<String> values = new ArrayList<>();
                    p.completionCandidates().forEach(v -> values.add(v.toLowerCase(Locale.ROOT)));
                    s.append("complete -c ").append(name).append(when).append(" -a ").append(quote(String.join(" ", values)))
                            .append(" -d ").append(quote(firstLine(p.description()))).append('\n');
                }
            }
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (o.hidden()) {
                    continue;
                }
                s.append("complete -c ").append(name).append(when);
                for (String n : o.names()) {
                    s.append(n.startsWith("--") ? " -l " + n.substring(2) : n.length() == 2 ? " -s " + n.substring(1) : " -o " + n.substring(1));
                }
                if (o.arity().max() > 0) {
                    List<String> values = new ArrayList<>();
                    if (o.completionCandidates() != null) {
                        o.completionCandidates().forEach(v -> values.add(v.toLowerCase(Locale.ROOT)));
                    }
                    s.append(values.isEmpty() ? " -r -F" : " -x -a " + quote(String.join(" ", values)));
                }
                s.append(" -d ").append(quote(firstLine(o.description()))).append('\n');
            }
        }
        return s.toString();
    }

    /** {@code root} and every command under it, parents before their subcommands. */
    static List<CommandLine> tree(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (int i = 0; i < all.size(); i++) {
            all.addAll(visible(all.get(i)));
        }
        return all;
    }

    /** The subcommands of {@code c} that its help lists. */
    static List<CommandLine> visible(CommandLine c) {
        return c.getSubcommands().values().stream().filter(sub -> !sub.getCommandSpec().usageMessage().hidden()).distinct().toList();
    }

    private static String qualified(CommandLine c) {
        return c.getCommandSpec().qualifiedName(" ");
    }

    private static String firstLine(String[] description) {
        return description.length == 0 ? "" : description[0].replace("%n", " ").lines().findFirst().orElse("").strip();
    }

    /** A fish single-quoted word. */
    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A fish double-quoted word, inside a single-quoted one. */
    private static String quote2(String s) {
        return "\"" + s + "\"";
    }
}
