package dev.warden.gateway;

import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.dsl.Diagnostics;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * <p>Register it in code with a gate ({@code new WardenFilter(gate)}: a Spring {@code
 * FilterRegistrationBean}, Jetty's {@code ServletContextHandler.addFilter}), or by class name in
 * {@code web.xml} with the init parameters {@code policies} (files or directories, separated by
 * commas) and {@code keys} (the keys file): then policies or keys that do not load stop the
 * application from starting.
 */
public final class WardenFilter implements Filter {
    /** The request attribute that holds the key id of an allowed request. */
    public static final String KEY_ID_ATTRIBUTE = "dev.warden.keyId";

    private volatile Gate gate;

    /** For {@code web.xml}: the gate is built in {@link #init} from the init parameters. */
    public WardenFilter() {}

    public WardenFilter(Gate gate) {
        this.gate = java.util.Objects.requireNonNull(gate, "gate");
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (gate != null) {
            return;
        }
        String policies = config.getInitParameter("policies");
        String keysFile = config.getInitParameter("keys");
        if (policies == null || policies.isBlank() || keysFile == null || keysFile.isBlank()) {
            throw new ServletException("WardenFilter needs the init parameters `policies` and `keys`");
        }
        List<Path> paths = new ArrayList<>();
        for (String p : policies.split(",")) {
            if (!p.isBlank()) {
                paths.add(Path.of(p.strip()));
            }
        }
        LoadResult loaded = PolicyLoader.load(paths);
        if (!loaded.ok()) {
            throw new ServletException("the policies did not load:\n" + Diagnostics.render(loaded.errors()));
        }
        try {
            gate = new Gate(Authorizer.of(loaded.policySet().get()), AccessKeys.load(Path.of(keysFile.strip())));
        } catch (ConfigurationException e) {
            throw new ServletException(e.getMessage());
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Gate g = gate;
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            throw new ServletException("WardenFilter guards HTTP requests only");
        }
        if (g == null) {
            throw new ServletException("WardenFilter was not initialised");
        }
        Verdict v = methodOverride(http);
        if (v == null) {
            List<String> authorization = Collections.list(http.getHeaders("Authorization"));
            v = g.check(http.getMethod(), http.getRequestURI(), authorization);
        }
        if (v.allowed()) {
            http.setAttribute(KEY_ID_ATTRIBUTE, v.keyId());
            chain.doFilter(request, response);
            return;
        }
        out.setStatus(v.status());
        out.setHeader("X-Warden-Decision", v.decisionWord());
        out.setHeader("X-Warden-Reason", v.reason());
        if (v.status() == 401) {
            out.setHeader("WWW-Authenticate", Gate.SCHEME);
        }
        out.setContentType("text/plain; charset=utf-8");
        byte[] body = (v.decisionWord() + " " + v.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        out.setContentLength(body.length);
        out.getOutputStream().write(body);
    }

    /**
     * A 400 for a request that carries a method-override header ({@code X-HTTP-Method-Override},
     * {@code X-HTTP-Method}, {@code X-Method-Override}): a framework behind the filter may run that
     * method instead of the one decided. Null when there is none.
     */
    private static Verdict methodOverride(HttpServletRequest http) {
        for (String h : OriginalRequest.METHOD_OVERRIDES) {
            if (http.getHeader(h) != null) {
                String why = "`" + h + "` on a request: the application may run that method instead of the one decided";
                Decision d = Decision.deny(Reason.MALFORMED_REQUEST, why);
                return new Verdict(400, d.reason().code(), why, "", "", "", Optional.of(d));
            }
        }
        return null;
    }
}
