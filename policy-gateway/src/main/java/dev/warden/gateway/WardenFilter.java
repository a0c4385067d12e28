package dev.warden.gateway;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * FilterRegistrationBean}, Jetty's {@code ServletContextHandler.addFilter}). To name a filter by
 * class in {@code web.xml}, with its policies and keys loaded from files by init parameters, use
 * {@code dev.warden.server.WardenFileFilter} of policy-server: this module has no policy parser.
 */
public final class WardenFilter implements Filter {
    /** The request attribute that holds the key id of an allowed request. */
    public static final String KEY_ID_ATTRIBUTE = "dev.warden.keyId";

    private final Gate gate;

    public WardenFilter(Gate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
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
        if (v == null) {
            List<String> authorization = Collections.list(http.getHeaders("Authorization"));
            // the client address is the socket peer: no header a client sends can set it
            v = gate.check(http.getMethod(), http.getRequestURI(), authorization,
                    HttpMapping.clientContext(List.of(http.getRemoteAddr())));
        }
        if (v.allowed()) {
            http.setAttribute(KEY_ID_ATTRIBUTE, v.keyId());
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
}
