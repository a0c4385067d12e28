package dev.warden.gateway;

import dev.warden.core.AccessRequest;
import dev.warden.core.Actions;
import dev.warden.core.Decision;
import dev.warden.core.Principal;
import dev.warden.core.ResourcePath;
import java.util.List;
import java.util.Map;
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
     * Why a request that carries a method-override header ({@link #METHOD_OVERRIDES}) is
     * malformed, or empty when it carries none: the application behind the check might run that
     * method instead of the one decided. {@code header} gives a header's value by name, null when
     * absent (as {@code HttpServletRequest::getHeader}).
     *
     * @param header a header's value by name, null when the request has none
     * @return why the request is malformed, or empty
     */
    public static Optional<String> methodOverride(java.util.function.Function<String, String> header) {
        for (String h : METHOD_OVERRIDES) {
            if (header.apply(h) != null) {
                return Optional.of("`" + h + "` on a request: the application may run that method instead of the one decided");
            }
        }
        return Optional.empty();
    }

    /**
     * The request a gateway decides for {@code principal}: HTTP {@code method} on {@code path}, the
     * target canonicalised already (by {@link ResourcePath#ofHttpPath}). A method that maps to an
     * action is decided on the canonical path as it is; one that maps to none goes to the authorizer
     * as sent, which answers {@code unknown_action}.
     *
     * @param principal who asks: the access key's principal
     * @param method the HTTP method of the request line, case-sensitive
     * @param target the request target as sent, for a method that maps to no action
     * @param path {@code target} canonicalised by {@link ResourcePath#ofHttpPath}
     * @return an {@link AccessRequest.OnPath} for a mapped method, else an {@link AccessRequest.Http}
     */
    public static AccessRequest request(Principal principal, String method, String target, ResourcePath path) {
        return request(principal, method, target, path, Map.of());
    }

    /**
     * The same, with the request's context (the values conditions read as {@code context.NAME}).
     *
     * @param principal who asks: the access key's principal
     * @param method the HTTP method of the request line, case-sensitive
     * @param target the request target as sent, for a method that maps to no action
     * @param path {@code target} canonicalised by {@link ResourcePath#ofHttpPath}
     * @param context the request's context, as {@link #clientContext} makes it
     * @return an {@link AccessRequest.OnPath} for a mapped method, else an {@link AccessRequest.Http}
     */
    public static AccessRequest request(Principal principal, String method, String target, ResourcePath path,
            Map<String, String> context) {
        Optional<String> action = Actions.forHttpMethod(method);
        return action.isPresent()
                ? new AccessRequest.OnPath(principal, action.get(), path, context)
                : new AccessRequest.Http(principal, method, target, context);
    }

    /**
     * The context a gateway gives a request: {@code ip}, the client address, when there is exactly
     * one; none when it is missing, was sent more than once or is longer than a context value may be (then a condition on {@code
     * context.ip} is unknown: a deny on it applies, an allow does not). {@code context.time} comes
     * from the authorizer's clock ({@code Authorizer.Builder.clock}).
     *
     * @param clientAddress every client address the request gives, as sent
     * @return {@code {ip=ADDRESS}}, the address stripped, or an empty context
     */
    public static Map<String, String> clientContext(List<String> clientAddress) {
        if (clientAddress.size() != 1) {
            return Map.of();
        }
        Map<String, String> context = Map.of("ip", clientAddress.get(0).strip());
        // beyond the context's limits (longer than any address): no value, as one that is not an address would be unknown
        return dev.warden.core.Limits.contextProblem(context) == null ? context : Map.of();
    }

    /**
     * The HTTP status for a decision: 200 for an allow, 400 for a request that could not be read
     * ({@code malformed_request}, {@code invalid_request}), 403 for every other deny.
     *
     * @param decision the decision for the request
     * @return 200, 400 or 403
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
     *
     * @param target a request target as sent
     * @return the target up to its first {@code ?} or {@code #}; the whole target when it has neither
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
