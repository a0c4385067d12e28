package dev.warden.core;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one request: allow or deny, the reason, the statements that decided it, and for a
 * request that could not be evaluated a short description of what was wrong with it.
 *
 * <p>A decision is {@link #allowed() allowed} exactly when its reason is {@link Reason#ALLOWED};
 * every other reason is a deny. For {@code explicit_deny} the matched statements are the deny
 * statements that matched; for {@code allowed} the allow statements that matched; otherwise the
 * list is empty.
 *
 * @param reason why the decision came out this way
 * @param matched the deciding statements, in a stable order (policy, then statement index)
 * @param detail what was wrong with the request ({@code malformed_request}, {@code
 *     unknown_action}, {@code unknown_policy}, {@code invalid_request}), else empty
 */
public record Decision(Reason reason, List<MatchedStatement> matched, String detail) {
    /**
     * Requires each part and copies the statements.
     *
     * @param reason why the decision came out this way
     * @param matched the deciding statements, in a stable order (policy, then statement index)
     * @param detail what was wrong with the request, else empty
     * @throws IllegalArgumentException if statements are given for a reason other than {@code
     *     allowed} and {@code explicit_deny}
     */
    public Decision {
        Objects.requireNonNull(reason, "reason");
        matched = List.copyOf(matched);
        Objects.requireNonNull(detail, "detail");
        if (!matched.isEmpty() && reason != Reason.ALLOWED && reason != Reason.EXPLICIT_DENY) {
            throw new IllegalArgumentException("only allowed and explicit_deny carry statements");
        }
    }

    /**
     * A deny that no statement decided, e.g. {@code malformed_request}, with what was wrong.
     *
     * @param reason why it is a deny
     * @param detail what was wrong with the request, or empty
     * @return the deny, with no statements
     * @throws IllegalArgumentException if the reason is {@link Reason#ALLOWED}
     */
    public static Decision deny(Reason reason, String detail) {
        if (reason == Reason.ALLOWED) {
            throw new IllegalArgumentException("an allow needs the statements that granted it");
        }
        return new Decision(reason, List.of(), detail);
    }

    /**
     * The decision for a request whose path is malformed: {@code malformed_request}, with what is
     * wrong with the path.
     *
     * @param path the request's path, malformed
     * @return a {@code malformed_request} deny whose detail is the path's problem
     * @throws IllegalArgumentException if the path is well formed
     */
    public static Decision malformed(ResourcePath path) {
        if (path.isWellFormed()) {
            throw new IllegalArgumentException("the path is well formed: " + path.canonical());
        }
        return deny(Reason.MALFORMED_REQUEST, path.problem());
    }

    /**
     * True for an allow; every reason but {@link Reason#ALLOWED} is a deny.
     *
     * @return whether the reason is {@link Reason#ALLOWED}
     */
    public boolean allowed() {
        return reason == Reason.ALLOWED;
    }

    /**
     * {@link Effect#ALLOW} or {@link Effect#DENY}.
     *
     * @return {@link Effect#ALLOW} exactly when the decision is {@link #allowed()}
     */
    public Effect effect() {
        return reason == Reason.ALLOWED ? Effect.ALLOW : Effect.DENY;
    }
}
