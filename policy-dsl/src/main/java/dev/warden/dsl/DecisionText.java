package dev.warden.dsl;

import dev.warden.core.AccessRequest;
import dev.warden.core.Decision;
import dev.warden.core.MatchedStatement;
import dev.warden.core.PolicySet;

/** A decision as people read it: what {@code warden check} prints, and the end of {@code warden explain}. */
public final class DecisionText {
    private DecisionText() {}

    /**
     * The decision of {@code request} in {@code set}, as lines that each end with a line feed, for
     * example:
     *
     * <pre>
     * deny: `ak_1` may not delete `/workspaces/w1/connectors/k1`
     * reason: explicit_deny (a deny statement matches, and a deny wins over any allow)
     * matched:
     *   policies/channels.policy:12:5: deny delete on /workspaces/&#42;/connectors/&#42;&#42; (policy `no-connectors`)
     * </pre>
     *
     * @param set the set that decided, for the text of each matched statement
     * @param request the request, for who asked what
     * @param d the decision
     * @return the text, every line ending with a line feed
     */
    public static String render(PolicySet set, AccessRequest request, Decision d) {
        StringBuilder out = new StringBuilder();
        out.append(d.allowed() ? "allow" : "deny").append(": `").append(request.principal().id()).append("` may ")
                .append(d.allowed() ? "" : "not ").append(request.verb()).append(" `").append(request.target())
                .append("`\n");
        out.append("reason: ").append(d.reason().code()).append(explanation(d)).append('\n');
        if (!d.detail().isEmpty()) {
            out.append("error: ").append(d.detail()).append('\n');
        }
        if (!d.matched().isEmpty()) {
            out.append("matched:\n");
            for (MatchedStatement m : d.matched()) {
                out.append("  ").append(StatementText.where(m.source(), m.policy(), m.index())).append(": ")
                        .append(StatementText.of(set, m.policy(), m.index())).append(" (policy `").append(m.policy())
                        .append("`)\n");
            }
        }
        return out.toString();
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
