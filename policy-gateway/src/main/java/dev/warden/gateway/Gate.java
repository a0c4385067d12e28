package dev.warden.gateway;

import dev.warden.core.Actions;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Principal;
import dev.warden.core.ResourcePath;
import dev.warden.gateway.AccessKeys.AccessKey;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The check every Warden gateway makes, the servlet filter and {@code warden serve} alike: map the
 * method and raw target to a request ({@link HttpMapping#request}), find the access key of the {@code Authorization:
 * AccessKey <key>} header ({@link AccessKeys}), and decide.
 *
 * <p>In this order: a malformed target is 400 whoever asks; then missing, unsupported or unknown
 * credentials are 401; then the decision: 200 for an allow, 403 for any deny ({@code
 * unknown_action} for a method that maps to no action included). Thread-safe; the policies are
 * those the authorizer holds at the time of the call (it may be reloaded meanwhile), and so are the
 * keys ({@link #replaceKeys}).
 *
 * <p>The first time a key authenticates, its randomness is estimated ({@link
 * AccessKeys#estimatedBits}); a key under {@value AccessKeys#MIN_KEY_BITS} bits is logged as a
 * warning once, by its id (never the key). Later requests with the same key id cost one map lookup.
 */
public final class Gate {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    /** The authentication scheme: {@code Authorization: AccessKey <key>}. */
    public static final String SCHEME = "AccessKey";

    private final Authorizer authorizer;
    private volatile AccessKeys keys;
    /** The key ids whose strength was estimated already: bounded by the keys file. */
    private final ConcurrentHashMap<String, Boolean> estimated = new ConcurrentHashMap<>();

    /**
     * A gate that decides with {@code authorizer} for the principals of {@code keys}.
     *
     * @param authorizer decides each authenticated request
     * @param keys the access keys that authenticate requests, each to its principal
     */
    public Gate(Authorizer authorizer, AccessKeys keys) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * The authorizer that decides.
     *
     * @return the authorizer given to the constructor
     */
    public Authorizer authorizer() {
        return authorizer;
    }

    /**
     * The access keys in force.
     *
     * @return the keys given to the constructor or to the last {@link #replaceKeys}
     */
    public AccessKeys keys() {
        return keys;
    }

    /**
     * Swaps in another set of keys, atomically: each request is checked against the keys of
     * before or after the swap, never a mix (a reload of the keys file).
     *
     * @param next the keys to check requests against from now on
     */
    public void replaceKeys(AccessKeys next) {
        this.keys = Objects.requireNonNull(next, "keys");
        estimated.clear();
    }

    /**
     * Checks one request.
     *
     * @param method the original method, as sent
     * @param target the original request target (path and query), as sent
     * @param authorization every value of the {@code Authorization} header (none, one, or several)
     * @return the verdict: its status, reason and the decision when one was made
     */
    public Verdict check(String method, String target, List<String> authorization) {
        return check(method, target, authorization, java.util.Map.of());
    }

    /**
     * Checks one request with its context (see {@link HttpMapping#clientContext}): what its
     * statements' conditions read as {@code context.NAME}. Only the gateway sets it, never the client.
     *
     * @param method the original method, as sent
     * @param target the original request target (path and query), as sent
     * @param authorization every value of the {@code Authorization} header (none, one, or several)
     * @param context the request's context, by name without the {@code context.} prefix
     * @return the verdict: its status, reason and the decision when one was made
     */
    public Verdict check(String method, String target, List<String> authorization, java.util.Map<String, String> context) {
        ResourcePath canonical = ResourcePath.ofHttpPath(target);
        String action = Actions.forHttpMethod(method).orElse("");
        if (!canonical.isWellFormed()) {
            return malformed(canonical, action, target);
        }
        String path = canonical.canonical();
        if (authorization == null || authorization.isEmpty()) {
            return unauthenticated(Verdict.MISSING_CREDENTIALS, "no `Authorization` header", action, path);
        }
        if (authorization.size() > 1) {
            return unauthenticated(Verdict.UNSUPPORTED_CREDENTIALS, "more than one `Authorization` header", action, path);
        }
        String presented = keyOf(authorization.get(0));
        if (presented == null) {
            return unauthenticated(Verdict.UNSUPPORTED_CREDENTIALS,
                    "the `Authorization` header is not `" + SCHEME + " <key>`", action, path);
        }
        Optional<AccessKey> key = keys.resolve(presented);
        if (key.isEmpty()) {
            return unauthenticated(Verdict.UNKNOWN_KEY, "the access key is not known", action, path);
        }
        if (!estimated.containsKey(key.get().id())) {
            estimate(key.get().id(), presented);
        }
        return decided(authorizer.decide(HttpMapping.request(key.get().principal(), method, target, canonical, context)),
                key.get().id(), action, path);
    }

    /**
     * Checks one request for a principal the application authenticated itself (no access key):
     * in the order of {@link #check(String, String, List, java.util.Map)}, a malformed target is
     * 400 (and {@code principal} is not asked), no principal ({@code principal} gives empty) is 401
     * {@value Verdict#MISSING_CREDENTIALS}, then the decision. The verdict's key id is empty.
     *
     * @param method the original method, as sent
     * @param target the original request target (path and query), as sent
     * @param principal who the application authenticated the request as, empty when it did not;
     *     asked once, and only for a well-formed target
     * @param context the request's context, by name without the {@code context.} prefix
     * @return the verdict: its status, reason and the decision when one was made
     */
    public Verdict check(String method, String target, java.util.function.Supplier<Optional<Principal>> principal,
            java.util.Map<String, String> context) {
        ResourcePath canonical = ResourcePath.ofHttpPath(target);
        String action = Actions.forHttpMethod(method).orElse("");
        if (!canonical.isWellFormed()) {
            return malformed(canonical, action, target);
        }
        String path = canonical.canonical();
        Optional<Principal> who = principal.get();
        if (who.isEmpty()) {
            return unauthenticated(Verdict.MISSING_CREDENTIALS, "the request is not authenticated", action, path);
        }
        return decided(authorizer.decide(HttpMapping.request(who.get(), method, target, canonical, context)), "",
                action, path);
    }

    private static Verdict malformed(ResourcePath canonical, String action, String target) {
        Decision d = Decision.malformed(canonical);
        return new Verdict(400, d.reason().code(), d.detail(), "", action, withoutQuery(target), Optional.of(d));
    }

    private static Verdict decided(Decision d, String keyId, String action, String path) {
        return new Verdict(HttpMapping.status(d), d.reason().code(), d.detail(), keyId, action, path, Optional.of(d));
    }

    /** Warns, once per key id, about a key estimated under {@value AccessKeys#MIN_KEY_BITS} bits. */
    private void estimate(String id, String presented) {
        if (estimated.putIfAbsent(id, Boolean.TRUE) == null) {
            int bits = AccessKeys.estimatedBits(presented);
            if (bits < AccessKeys.MIN_KEY_BITS) {
                LOG.log(Level.WARNING, "access key `" + id + "` is short: about " + bits + " bits of randomness at "
                        + "most, under " + AccessKeys.MIN_KEY_BITS + "; replace it with a longer random key "
                        + "(`openssl rand -base64 32 | tr '+/' '-_' | tr -d '='`)");
            }
        }
    }

    private static Verdict unauthenticated(String reason, String detail, String action, String path) {
        return new Verdict(401, reason, detail, "", action, path, Optional.empty());
    }

    /**
     * The key of an {@code AccessKey <key>} header value (the scheme in any case, RFC 9110), or
     * null when the value has another shape. The key is one token: no spaces or commas inside.
     */
    static String keyOf(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.length() <= SCHEME.length() || !h.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        char sep = h.charAt(SCHEME.length());
        if (sep != ' ' && sep != '\t') {
            return null;
        }
        String key = h.substring(SCHEME.length() + 1).strip();
        if (key.isEmpty()) {
            return null;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == ',' || c >= 0x7F) {
                return null;
            }
        }
        return key;
    }

    /** {@link HttpMapping#withoutQuery}, and at most 512 characters of it. */
    private static String withoutQuery(String target) {
        String path = HttpMapping.withoutQuery(target);
        return path.length() > 512 ? path.substring(0, 512) + "..." : path;
    }
}
