package dev.warden.gateway;

import dev.warden.core.Actions;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Principal;
import dev.warden.core.Reason;
import dev.warden.core.ResourcePath;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * From HTTP to a Warden request and back: a method and a raw request target become an action and
 * a canonical path (docs/semantics.md, by policy-core's one canonicalisation, {@link
 * ResourcePath#ofHttpPath}), and a decision becomes a status.
 *
 * <p>The target is read as sent, before any server or proxy normalised it: the query is dropped,
 * and a target that holds a {@code #}, is not an origin-form path ({@code http://host/x}, {@code
 * *}), has an empty or dot segment, an encoded {@code /}, {@code ?} or {@code #}, a {@code ;}, a
 * control or non-ASCII character or a bad escape is malformed: status 400, never an allow. A method that maps to no action ({@code
 * TRACE}, {@code get}) is denied with {@code unknown_action}: status 403.
 */
public final class HttpMapping {
    /**
     * Headers with which some frameworks run another method than the request line's ({@code
     * X-HTTP-Method-Override}, {@code X-HTTP-Method}, {@code X-Method-Override}): a request that
     * carries one is 400, at the filter and at forward auth alike.
     */
    public static final List<String> METHOD_OVERRIDES = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    private HttpMapping() {}

    /**
     * A mapped request.
     *
     * @param method the method as sent
     * @param action the action it maps to; empty for a method that maps to none
     * @param path the canonical path, or the reason the target is malformed
     */
    public record Mapped(String method, Optional<String> action, ResourcePath path) {
        public Mapped {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(path, "path");
        }

        /** Whether the target is malformed (the answer is 400 whoever asks). */
        public boolean malformed() {
            return !path.isWellFormed();
        }

        /**
         * Decides the request for {@code principal}: a malformed target is {@code
         * malformed_request}, an unmapped method {@code unknown_action}, else the authorizer's
         * decision (through its cache).
         */
        public Decision decide(Authorizer authorizer, Principal principal) {
            if (!path.isWellFormed()) {
                return Decision.deny(Reason.MALFORMED_REQUEST, path.problem());
            }
            if (action.isEmpty()) {
                return Decision.deny(Reason.UNKNOWN_ACTION, "HTTP method `" + method + "` maps to no action");
            }
            return authorizer.authorize(principal, action.get(), path);
        }
    }

    /**
     * Maps a method and a raw request target (path and query as sent, e.g. NGINX's {@code
     * $request_uri}).
     */
    public static Mapped map(String method, String target) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        return new Mapped(method, Actions.forHttpMethod(method), ResourcePath.ofHttpPath(target));
    }

    /**
     * The HTTP status for a decision: 200 for an allow, 400 for a request that could not be read
     * ({@code malformed_request}, {@code invalid_request}), 403 for every other deny.
     */
    public static int status(Decision decision) {
        switch (decision.reason()) {
            case ALLOWED:
                return 200;
            case MALFORMED_REQUEST:
            case INVALID_REQUEST:
                return 400;
            default:
                return 403;
        }
    }

    /**
     * A target as written, without its query or fragment (from the first {@code ?} or {@code #}):
     * those may carry secrets and never reach a log or a verdict.
     */
    public static String withoutQuery(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                return target.substring(0, i);
            }
        }
        return target;
    }
}
