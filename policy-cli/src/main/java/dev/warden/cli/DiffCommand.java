package dev.warden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.analysis.Change;
import dev.warden.analysis.PolicyDiff;
import dev.warden.core.PolicySet;
import dev.warden.dsl.DiagnosticRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden diff OLD NEW}: for every role and policy, the access NEW grants that OLD did not
 * and the access it revokes, per action, each with an example request that proves it. Exact. With
 * {@code --fail-on-grant}, exits 1 when anything is newly granted.
 */
@Command(
        name = "diff",
        description = "Compare two policy sets by meaning: per role and policy and action, what NEW grants that OLD "
                + "did not, and what it revokes, each with an example request whose decision changes.",
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class DiffCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "the policies before: a file or a directory")
    Path oldPath;

    @Parameters(index = "1", paramLabel = "NEW", description = "the policies after: a file or a directory")
    Path newPath;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human", converter = ReportFormat.Converter.class,
            description = "human, json or sarif (default: human)")
    ReportFormat format = ReportFormat.HUMAN;

    @Option(names = "--sarif-root", paramLabel = "DIR",
            description = "with --format sarif: the directory the files' URIs are relative to, as `%%SRCROOT%%` (the "
                    + "repository root; default: the working directory)")
    Path sarifRoot = Path.of("");

    @Option(names = "--fail-on-grant", description = "exit 1 when NEW grants anything OLD did not")
    boolean failOnGrant;

    @Option(names = "--error-format", paramLabel = "FORMAT", defaultValue = "human", converter = Format.Converter.class,
            description = "how policy load errors are printed on standard error: human or json (default: human)")
    Format errorFormat = Format.HUMAN;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<PolicySet> before = PolicyLoading.load(List.of(oldPath), errorFormat, err);
        Optional<PolicySet> after = PolicyLoading.load(List.of(newPath), errorFormat, err);
        if (before.isEmpty() || after.isEmpty()) {
            return ExitCode.USAGE;
        }
        PolicyDiff.Result result = PolicyDiff.between(before.get(), after.get());
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case HUMAN -> human(out, result);
            case JSON -> json(out, result);
            case SARIF -> out.print(DiagnosticRenderer.sarif(new DiagnosticRenderer.SarifRun(Version.version(), sarifRoot),
                    List.of(PolicyDiff.GRANTED, PolicyDiff.REVOKED), result.diagnostics(before.get(), after.get())));
            default -> throw new IllegalStateException("unknown format " + format);
        }
        out.flush();
        boolean granted = result.changes().stream().anyMatch(c -> c.kind() == Change.Kind.GRANTED);
        return failOnGrant && granted ? ExitCode.FINDING : ExitCode.OK;
    }

    private static void human(PrintWriter out, PolicyDiff.Result result) {
        int granted = 0;
        for (Change c : result.changes()) {
            granted += c.kind() == Change.Kind.GRANTED ? 1 : 0;
            out.println(c.summary());
            out.println("    e.g. " + c.request());
        }
        if (!result.exhaustive()) {
            out.println("note: not every class of principal and context values could be tried; the changes above are real, "
                    + "but some changes that depend on attribute or context values may be missing");
        }
        out.println(result.changes().size() + " changes: " + granted + " granted, "
                + (result.changes().size() - granted) + " revoked");
    }

    private static void json(PrintWriter out, PolicyDiff.Result result) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode changes = root.putArray("changes");
        for (Change c : result.changes()) {
            ObjectNode o = changes.addObject();
            o.put(c.subject().word(), c.name());
            o.put("change", c.kind().word());
            o.put("action", c.action());
            o.put("example", c.example());
            o.put("region", c.region());
            ObjectNode p = o.putObject("principal");
            p.put("id", c.principalId());
            ObjectNode attributes = p.putObject("attributes");
            for (Map.Entry<String, String> e : c.attributes().entrySet()) {
                attributes.put(e.getKey(), e.getValue());
            }
            if (!c.context().isEmpty()) {
                ObjectNode context = o.putObject("context");
                c.context().forEach(context::put);
            }
        }
        root.put("exhaustive", result.exhaustive());
        out.println(JSON.writeValueAsString(root));
    }
}
