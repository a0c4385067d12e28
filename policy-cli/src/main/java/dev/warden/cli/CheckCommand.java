package dev.warden.cli;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.PolicySet;
import dev.warden.core.Reason;
import dev.warden.dsl.BatchFormat;
import dev.warden.dsl.DecisionText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden check}: decides one request given on the command line. Exits 0 on allow, 1 on deny. */
@Command(
        name = "check",
        description = "Decide one request: print the decision, its reason and the statements that decided it.",
        customSynopsis = {
            "warden check [-p=PATH]... --principal=ID [--role=ROLE]...",
            "             [--policy=POLICY]... [--attribute=KEY=VALUE]... [--format=FORMAT]",
            "             [--error-format=FORMAT]",
            "             [PATH...] (ACTION RESOURCE | --method=METHOD --path=PATH)"
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policies;

    @Mixin
    RequestOptions request;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human", converter = Format.Converter.class,
            description = "human, or json: the decision line of `warden eval` (default: human)")
    Format format = Format.HUMAN;

    @Override
    public Integer call() throws IOException {
        RequestOptions.Parsed parsed = request.parse(spec.commandLine(), !policies.paths.isEmpty());
        AccessRequest r = parsed.request();
        Optional<PolicySet> set = policies.load(spec.commandLine(), parsed.policyPaths(), spec.commandLine().getErr());
        if (set.isEmpty()) {
            return ExitCode.USAGE;
        }
        Decision d = Authorizer.builder().noCache().build(set.get()).decide(r);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.JSON) {
            out.print(BatchFormat.write(d) + "\n");
        } else {
            out.print(DecisionText.render(set.get(), r, d));
            if (d.reason() == Reason.NO_MATCH) {
                out.println("hint: `warden explain` with the same arguments shows every statement and where it stopped matching");
            }
        }
        out.flush();
        return d.allowed() ? ExitCode.OK : ExitCode.FINDING;
    }
}
