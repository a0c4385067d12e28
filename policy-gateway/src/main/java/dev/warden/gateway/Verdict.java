package dev.warden.gateway;

import dev.warden.core.Decision;
import dev.warden.core.MatchedStatement;
import dev.warden.core.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A gateway's answer to one HTTP request: the status to send, the reason (a decision reason such
 * as {@code explicit_deny}, or for a 401 one of {@link #MISSING_CREDENTIALS}, {@link
 * #UNSUPPORTED_CREDENTIALS}, {@link #UNKNOWN_KEY}), and what was decided for whom.
 *
 * @param status 200 allow, 400 malformed, 401 no or unknown credentials, 403 deny
 * @param reason the reason code sent in {@code X-Warden-Reason}
 * @param detail what was wrong with the request, else empty; never holds a key
 * @param keyId the id of the access key presented, empty when none was recognised
 * @param action the action the method maps to, empty when none
 * @param path the canonical path; for a malformed target, the target as sent without its query
 * @param decision the authorizer's decision, empty for a 401
 */
public record Verdict(int status, String reason, String detail, String keyId, String action, String path,
        Optional<Decision> decision) {
    /** No {@code Authorization} header. */
    public static final String MISSING_CREDENTIALS = "missing_credentials";
    /** An {@code Authorization} header that is not {@code AccessKey <key>}, or more than one. */
    public static final String UNSUPPORTED_CREDENTIALS = "unsupported_credentials";
    /** A key that is not in the keys file. */
    public static final String UNKNOWN_KEY = "unknown_key";

    /**
     * Requires each part and an allow for status 200.
     *
     * @param status the status to send
     * @param reason the reason code
     * @param detail what was wrong with the request, else empty
     * @param keyId the id of the access key presented, else empty
     * @param action the action the method maps to, else empty
     * @param path the canonical path, or the target as sent without its query
     * @param decision the authorizer's decision, or empty
     * @throws IllegalArgumentException when the status is 200 without an allow
     */
    public Verdict {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(decision, "decision");
        if (status == 200 && (decision.isEmpty() || !decision.get().allowed())) {
            throw new IllegalArgumentException("status 200 needs an allow");
        }
    }

    /**
     * A 400 {@code malformed_request} for a request that cannot be decided unambiguously before
     * its target is even mapped (a method-override header, an unreadable forward-auth request).
     *
     * @param why what is wrong, the verdict's detail
     * @return a verdict with status 400, no key, action or path, and the deny {@code malformed_request}
     */
    public static Verdict malformed(String why) {
        Decision d = Decision.deny(Reason.MALFORMED_REQUEST, why);
        return new Verdict(400, d.reason().code(), why, "", "", "", Optional.of(d));
    }

    /**
     * Whether the request may pass.
     *
     * @return true for status 200
     */
    public boolean allowed() {
        return status == 200;
    }

    /**
     * {@code allow} or {@code deny}, as sent in {@code X-Warden-Decision}.
     *
     * @return {@code allow} for status 200, else {@code deny}
     */
    public String decisionWord() {
        return allowed() ? "allow" : "deny";
    }

    /**
     * The names of the policies whose statements decided, in order, without repeats.
     *
     * @return the policies of the decision's matched statements; empty without a decision
     */
    public List<String> matchedPolicies() {
        if (decision.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(2);
        for (MatchedStatement m : decision.get().matched()) {
            if (!names.contains(m.policy())) {
                names.add(m.policy());
            }
        }
        return names;
    }
}
