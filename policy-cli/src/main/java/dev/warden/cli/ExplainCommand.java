package dev.warden.cli;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Explanation;
import dev.warden.core.PolicySet;
import dev.warden.dsl.ExplanationJson;
import dev.warden.dsl.ExplanationText;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warden explain}: decides one request, as {@code check} does, and shows why: every
 * statement of the principal's effective policies, grouped by what it did with the request, and
 * for each pattern of a statement that covers the action where it stopped matching the path.
 * Exits as {@code check}: 0 on allow, 1 on deny.
 */
@Command(
        name = "explain",
        description = {
            "Decide one request and show why: the principal's roles and policies (and any that are not loaded), "
                    + "every statement of its effective policies grouped into those that match, those for the "
                    + "action that do not match (with where each pattern stopped matching) and those for other "
                    + "actions, then the decision."
        },
        customSynopsis = {
            "warden explain [-p=PATH]... --principal=ID [--role=ROLE]...",
            "               [--policy=POLICY]... [--attribute=KEY=VALUE]... [--format=FORMAT]",
            "               [--error-format=FORMAT]",
            "               [PATH...] (ACTION RESOURCE | --method=METHOD --path=PATH)"
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policies;

    @Mixin
    RequestOptions request;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human", converter = Format.Converter.class,
            description = "human, or json: one JSON document (default: human)")
    Format format = Format.HUMAN;

    @Override
    public Integer call() {
        RequestOptions.Parsed parsed = request.parse(spec.commandLine(), !policies.paths.isEmpty());
        AccessRequest r = parsed.request();
        Optional<PolicySet> set = policies.load(spec.commandLine(), parsed.policyPaths(), spec.commandLine().getErr());
        if (set.isEmpty()) {
            return ExitCode.USAGE;
        }
        Explanation e = Explanation.of(Authorizer.builder().noCache().build(set.get()), r);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.JSON ? ExplanationJson.render(e) : ExplanationText.render(set.get(), e));
        out.flush();
        return e.decision().allowed() ? ExitCode.OK : ExitCode.FINDING;
    }
}
