package dev.warden.spring;

import dev.warden.core.Decision;
import dev.warden.core.MatchedStatement;
import dev.warden.gateway.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.authorization.AuthorizationDecision;

/**
 * A Warden decision as Spring Security's {@link AuthorizationDecision}: granted or not, and why,
 * so that an {@code AuthorizationDeniedEvent} listener, an access-denied handler or a log line
 * says which rule decided. {@link #toString} gives the reason, the detail and the deciding
 * statements as {@code file:line:col}.
 */
public final class WardenAuthorizationDecision extends AuthorizationDecision {
    /** The reason's code ({@link #reason}). */
    private final String reason;
    /** The decision's detail in words ({@link #detail}). */
    private final String detail;
    /** Warden's decision; empty when none was made ({@link #decision}). */
    private final Optional<Decision> decision;

    private WardenAuthorizationDecision(boolean granted, String reason, String detail, Optional<Decision> decision) {
        super(granted);
        this.reason = reason;
        this.detail = detail;
        this.decision = decision;
    }

    /**
     * Warden's decision: granted when it allows.
     *
     * @param decision what Warden decided
     * @return the decision as Spring Security's, with its reason, detail and statements
     */
    public static WardenAuthorizationDecision of(Decision decision) {
        Objects.requireNonNull(decision, "decision");
        return new WardenAuthorizationDecision(decision.allowed(), decision.reason().code(), decision.detail(),
                Optional.of(decision));
    }

    /**
     * Not granted, before any policy was asked: the request is not authenticated (Spring Security
     * then starts authentication: a 401 or a login page).
     *
     * @return a decision not granted, with the reason {@code missing_credentials} and no Warden decision
     */
    public static WardenAuthorizationDecision unauthenticated() {
        return new WardenAuthorizationDecision(false, Verdict.MISSING_CREDENTIALS, "the request is not authenticated",
                Optional.empty());
    }

    /**
     * The reason's code: {@code allowed}, {@code no_match}, {@code explicit_deny}, ..., or {@code missing_credentials}.
     *
     * @return the reason code
     */
    public String reason() {
        return reason;
    }

    /**
     * The decision's detail in words.
     *
     * @return what was wrong with the request, or empty
     */
    public String detail() {
        return detail;
    }

    /**
     * Warden's decision; empty when none was made (not authenticated).
     *
     * @return the decision, or empty
     */
    public Optional<Decision> decision() {
        return decision;
    }

    /**
     * The statements that decided (the allow, or the deny), with where each is written.
     *
     * @return the deciding statements; empty when no statement decided
     */
    public List<MatchedStatement> statements() {
        return decision.map(Decision::matched).orElse(List.of());
    }

    @Override
    public String toString() {
        List<String> where = new ArrayList<>();
        for (MatchedStatement m : statements()) {
            where.add(m.source().map(Object::toString).orElse("policy `" + m.policy() + "` statement " + m.index()));
        }
        return "WardenAuthorizationDecision [granted=" + isGranted() + ", reason=" + reason
                + (detail.isEmpty() ? "" : ", detail=" + detail) + ", statements=" + where + "]";
    }
}
