package dev.warden.cli;

import dev.warden.core.AccessRequest;
import dev.warden.core.Decision;
import dev.warden.core.MatchedStatement;
import dev.warden.core.PolicySet;
import java.io.PrintWriter;

/** A decision as people read it, for {@code check} and the end of {@code explain}. */
final class DecisionText {
    private DecisionText() {}

    /**
     * Prints, for example:
     *
     * <pre>
     * deny: `ak_1` may not delete `/workspaces/w1/connectors/k1`
     * reason: explicit_deny (a deny statement matches, and a deny wins over any allow)
     * matched:
     *   policies/channels.policy:12:5: deny delete on /workspaces/&#42;/connectors/&#42;&#42; (policy `no-connectors`)
     * </pre>
     */
    static void print(PrintWriter out, PolicySet set, AccessRequest request, Decision d) {
        out.println((d.allowed() ? "allow" : "deny") + ": `" + request.principal().id() + "` may "
                + (d.allowed() ? "" : "not ") + request.verb() + " `" + request.target() + "`");
        out.println("reason: " + d.reason().code() + explanation(d));
        if (!d.detail().isEmpty()) {
            out.println("error: " + d.detail());
        }
        if (!d.matched().isEmpty()) {
            out.println("matched:");
            for (MatchedStatement m : d.matched()) {
                out.println("  " + StatementText.where(m.source(), m.policy(), m.index()) + ": "
                        + StatementText.of(set, m.policy(), m.index()) + " (policy `" + m.policy() + "`)");
            }
        }
    }

    private static String explanation(Decision d) {
        switch (d.reason()) {
            case ALLOWED:
                return " (an allow statement matches and no deny statement does)";
            case EXPLICIT_DENY:
                return " (a deny statement matches, and a deny wins over any allow)";
            case NO_MATCH:
                return " (no statement allows it: the default is deny)";
            default:
                return "";
        }
    }
}
