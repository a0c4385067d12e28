package dev.warden.gateway;

import dev.warden.core.Authorizer;
import dev.warden.core.Principal;
import dev.warden.core.ResourcePath;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Jakarta Servlet filter that lets a request through only when Warden allows it: the request
 * method and its request URI as received ({@link HttpServletRequest#getRequestURI}, not decoded,
 * context path included) are checked by a {@link Gate} with the request's {@code Authorization:
 * AccessKey <key>} header. Otherwise it answers 400, 401 or 403 itself, with {@code
 * X-Warden-Decision} and {@code X-Warden-Reason} headers, and the chain does not run.
 *
 * <p>A request with a method-override header ({@code X-HTTP-Method-Override}, {@code
 * X-HTTP-Method}, {@code X-Method-Override}) is 400: the application behind the filter might run
 * that method instead of the one decided.
 *
 * <p>On an allow, the request carries the access key's id in the attribute {@value
 * #KEY_ID_ATTRIBUTE}.
 *
 * <p>For an application that authenticates requests itself, {@link #builder(Authorizer,
 * PrincipalSource)} takes the principal from a {@link PrincipalSource} instead of an access key;
 * {@link Builder#exclude} lets probes and {@code /error} through unchecked.
 *
 * <p>Register it in code with a gate ({@code new WardenFilter(gate)}: a Spring {@code
 * FilterRegistrationBean}, Jetty's {@code ServletContextHandler.addFilter}). To name a filter by
 * class in {@code web.xml}, with its policies and keys loaded from files by init parameters, use
 * {@code dev.warden.server.WardenFileFilter} of policy-server: this module has no policy parser.
 */
public final class WardenFilter implements Filter {
    /** The request attribute that holds the key id of an allowed request. */
    public static final String KEY_ID_ATTRIBUTE = "dev.warden.keyId";

    private final Gate gate;
    /** Null: the access key of the {@code Authorization} header. */
    private final PrincipalSource principals;
    private final List<String> excluded;

    /**
     * A filter that authenticates by access key ({@code Authorization: AccessKey <key>}), excluding no path.
     *
     * @param gate checks each request: its authorizer decides, its keys authenticate
     */
    public WardenFilter(Gate gate) {
        this(Objects.requireNonNull(gate, "gate"), null, List.of());
    }

    private WardenFilter(Gate gate, PrincipalSource principals, List<String> excluded) {
        this.gate = gate;
        this.principals = principals;
        this.excluded = List.copyOf(excluded);
    }

    /**
     * A filter that authenticates by access key, with the options of the builder (path exclusions).
     *
     * @param gate checks each request: its authorizer decides, its keys authenticate
     * @return a builder of the filter
     */
    public static Builder builder(Gate gate) {
        return new Builder(Objects.requireNonNull(gate, "gate"), null);
    }

    /**
     * A filter for an application that authenticates requests itself (a session, a JWT checked by
     * an earlier filter): {@code principals} gives each request's principal, and no access key is
     * read. A request it gives none for is 401.
     *
     * @param authorizer decides each authenticated request
     * @param principals gives each request's principal
     * @return a builder of the filter
     */
    public static Builder builder(Authorizer authorizer, PrincipalSource principals) {
        return new Builder(new Gate(authorizer, AccessKeys.none()), Objects.requireNonNull(principals, "principals"));
    }

    /**
     * Who a request is, for an application that authenticates requests itself: called once per
     * request that is not excluded and whose target is well formed, on the request's thread.
     */
    @FunctionalInterface
    public interface PrincipalSource {
        /**
         * The request's principal, or empty when it is not authenticated (then 401).
         *
         * @param request the request to check, as the filter received it
         * @return who the request is, or empty
         */
        Optional<Principal> principal(HttpServletRequest request);
    }

    /** Configures a {@link WardenFilter}. */
    public static final class Builder {
        private final Gate gate;
        private final PrincipalSource principals;
        private final List<String> excluded = new ArrayList<>();

        private Builder(Gate gate, PrincipalSource principals) {
            this.gate = gate;
            this.principals = principals;
        }

        /**
         * Paths the filter lets through unchecked (health probes, {@code /error}): an exact path
         * ({@code /healthz}) or a path and everything below it ({@code /actuator/health/**}),
         * matched against the request's canonical path, context path included. A malformed target
         * or a method-override header is still 400: {@code /healthz/..;/admin} is not {@code /healthz}.
         *
         * @param paths the paths to let through, each exact or ending in {@code /**}
         * @return this builder
         * @throws IllegalArgumentException for a path that is not canonical (not absolute, an
         *     empty, dot or encoded segment)
         */
        public Builder exclude(String... paths) {
            for (String p : paths) {
                String path = p.endsWith("/**") ? p.substring(0, p.length() - 3) : p;
                ResourcePath canonical = ResourcePath.ofHttpPath(path);
                if (!canonical.isWellFormed() || !canonical.canonical().equals(path)) {
                    throw new IllegalArgumentException("excluded path `" + p + "` is not a canonical path");
                }
                excluded.add(p);
            }
            return this;
        }

        /**
         * The filter with this builder's principal source and exclusions.
         *
         * @return a new filter
         */
        public WardenFilter build() {
            return new WardenFilter(gate, principals, excluded);
        }
    }

    @Override
    public void init(FilterConfig config) {
        // the gate is given to the constructor: nothing to read
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            throw new ServletException("WardenFilter guards HTTP requests only");
        }
        Verdict v = HttpMapping.methodOverride(http::getHeader).map(Verdict::malformed).orElse(null);
        if (v == null && isExcluded(http.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        if (v == null) {
            // the client address is the socket peer: no header a client sends can set it
            Map<String, String> context = HttpMapping.clientContext(List.of(http.getRemoteAddr()));
            // with a principal source, it is asked only once the target is known to be well formed
            v = principals == null
                    ? gate.check(http.getMethod(), http.getRequestURI(), Collections.list(http.getHeaders("Authorization")), context)
                    : gate.check(http.getMethod(), http.getRequestURI(), () -> principals.principal(http), context);
        }
        if (v.allowed()) {
            if (!v.keyId().isEmpty()) {
                http.setAttribute(KEY_ID_ATTRIBUTE, v.keyId());
            }
            chain.doFilter(request, response);
            return;
        }
        VerdictReply reply = VerdictReply.of(v, false);
        out.setStatus(reply.status());
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            out.setHeader(h.getKey(), h.getValue());
        }
        out.setContentType(reply.contentType());
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        out.setContentLength(body.length);
        out.getOutputStream().write(body);
    }

    /** Whether the target's canonical path is one the builder excluded; never for a malformed target. */
    private boolean isExcluded(String target) {
        if (excluded.isEmpty()) {
            return false;
        }
        ResourcePath path = ResourcePath.ofHttpPath(target);
        if (!path.isWellFormed()) {
            return false;
        }
        String canonical = path.canonical();
        for (String e : excluded) {
            if (e.endsWith("/**")) {
                String below = e.substring(0, e.length() - 3);
                if (canonical.equals(below) || canonical.startsWith(below + "/")) {
                    return true;
                }
            } else if (canonical.equals(e)) {
                return true;
            }
        }
        return false;
    }
}
