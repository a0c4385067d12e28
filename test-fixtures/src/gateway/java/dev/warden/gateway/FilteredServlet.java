package dev.warden.gateway;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real servlet container (Jetty 12, ee10) on 127.0.0.1, any free port: one filter in front of a
 * servlet at {@code /*} that counts the requests reaching it and answers {@code backend <key id>}.
 */
public final class FilteredServlet implements AutoCloseable {
    private final Server jetty = new Server();
    private final AtomicInteger reached = new AtomicInteger();
    private final int port;

    private FilteredServlet(FilterHolder filter, String pathSpec) throws Exception {
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler app = new ServletContextHandler("/");
        app.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                reached.incrementAndGet();
                resp.setContentType("text/plain");
                resp.getWriter().print("backend " + req.getAttribute(WardenFilter.KEY_ID_ATTRIBUTE));
            }
        }), "/*");
        app.addFilter(filter, pathSpec, EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(app);
        jetty.start();
        port = connector.getLocalPort();
    }

    /** Starts the container with {@code filter} on {@code pathSpec} (e.g. {@code /workspaces/*}). */
    public static FilteredServlet start(FilterHolder filter, String pathSpec) throws Exception {
        return new FilteredServlet(filter, pathSpec);
    }

    public int port() {
        return port;
    }

    /** How many requests reached the servlet so far. */
    public int reached() {
        return reached.get();
    }

    @Override
    public void close() throws IOException {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IOException("the servlet container did not stop", e);
        }
    }
}
