package dev.warden.server;

import dev.warden.core.Authorizer;
import dev.warden.core.PolicySet;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.FileWatcher;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import dev.warden.dsl.PolicyReloader;
import dev.warden.dsl.ReloadResult;
import dev.warden.gateway.AccessKeys;
import dev.warden.gateway.ConfigurationException;
import dev.warden.gateway.Gate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code warden serve}: Warden as an HTTP service on Jetty 12, for gateways (forward auth) and
 * for services (remote decisions), on two listeners with their own threads, so that nothing sent
 * to the admin endpoints can slow forward auth down.
 *
 * <p>The main listener ({@link #uri}):
 *
 * <ul>
 *   <li>{@code /v1/authz} (any method): forward auth. The original method and target come from
 *       the one pair of headers the {@link ForwardAuth} mode reads: {@code X-Original-Method} and
 *       {@code X-Original-URI} (NGINX {@code auth_request}, the default), or {@code
 *       X-Forwarded-Method} and {@code X-Forwarded-Uri} (Traefik ForwardAuth, Caddy {@code
 *       forward_auth}); a header of the other pair, half a pair, a repeated header or a
 *       method-override header ({@code X-HTTP-Method-Override}...) is 400. The key comes from
 *       {@code Authorization: AccessKey <key>}. The answer is the status of {@link Gate} (200, 400,
 *       401, 403) with {@code X-Warden-Decision} and {@code X-Warden-Reason}, and {@code
 *       X-Warden-Key-Id} on an allow, and no body ({@code Content-Length: 0}), so that the gateway
 *       keeps the connection alive for its next request; {@link Builder#forwardAuthBody} adds the
 *       one-line body of {@link dev.warden.gateway.VerdictReply}.
 *   <li>{@code /v1/authz/envoy/...} (any method, {@link ForwardAuth#ENVOY} mode only, where plain
 *       {@code /v1/authz} is 400): forward auth for Envoy's {@code ext_authz} HTTP service, which
 *       sends the original method and appends the original path and query to its {@code
 *       path_prefix}: the method and the rest of the path are the original request's.
 *   <li>{@code GET /healthz} (alive) and {@code GET /readyz} (200 while it takes requests, 503
 *       once it drains; the policy-set version, the counts and the last reloads). Every other
 *       path is 404, the admin endpoints' included.
 * </ul>
 *
 * <p>The Envoy {@code ext_authz} gRPC listener ({@link #envoyGrpcAddress}), only when {@link
 * Builder#envoyGrpcPort} is set: {@code envoy.service.auth.v3.Authorization/Check} ({@link
 * EnvoyGrpcService}), deciding as {@code /v1/authz/envoy/...} does, over TLS when the main
 * listener has it.
 *
 * <p>The admin listener ({@link #adminUri}), only when {@link Builder#adminPort} is set, binding
 * {@value #DEFAULT_BIND} unless told otherwise. It answers only requests whose {@code Host} is one
 * of its own names (421 otherwise) and that no other web origin sent (403), so that a page in a
 * browser cannot reach it; its POST bodies must be {@code application/json} (415 otherwise) and
 * arrive whole within {@link Builder#bodyDeadline} (408 otherwise), read without holding a thread:
 *
 * <ul>
 *   <li>{@code POST /v1/decide}: one request in the batch format of {@code warden eval} ({@link
 *       dev.warden.dsl.BatchFormat}), one decision back (400 for a line that is not a request).
 *       Its decisions are counted in the metrics, and logged only with {@link
 *       Builder#logDecideRequests}.
 *   <li>{@code POST /v1/reload} (an empty body, or any JSON): reload the policies, then the keys
 *       file, now; 200 with the new versions, or 422 with the diagnostics while what did not load
 *       keeps serving as it was.
 *   <li>{@code GET /metrics} (Prometheus text format), {@code GET /healthz}, {@code GET /readyz}.
 * </ul>
 *
 * <pre>{@code
 * try (WardenServer server = WardenServer.builder()
 *         .policies(List.of(Path.of("policies"))).keysFile(Path.of("keys.json")).port(0).adminPort(0).start()) {
 *     int port = server.port();   // the port bound, here chosen by the system
 *     URI admin = server.adminUri().orElseThrow();
 *     ...
 * }
 * }</pre>
 */
public final class WardenServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    /** The port {@code warden serve} listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8400;
    /** The address it binds unless told otherwise, for either listener: this host only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** How long an admin request's body may take to arrive, whole, unless told otherwise. */
    public static final Duration DEFAULT_BODY_DEADLINE = Duration.ofSeconds(5);
    /** How long {@link #close} waits for requests in flight unless told otherwise. */
    public static final Duration DEFAULT_DRAIN_TIME = Duration.ofSeconds(10);
    static final int MAX_BODY = 1 << 20;
    static final int ADMIN_THREADS = 16;

    private final Server jetty;
    private final ServerConnector connector;
    private final Optional<Server> adminJetty;
    private final Optional<ServerConnector> adminConnector;
    private final Optional<AdminListener> admin;
    private final Optional<EnvoyGrpcListener> envoyGrpc;
    private final List<String> adminHosts;
    private final Gate gate;
    private final PolicyReloader reloader;
    private final Optional<DecisionLog> decisionLog;
    private final Optional<KeysReloader> keysReloader;
    private final GatewayMetrics metrics;
    private final List<FileWatcher> watchers;
    private final GracefulHandler graceful = new GracefulHandler();
    private final Optional<GracefulHandler> adminGraceful;
    /** Between each GracefulHandler and its routes: the requests in flight, for the metrics and tests. */
    private final StatisticsHandler statistics = new StatisticsHandler();
    private final Optional<StatisticsHandler> adminStatistics;
    private final Duration drainTime;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean draining;
    private volatile Runnable signalsBack = () -> {};
    private URI uri;
    private Optional<URI> adminUri = Optional.empty();

    private WardenServer(Builder b, Gate gate, PolicyReloader reloader, Optional<KeysReloader> keysReloader,
            Optional<DecisionLog> decisionLog, List<FileWatcher> watchers, Optional<TlsContext> tls,
            Optional<GrpcTls> grpcTls) {
        this.gate = gate;
        this.reloader = reloader;
        this.keysReloader = keysReloader;
        this.decisionLog = decisionLog;
        this.watchers = watchers;
        this.adminHosts = b.adminHosts;
        this.drainTime = b.drainTime;
        GatewayMetrics metrics = new GatewayMetrics(reloader, decisionLog.orElse(null));
        this.metrics = metrics;
        Decisions decisions = new Decisions(reloader, metrics, decisionLog);
        this.jetty = server("warden-http", b.maxThreads);
        this.connector = connector(jetty, b.bind, b.port, 30_000, tls, selectors(b.maxThreads));
        HealthEndpoint health = new HealthEndpoint(reloader);
        ReadyEndpoint ready = new ReadyEndpoint(this);
        ForwardAuthCheck check = new ForwardAuthCheck(gate, decisions, Optional.ofNullable(b.clientAddressHeader),
                b.forwardAuthBody);
        // the main listener: forward auth and /healthz; every other path, the admin endpoints' included,
        // is 404. None of them reads a body or waits: each request is decided on the selector thread
        // that read it
        Routes main = Routes.nonBlocking()
                .path(AuthzEndpoint.PATH, new AuthzEndpoint(b.forwardAuth, check))
                .path(HealthEndpoint.PATH, health)
                .path(ReadyEndpoint.PATH, ready);
        if (b.forwardAuth == ForwardAuth.ENVOY) {
            main.prefix(EnvoyEndpoint.PREFIX, new EnvoyEndpoint(check));
        }
        this.envoyGrpc = b.envoyGrpcPort < 0 ? Optional.empty()
                : Optional.of(new EnvoyGrpcListener(b.envoyGrpcBind, b.envoyGrpcPort, new EnvoyGrpcService(check), grpcTls));
        statistics.setHandler(main);
        graceful.setHandler(statistics);
        jetty.setHandler(graceful);
        if (b.adminPort >= 0) {
            Server a = server("warden-admin", ADMIN_THREADS);
            this.adminJetty = Optional.of(a);
            this.adminConnector = Optional.of(connector(a, b.adminBind, b.adminPort, 10_000, Optional.empty(), 1));
            AdminBody body = new AdminBody(metrics, b.bodyDeadline);
            Routes routes = Routes.blocking()
                    .path(HealthEndpoint.PATH, health)
                    .path(ReadyEndpoint.PATH, ready)
                    .path(MetricsEndpoint.PATH, new MetricsEndpoint(metrics))
                    .path(DecideEndpoint.PATH, new DecideEndpoint(gate, metrics, decisions, b.logDecide, body))
                    .path(ReloadEndpoint.PATH, new ReloadEndpoint(this, metrics, body));
            AdminListener listener = new AdminListener(routes, metrics);
            StatisticsHandler st = new StatisticsHandler();
            st.setHandler(listener);
            GracefulHandler g = new GracefulHandler();
            g.setHandler(st);
            a.setHandler(g);
            this.adminGraceful = Optional.of(g);
            this.adminStatistics = Optional.of(st);
            this.admin = Optional.of(listener);
        } else {
            this.adminGraceful = Optional.empty();
            this.adminStatistics = Optional.empty();
            this.adminJetty = Optional.empty();
            this.adminConnector = Optional.empty();
            this.admin = Optional.empty();
        }
        metrics.server(this, b.version);
    }

    private static Server server(String name, int maxThreads) {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        threads.setName(name);
        // no graceful phase of Jetty's own: it would wait for idle keep-alive connections of the
        // proxy in front; close() drains the requests in flight itself (GracefulHandler), then stops
        threads.setStopTimeout(500);
        Server s = new Server(threads);
        s.setStopTimeout(0);
        return s;
    }

    /**
     * One selector per core: each reads and decides its connections' requests itself. At most half
     * the pool, less the acceptor and a thread for the rest, so that a small pool still starts.
     */
    static int selectors(int maxThreads) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), (maxThreads - 2) / 2));
    }

    private static ServerConnector connector(Server server, String host, int port, long idleMillis,
            Optional<TlsContext> tls, int selectors) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ConnectionFactory[] factories;
        if (tls.isPresent()) {
            // the gateway may reach Warden by any name: no check of Host against the certificate
            http.addCustomizer(new SecureRequestCustomizer(false));
            factories = new ConnectionFactory[] {new SslConnectionFactory(tls.get().factory(), "http/1.1"),
                    new HttpConnectionFactory(http)};
        } else {
            factories = new ConnectionFactory[] {new HttpConnectionFactory(http)};
        }
        // one acceptor
        ServerConnector c = new ServerConnector(server, 1, selectors, factories);
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(idleMillis);
        server.addConnector(c);
        return c;
    }

    /**
     * A builder with the defaults: port {@value #DEFAULT_PORT} on {@value #DEFAULT_BIND}, no admin
     * listener, watched policies; the policies and keys must be given.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The port of the main listener (the one chosen by the system when the builder asked for port 0).
     *
     * @return the port the forward-auth listener listens on
     */
    public int port() {
        return uri.getPort();
    }

    /**
     * {@code http://ADDR:PORT} ({@code https} with {@link Builder#tls}), the base of the forward-auth endpoints.
     *
     * @return the main listener's address
     */
    public URI uri() {
        return uri;
    }

    /**
     * The port of the admin listener, when there is one.
     *
     * @return the admin port, or empty without an admin listener
     */
    public OptionalInt adminPort() {
        return adminUri.map(u -> OptionalInt.of(u.getPort())).orElse(OptionalInt.empty());
    }

    /**
     * {@code http://ADDR:PORT} of the admin listener ({@code /v1/decide}, {@code /v1/reload}, {@code /metrics}), when
     * there is one.
     *
     * @return the admin listener's address, or empty without one
     */
    public Optional<URI> adminUri() {
        return adminUri;
    }

    private static URI uri(ServerConnector c) {
        String host = c.getHost();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String scheme = c.getConnectionFactory(SslConnectionFactory.class) != null ? "https" : "http";
        return URI.create(scheme + "://" + host + ":" + c.getLocalPort());
    }

    /**
     * {@code HOST:PORT} of the Envoy {@code ext_authz} gRPC listener ({@link Builder#envoyGrpcPort}),
     * when there is one.
     *
     * @return the gRPC listener's address, or empty without one
     */
    public Optional<String> envoyGrpcAddress() {
        return envoyGrpc.map(EnvoyGrpcListener::address);
    }

    /**
     * The port of the Envoy {@code ext_authz} gRPC listener, when there is one.
     *
     * @return the gRPC port, or empty without a gRPC listener
     */
    public OptionalInt envoyGrpcPort() {
        return envoyGrpc.map(g -> OptionalInt.of(g.port())).orElse(OptionalInt.empty());
    }

    /**
     * The reloader: {@code reloader().reload()} is what {@code POST /v1/reload} and {@code SIGHUP} do.
     *
     * @return the reloader of the policies
     */
    public PolicyReloader reloader() {
        return reloader;
    }

    /**
     * Reloads the keys file now, as its watcher, {@code SIGHUP} and {@code POST /v1/reload} do: the
     * result, or empty when the server was given keys rather than a keys file.
     *
     * @return what the reload did, or empty without a keys file
     */
    public Optional<ReloadResult> reloadKeys() {
        return keysReloader.map(KeysReloader::reload);
    }

    /**
     * The last keys reload's result (the start counts as one), or empty without a keys file.
     *
     * @return the result of the last keys reload to finish, or empty
     */
    public Optional<ReloadResult> lastKeysReload() {
        return keysReloader.map(KeysReloader::lastResult);
    }

    Optional<KeysReloader> keysReloader() {
        return keysReloader;
    }

    /** What {@code SIGHUP} and {@code POST /v1/reload} do: the policies, then the keys file. */
    void reloadAll() {
        reloader.reload();
        reloadKeys();
    }

    /** One line: the policy-set version and how many policies, roles and access keys serve. */
    String summary() {
        PolicySet set = gate.authorizer().policySet();
        return "policy-set version " + reloader.version() + ", " + set.policies().size() + " policies, "
                + set.roles().size() + " roles, " + gate.keys().size() + " access keys";
    }

    /**
     * The gate every forward-auth request goes through.
     *
     * @return the gate, with the serving authorizer and keys
     */
    public Gate gate() {
        return gate;
    }

    /**
     * Blocks until the server stops.
     *
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** The requests being handled now on both listeners. */
    int requestsInFlight() {
        return statistics.getRequestsActive() + adminStatistics.map(StatisticsHandler::getRequestsActive).orElse(0);
    }

    /**
     * Whether {@link #close} has begun: the server drains its requests in flight and accepts no more.
     *
     * @return true from the first call of {@link #close} on
     */
    public boolean draining() {
        return draining;
    }

    /**
     * Stops gracefully: stops accepting connections on both listeners at once (a new connection is
     * refused), lets the requests in flight finish within the drain time ({@link
     * Builder#drainTime}; a request that arrives meanwhile on a connection already open is 503),
     * then stops serving, stops watching, writes out the decision log and logs one line. A second
     * call, or one from another thread, waits for the first to end.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            long start = System.nanoTime();
            draining = true;
            connector.shutdown();
            adminConnector.ifPresent(ServerConnector::shutdown);
            envoyGrpc.ifPresent(EnvoyGrpcListener::shutdown);
            long deadline = start + drainTime.toNanos();
            boolean drained = drain(graceful, deadline);
            if (adminGraceful.isPresent()) {
                drained &= drain(adminGraceful.get(), deadline);
            }
            if (envoyGrpc.isPresent()) {
                drained &= envoyGrpc.get().drain(deadline);
            }
            stopAll();
            signalsBack.run();
            metrics.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            LOG.log(drained ? Level.INFO : Level.WARNING, drained
                    ? "warden stopped: requests in flight finished, " + millis + " ms after the stop began"
                    : "warden stopped: the drain time of " + drainTime.toMillis() + " ms ran out with requests in flight");
        } finally {
            closed.countDown();
        }
    }

    /** Waits until {@code handler} has no request in flight, at the latest until {@code deadline}; whether it has none. */
    private static boolean drain(GracefulHandler handler, long deadline) {
        try {
            handler.shutdown().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitClosed() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopAll() {
        for (Server s : adminJetty.isPresent() ? List.of(jetty, adminJetty.get()) : List.of(jetty)) {
            try {
                s.stop();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping the HTTP server failed: " + e);
            }
        }
        try {
            for (FileWatcher w : watchers) {
                w.close();
            }
            if (decisionLog.isPresent()) {
                decisionLog.get().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startJetty(Builder b) throws ConfigurationException {
        try {
            jetty.start();
        } catch (Exception e) {
            throw new ConfigurationException("cannot listen on " + b.bind + ":" + b.port + ": " + e.getMessage());
        }
        uri = uri(connector);
        if (adminJetty.isPresent()) {
            try {
                adminJetty.get().start();
            } catch (Exception e) {
                throw new ConfigurationException("cannot listen on " + b.adminBind + ":" + b.adminPort
                        + " (admin): " + e.getMessage());
            }
            adminUri = Optional.of(uri(adminConnector.get()));
            admin.get().guard(new AdminGuard(b.adminBind, adminHosts, adminPort().getAsInt()));
        }
        if (envoyGrpc.isPresent()) {
            envoyGrpc.get().start();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Configures and starts a {@link WardenServer}. */
    public static final class Builder {
        private List<Path> policies = List.of();
        private Path keysFile;
        private AccessKeys keys;
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private Path decisionLogFile;
        private int decisionLogCapacity = DecisionLog.DEFAULT_CAPACITY;
        private boolean watch = true;
        private boolean sighup;
        private long cacheSize = Authorizer.DEFAULT_CACHE_SIZE;
        private int maxThreads = 64;
        private ForwardAuth forwardAuth = ForwardAuth.NGINX;
        private String clientAddressHeader;
        private boolean forwardAuthBody;
        private int adminPort = -1;
        private int envoyGrpcPort = -1;
        private String envoyGrpcBind = DEFAULT_BIND;
        private String adminBind = DEFAULT_BIND;
        private List<String> adminHosts = List.of();
        private boolean logDecide;
        private Duration bodyDeadline = DEFAULT_BODY_DEADLINE;
        private Duration drainTime = DEFAULT_DRAIN_TIME;
        private boolean stopOnSignals;
        private Tls tls;
        private String version = Optional.ofNullable(WardenServer.class.getPackage().getImplementationVersion())
                .orElse("unknown");

        private Builder() {}

        /**
         * How long {@link WardenServer#close} lets the requests in flight run before it stops
         * anyway (default {@link WardenServer#DEFAULT_DRAIN_TIME}); zero stops at once.
         *
         * @param drain the longest wait for requests in flight
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder drainTime(Duration drain) {
            if (drain.isNegative()) {
                throw new IllegalArgumentException("the drain time must not be negative: " + drain);
            }
            this.drainTime = drain;
            return this;
        }

        /**
         * The version {@code warden_build_info} shows (default: the jar's, or {@code unknown}).
         *
         * @param version the version text
         * @return this builder
         */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * Serves the forward-auth listener over TLS (1.2 and 1.3 only), with client certificates
         * required when {@link Tls#clientCa} is given. The files are watched (whatever {@link
         * #watch} says) and a changed certificate is served from the next handshake on; one that
         * does not load is logged and the one before serves on. The admin listener stays plain HTTP.
         *
         * @param tls the server's key and, optionally, the client certificates' authorities
         * @return this builder
         */
        public Builder tls(Tls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * Whether {@code SIGTERM} and {@code SIGINT} close the server gracefully (default false: a
         * library should not take the process's signals); {@link WardenServer#join} returns once
         * it has stopped, and the process does not exit by itself.
         *
         * @param stop true to close on {@code SIGTERM} and {@code SIGINT}
         * @return this builder
         */
        public Builder stopOnSignals(boolean stop) {
            this.stopOnSignals = stop;
            return this;
        }

        /**
         * Serves the admin endpoints ({@code /v1/decide}, {@code /v1/reload}, {@code /metrics},
         * and {@code /healthz}) on this port, with threads of their own; 0 lets the system choose
         * ({@link WardenServer#adminPort} tells which). Without it there is no admin listener.
         *
         * @param port the admin port, 0 to 65535
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder adminPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("admin port must be 0 to 65535: " + port);
            }
            this.adminPort = port;
            return this;
        }

        /**
         * Serves Envoy's {@code ext_authz} gRPC service ({@code envoy.service.auth.v3.Authorization})
         * on this port, beside the HTTP listener and whatever its {@link #forwardAuth} mode, with
         * the same decisions, decision log and metrics as the HTTP service under {@code
         * /v1/authz/envoy/}; over TLS with {@link #tls}; drained by {@link WardenServer#close} with
         * the other listeners. 0 lets the system choose ({@link WardenServer#envoyGrpcPort} tells
         * which). Without it there is no gRPC listener.
         *
         * @param port the gRPC port, 0 to 65535
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder envoyGrpcPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("envoy grpc port must be 0 to 65535: " + port);
            }
            this.envoyGrpcPort = port;
            return this;
        }

        /**
         * The address the Envoy gRPC listener binds; {@value WardenServer#DEFAULT_BIND} unless set.
         *
         * @param address a host name or IP address
         * @return this builder
         */
        public Builder envoyGrpcBind(String address) {
            this.envoyGrpcBind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The address the admin listener binds; {@value WardenServer#DEFAULT_BIND} unless set.
         *
         * @param address a host name or IP address
         * @return this builder
         */
        public Builder adminBind(String address) {
            this.adminBind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Host names or addresses, without a port, that the admin listener answers for besides its
         * bind address, {@code localhost}, {@code 127.0.0.1} and {@code [::1]} (e.g. the name a
         * monitoring system reaches it by); a request with any other {@code Host} is 421.
         *
         * @param hosts the further host names and addresses, without a port
         * @return this builder
         * @throws IllegalArgumentException for a blank name, one with a port, or one with a space,
         *     {@code /} or {@code ,}
         */
        public Builder adminHosts(List<String> hosts) {
            for (String h : hosts) {
                boolean withPort = h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':'); // NAME:PORT, not IPv6
                if (h.isBlank() || withPort || h.chars().anyMatch(c -> c <= ' ' || c == '/' || c == ',' || c >= 0x7F)) {
                    throw new IllegalArgumentException("a host name or address without a port, not `" + h + "`");
                }
            }
            this.adminHosts = List.copyOf(hosts);
            return this;
        }

        /**
         * Whether {@code /v1/decide} decisions go to the decision log too (default false: the log
         * is what the gateway let through; with true they are there with {@code "source":
         * "decide"}).
         *
         * @param log true to log {@code /v1/decide} decisions
         * @return this builder
         */
        public Builder logDecideRequests(boolean log) {
            this.logDecide = log;
            return this;
        }

        /**
         * How long an admin request's body may take to arrive, whole, from when its headers are
         * read (default {@link WardenServer#DEFAULT_BODY_DEADLINE}); a slower one is 408.
         *
         * @param deadline the longest time a body may take
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder bodyDeadline(Duration deadline) {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("the body deadline must be positive: " + deadline);
            }
            this.bodyDeadline = deadline;
            return this;
        }

        /**
         * The header in which the gateway sends the client's address, which conditions read as
         * {@code context.ip} (NGINX: {@code X-Original-Remote-Addr} set to {@code $remote_addr};
         * see docs/gateways.md). Only the gateway may set it: it must overwrite whatever the client
         * sent. A request where it is missing or repeated has no {@code context.ip}. Without it, no
         * request has one.
         *
         * @param header the header's name
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder clientAddressHeader(String header) {
            if (header.isBlank()) {
                throw new IllegalArgumentException("the client address header needs a name");
            }
            this.clientAddressHeader = header;
            return this;
        }

        /**
         * Whether forward-auth answers have a body, the line {@code <decision> <reason>} (and the
         * detail of a 400) of {@link dev.warden.gateway.VerdictReply}; default false: status and
         * headers only, {@code Content-Length: 0}. For debugging: NGINX's {@code auth_request}
         * discards the body and closes the connection of an answer that has one, so every request
         * then opens a new connection to Warden; Envoy, Traefik and Caddy pass a deny's body on to
         * the client.
         *
         * @param withBody true for answers with a body
         * @return this builder
         */
        public Builder forwardAuthBody(boolean withBody) {
            this.forwardAuthBody = withBody;
            return this;
        }

        /**
         * The gateway in front, which fixes where {@code /v1/authz} reads the original request
         * ({@link ForwardAuth}); {@link ForwardAuth#NGINX} unless set. In {@link ForwardAuth#ENVOY}
         * mode forward auth is only under {@code /v1/authz/envoy/}; in the others that prefix is 404.
         *
         * @param mode the gateway in front
         * @return this builder
         */
        public Builder forwardAuth(ForwardAuth mode) {
            this.forwardAuth = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The policy files and directories (required); they are reloaded from the same paths.
         *
         * @param paths policy files and directories, as for {@link dev.warden.dsl.PolicyLoader#load}
         * @return this builder
         */
        public Builder policies(List<Path> paths) {
            this.policies = List.copyOf(paths);
            return this;
        }

        /**
         * The keys file (see {@link AccessKeys}).
         *
         * @param file the keys file, read at the start and reloaded with the policies; replaces any {@link #keys}
         * @return this builder
         */
        public Builder keysFile(Path file) {
            this.keysFile = Objects.requireNonNull(file, "file");
            this.keys = null;
            return this;
        }

        /**
         * Keys already read, instead of a keys file.
         *
         * @param keys the access keys; replaces any {@link #keysFile}
         * @return this builder
         */
        public Builder keys(AccessKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            this.keysFile = null;
            return this;
        }

        /**
         * The address to bind; {@value WardenServer#DEFAULT_BIND} unless set.
         *
         * @param address a host name or IP address
         * @return this builder
         */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The port; 0 lets the system choose one ({@link WardenServer#port} tells which).
         *
         * @param port the port, 0 to 65535; {@value WardenServer#DEFAULT_PORT} unless set
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Appends a JSON Lines decision log to this file (off the request path; see {@link DecisionLog}).
         *
         * @param file the log file
         * @return this builder
         */
        public Builder decisionLog(Path file) {
            this.decisionLogFile = file;
            return this;
        }

        Builder decisionLogCapacity(int capacity) {
            this.decisionLogCapacity = capacity;
            return this;
        }

        /**
         * Whether to reload when the policy files change (default true).
         *
         * @param watch false to reload the policies and the keys file only when asked
         * @return this builder
         */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /**
         * Whether {@code SIGHUP} reloads (default false: a library should not take the process's signals).
         *
         * @param sighup true to reload on {@code SIGHUP}
         * @return this builder
         */
        public Builder reloadOnSighup(boolean sighup) {
            this.sighup = sighup;
            return this;
        }

        /**
         * The decision cache size (default {@value Authorizer#DEFAULT_CACHE_SIZE}; 0 for none).
         *
         * @param size the most decisions to cache
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder cacheSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("cache size must not be negative: " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /**
         * The most request threads of the forward-auth listener (default 64; the admin listener has 16 of its own).
         *
         * @param threads the most threads, at least 4
         * @return this builder
         * @throws IllegalArgumentException if under 4
         */
        public Builder maxThreads(int threads) {
            if (threads < 4) {
                throw new IllegalArgumentException("at least 4 threads: " + threads);
            }
            this.maxThreads = threads;
            return this;
        }

        /**
         * Loads the policies and keys and starts serving.
         *
         * @return the server, serving
         * @throws ConfigurationException when the policies or the keys file do not load (nothing
         *     started), or the address cannot be bound
         */
        public WardenServer start() throws ConfigurationException {
            if (policies.isEmpty()) {
                throw new ConfigurationException("no policy files given");
            }
            if (keys == null && keysFile == null) {
                throw new ConfigurationException("no keys file given");
            }
            PolicySet set = loadInitial(policies);
            AccessKeys k = keys != null ? keys : AccessKeys.load(keysFile);
            // the clock supplies context.time to every request: no client sends it
            Authorizer authorizer = Authorizer.builder().cacheMaximumSize(cacheSize).recordCacheStatistics()
                    .clock(java.time.Clock.systemUTC()).build(set);
            Gate gate = new Gate(authorizer, k);
            // refuses a reload that drops a role or policy a key names; warns of those missing already
            PolicyReloader reloader = new PolicyReloader(policies, authorizer, next -> gate.keys().unknownReferences(next),
                    "access keys");
            KeysReloader keysReloader = keysFile == null ? null : new KeysReloader(keysFile, gate, reloader);
            TlsContext tlsContext = tls == null ? null : new TlsContext(tls);
            GrpcTls grpcTls = tls == null || envoyGrpcPort < 0 ? null : new GrpcTls(tls);
            DecisionLog log = null;
            List<FileWatcher> watchers = new java.util.ArrayList<>();
            WardenServer server = null;
            try {
                if (decisionLogFile != null) {
                    try {
                        log = new DecisionLog(decisionLogFile, decisionLogCapacity);
                    } catch (IOException e) {
                        throw new ConfigurationException("cannot open the decision log `" + decisionLogFile + "`: " + e);
                    }
                }
                if (watch) {
                    try {
                        watchers.add(FileWatcher.watching(reloader));
                    } catch (IOException e) {
                        throw new ConfigurationException("cannot watch the policy files: " + e);
                    }
                    if (keysReloader != null) {
                        watchers.add(watcher(List.of(keysFile), keysReloader::reload, "the keys file"));
                    }
                }
                if (tlsContext != null) {
                    // the files are read once, for Jetty and the gRPC listener alike
                    watchers.add(watcher(tls.files(), grpcTls == null ? tlsContext::reload
                            : () -> tlsContext.reload().ifPresent(grpcTls::reload), "the TLS files"));
                }
                server = new WardenServer(this, gate, reloader, Optional.ofNullable(keysReloader), Optional.ofNullable(log),
                        List.copyOf(watchers), Optional.ofNullable(tlsContext), Optional.ofNullable(grpcTls));
                server.startJetty(this);
                WardenServer started = server;
                reloader.addListener(r -> {
                    if (r.ok()) {
                        LOG.log(Level.INFO, "serving " + started.summary());
                    }
                });
                if (keysReloader != null) {
                    keysReloader.addListener(r -> {
                        if (r.ok()) {
                            LOG.log(Level.INFO, r.message() + "; serving " + started.summary());
                        }
                    });
                }
                for (FileWatcher w : watchers) {
                    w.start();
                }
                if (sighup) {
                    Signals.onHangup(server::reloadAll);
                }
                if (stopOnSignals) {
                    server.signalsBack = Signals.onTerminate(server::close);
                }
                LOG.log(Level.INFO, "warden serving on " + server.uri() + server.adminUri().map(u -> ", admin on " + u).orElse("")
                        + server.envoyGrpcAddress().map(a -> ", envoy grpc on " + a).orElse("")
                        + ": " + server.summary());
                return server;
            } catch (ConfigurationException | RuntimeException e) {
                if (server != null) {
                    server.close();
                } else {
                    for (FileWatcher w : watchers) {
                        closeQuietly(w);
                    }
                    closeQuietly(log);
                }
                throw e;
            }
        }

        /**
         * Loads the policies once, for a start: the set, or a {@link PolicyLoadException} with
         * every diagnostic when they do not load.
         */
        private static PolicySet loadInitial(List<Path> paths) throws PolicyLoadException {
            LoadResult r = PolicyLoader.load(paths);
            if (!r.ok()) {
                throw new PolicyLoadException("the policies did not load:\n" + DiagnosticRenderer.human(r.errors(), r.texts()),
                        r.diagnostics(), r.texts());
            }
            return r.policySet().get();
        }

        /** A watcher of files other than the policies, which runs {@code reload} after they change. */
        private static FileWatcher watcher(List<Path> files, Runnable reload, String what) throws ConfigurationException {
            try {
                return FileWatcher.watching(files, reload);
            } catch (IOException e) {
                throw new ConfigurationException("cannot watch " + what + ": " + e);
            }
        }

        private static void closeQuietly(java.io.Closeable c) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // nothing started: nothing to report
                }
            }
        }
    }
}
