package dev.warden.server;

import dev.warden.core.Authorizer;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import dev.warden.gateway.AccessKeys;
import dev.warden.gateway.ConfigurationException;
import dev.warden.gateway.Gate;
import dev.warden.gateway.WardenFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link WardenFilter} by class name in {@code web.xml}: its gate is loaded in {@link #init} from
 * the init parameters {@code policies} (files or directories, separated by commas) and {@code
 * keys} (the keys file); policies or keys that do not load stop the application from starting.
 * Every request then goes through a {@code WardenFilter} of that gate, with its answers.
 *
 * <p>An application that builds its gate in code needs none of this: {@code new
 * WardenFilter(gate)} of policy-gateway, which has no policy parser.
 */
public final class WardenFileFilter implements Filter {
    private volatile WardenFilter filter;

    /** For {@code web.xml}: the gate is built in {@link #init} from the init parameters. */
    public WardenFileFilter() {}

    @Override
    public void init(FilterConfig config) throws ServletException {
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
            throw new ServletException("the policies did not load:\n" + DiagnosticRenderer.human(loaded.errors(), loaded.texts()));
        }
        try {
            filter = new WardenFilter(new Gate(Authorizer.builder().clock(java.time.Clock.systemUTC()).build(loaded.policySet().get()),
                    AccessKeys.load(Path.of(keysFile.strip()))));
        } catch (ConfigurationException e) {
            throw new ServletException(e.getMessage());
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        WardenFilter f = filter;
        if (f == null) {
            throw new ServletException("WardenFilter was not initialised");
        }
        f.doFilter(request, response, chain);
    }
}
