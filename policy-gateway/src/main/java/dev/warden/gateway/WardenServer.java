package dev.warden.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.PolicySet;
import dev.warden.dsl.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code warden serve}: Warden as an HTTP service on Jetty 12, for gateways (forward auth) and
 * for services (remote decisions).
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
 *       X-Warden-Key-Id} on an allow.
 *   <li>{@code /v1/authz/envoy/...} (any method, {@link ForwardAuth#ENVOY} mode only, where plain
 *       {@code /v1/authz} is 400): forward auth for Envoy's {@code ext_authz} HTTP service, which
 *       sends the original method and appends the original path and query to its {@code
 *       path_prefix}: the method and the rest of the path are the original request's.
 *   <li>{@code POST /v1/decide}: one request in the batch format, one decision back (when a
 *       {@link BatchCodec} is set; {@code warden serve} sets it).
 *   <li>{@code POST /v1/reload}: reload the policies now; 200 with the new version, or 422 with the
 *       diagnostics while the old set keeps serving.
 *   <li>{@code GET /healthz}, {@code GET /metrics} (Prometheus text format).
 * </ul>
 *
 * <pre>{@code
 * try (WardenServer server = WardenServer.builder()
 *         .policies(List.of(Path.of("policies"))).keysFile(Path.of("keys.json")).port(0).start()) {
 *     int port = server.port();   // the port bound, here chosen by the system
 *     ...
 * }
 * }</pre>
 */
public final class WardenServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    /** The port {@code warden serve} listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8400;
    /** The address it binds unless told otherwise: this host only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    static final String ENVOY_PREFIX = "/v1/authz/envoy";
    static final int MAX_BODY = 1 << 20;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Server jetty;
    private final ServerConnector connector;
    private final Gate gate;
    private final PolicyReloader reloader;
    private final GatewayMetrics metrics;
    private final DecisionLog decisionLog;
    private final PolicyWatcher watcher;
    private final BatchCodec codec;
    private final ForwardAuth forwardAuth;

    private WardenServer(Builder b, Gate gate, PolicyReloader reloader, DecisionLog decisionLog,
            PolicyWatcher watcher) {
        this.gate = gate;
        this.reloader = reloader;
        this.decisionLog = decisionLog;
        this.watcher = watcher;
        this.codec = b.codec;
        this.forwardAuth = b.forwardAuth;
        this.metrics = new GatewayMetrics(reloader, decisionLog);
        QueuedThreadPool threads = new QueuedThreadPool(b.maxThreads, Math.min(8, b.maxThreads));
        threads.setName("warden-http");
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(b.bind);
        connector.setPort(b.port);
        jetty.addConnector(connector);
        jetty.setHandler(new Endpoints());
        // no graceful phase: it would wait for idle keep-alive connections of the proxy in front
        jetty.setStopTimeout(0);
        threads.setStopTimeout(500);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port bound (the one chosen by the system when the builder asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://ADDR:PORT}, the base of every endpoint. */
    public URI uri() {
        String host = connector.getHost();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The reloader: {@code reloader().reload()} is what {@code POST /v1/reload} and {@code SIGHUP} do. */
    public PolicyReloader reloader() {
        return reloader;
    }

    /** The gate every forward-auth request goes through. */
    public Gate gate() {
        return gate;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops serving, stops watching, and writes out the decision log. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "stopping the HTTP server failed: " + e);
        }
        try {
            if (watcher != null) {
                watcher.close();
            }
            if (decisionLog != null) {
                decisionLog.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Every endpoint; a blocking handler (bodies are small and read whole). */
    private final class Endpoints extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getPath();
            String method = request.getMethod();
            if (path == null) {
                path = "";
            }
            if (path.equals("/v1/authz")) {
                forwardAuth(request, response, callback);
            } else if (forwardAuth == ForwardAuth.ENVOY && (path.startsWith(ENVOY_PREFIX + "/") || path.equals(ENVOY_PREFIX))) {
                envoy(request, response, callback);
            } else if (path.equals("/v1/decide")) {
                if (!method.equals("POST")) {
                    methodNotAllowed(response, callback, "POST");
                } else {
                    decide(request, response, callback);
                }
            } else if (path.equals("/v1/reload")) {
                if (!method.equals("POST")) {
                    methodNotAllowed(response, callback, "POST");
                } else {
                    reload(response, callback);
                }
            } else if (path.equals("/healthz")) {
                text(response, callback, 200, "application/json",
                        "{\"status\": \"ok\", \"policy_set_version\": " + reloader.version() + "}\n");
            } else if (path.equals("/metrics")) {
                text(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } else {
                text(response, callback, 404, "text/plain; charset=utf-8", "not found\n");
            }
            return true;
        }
    }

    private void forwardAuth(Request request, Response response, Callback callback) {
        OriginalRequest original = OriginalRequest.fromHeaders(forwardAuth, request.getHeaders());
        if (!original.ok()) {
            refuse(original, response, callback);
            return;
        }
        authorize(original.method(), original.target(), request, response, callback);
    }

    private void envoy(Request request, Response response, Callback callback) {
        String rest = request.getHttpURI().getPath().substring(ENVOY_PREFIX.length());
        String query = request.getHttpURI().getQuery();
        String target = query == null ? rest : rest + "?" + query;
        OriginalRequest original = OriginalRequest.envoy(request.getHeaders(), request.getMethod(), target);
        if (!original.ok()) {
            refuse(original, response, callback);
            return;
        }
        authorize(original.method(), original.target(), request, response, callback);
    }

    /** A forward-auth request whose original request cannot be read unambiguously: 400, a deny. */
    private void refuse(OriginalRequest original, Response response, Callback callback) {
        long start = System.nanoTime();
        Decision d = Decision.deny(dev.warden.core.Reason.MALFORMED_REQUEST, original.problem());
        Verdict v = new Verdict(400, d.reason().code(), original.problem(), "", "", "", Optional.of(d));
        answer(v, original.method(), start, response, callback);
    }

    private void authorize(String method, String target, Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        Verdict v = gate.check(method, target, request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION));
        answer(v, method, start, response, callback);
    }

    private void answer(Verdict v, String method, long start, Response response, Callback callback) {
        metrics.record(v, System.nanoTime() - start);
        log(v.keyId(), method, v.action(), v.path(), v.status(), v.decisionWord(), v.reason(), v.matchedPolicies());
        response.setStatus(v.status());
        var out = response.getHeaders();
        out.put("X-Warden-Decision", v.decisionWord());
        out.put("X-Warden-Reason", v.reason());
        if (v.allowed()) {
            out.put("X-Warden-Key-Id", v.keyId());
        }
        if (v.status() == 401) {
            out.put(HttpHeader.WWW_AUTHENTICATE, Gate.SCHEME);
        }
        out.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        String detail = v.status() == 400 && !v.detail().isEmpty() ? ": " + v.detail() : "";
        Content.Sink.write(response, true, v.decisionWord() + " " + v.reason() + detail + "\n", callback);
    }

    private void log(String keyId, String method, String action, String path, int status, String decision,
            String reason, List<String> policies) {
        if (decisionLog != null) {
            decisionLog.offer(new DecisionLog.Entry(System.currentTimeMillis(), keyId, method, action, path, status,
                    decision, reason, policies, reloader.version()));
        }
    }

    private void decide(Request request, Response response, Callback callback) throws IOException {
        if (codec == null) {
            text(response, callback, 404, "text/plain; charset=utf-8", "/v1/decide is not enabled on this server\n");
            return;
        }
        long start = System.nanoTime();
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            text(response, callback, 413, "text/plain; charset=utf-8", "a request must be at most 1 MiB\n");
            return;
        }
        String line = new String(body, StandardCharsets.UTF_8);
        if (line.endsWith("\n")) {
            line = line.substring(0, line.length() - (line.endsWith("\r\n") ? 2 : 1));
        }
        BatchCodec.Decided decided = codec.decide(gate.authorizer(), line);
        Decision d = decided.decision();
        int status = d.reason() == dev.warden.core.Reason.INVALID_REQUEST ? 400 : 200;
        Verdict v = new Verdict(HttpMapping.status(d), d.reason().code(), d.detail(),
                decided.principalId(), decided.action(), decided.path(), Optional.of(d));
        metrics.record(v, System.nanoTime() - start);
        log(decided.principalId(), decided.method(), decided.action(), withoutQuery(decided.path()), status, v.decisionWord(),
                v.reason(), v.matchedPolicies());
        text(response, callback, status, "application/json", decided.json() + "\n");
    }

    private void reload(Response response, Callback callback) throws IOException {
        ReloadResult r = reloader.reload();
        StringWriter s = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(s)) {
            json.writeStartObject();
            json.writeStringField("outcome", r.ok() ? "reloaded" : "failed");
            json.writeNumberField("policy_set_version", r.version());
            json.writeStringField("message", r.message());
            json.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : r.diagnostics()) {
                json.writeStartObject();
                json.writeStringField("severity", d.severity().word());
                json.writeStringField("code", d.code());
                json.writeStringField("location", d.location().toString());
                json.writeStringField("message", d.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        text(response, callback, r.ok() ? 200 : 422, "application/json", s + "\n");
    }

    /** A path as written, without its query or fragment: those may carry secrets and never reach the log. */
    private static String withoutQuery(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                return path.substring(0, i);
            }
        }
        return path;
    }

    private static void methodNotAllowed(Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        text(response, callback, 405, "text/plain; charset=utf-8", "method not allowed: use " + allowed + "\n");
    }

    private static void text(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        Content.Sink.write(response, true, body, callback);
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
        private BatchCodec codec;
        private ForwardAuth forwardAuth = ForwardAuth.NGINX;

        private Builder() {}

        /**
         * The gateway in front, which fixes where {@code /v1/authz} reads the original request
         * ({@link ForwardAuth}); {@link ForwardAuth#NGINX} unless set. In {@link ForwardAuth#ENVOY}
         * mode forward auth is only under {@code /v1/authz/envoy/}; in the others that prefix is 404.
         */
        public Builder forwardAuth(ForwardAuth mode) {
            this.forwardAuth = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The policy files and directories (required); they are reloaded from the same paths. */
        public Builder policies(List<Path> paths) {
            this.policies = List.copyOf(paths);
            return this;
        }

        /** The keys file (see {@link AccessKeys}). */
        public Builder keysFile(Path file) {
            this.keysFile = Objects.requireNonNull(file, "file");
            this.keys = null;
            return this;
        }

        /** Keys already read, instead of a keys file. */
        public Builder keys(AccessKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            this.keysFile = null;
            return this;
        }

        /** The address to bind; {@value WardenServer#DEFAULT_BIND} unless set. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port; 0 lets the system choose one ({@link WardenServer#port} tells which). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Appends a JSON Lines decision log to this file (off the request path; see {@link DecisionLog}). */
        public Builder decisionLog(Path file) {
            this.decisionLogFile = file;
            return this;
        }

        Builder decisionLogCapacity(int capacity) {
            this.decisionLogCapacity = capacity;
            return this;
        }

        /** Whether to reload when the policy files change (default true). */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /** Whether {@code SIGHUP} reloads (default false: a library should not take the process's signals). */
        public Builder reloadOnSighup(boolean sighup) {
            this.sighup = sighup;
            return this;
        }

        /** The decision cache size (default {@value Authorizer#DEFAULT_CACHE_SIZE}; 0 for none). */
        public Builder cacheSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("cache size must not be negative: " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /** The most request threads (default 64). */
        public Builder maxThreads(int threads) {
            if (threads < 4) {
                throw new IllegalArgumentException("at least 4 threads: " + threads);
            }
            this.maxThreads = threads;
            return this;
        }

        /** Enables {@code POST /v1/decide} with this reader and writer of the batch format. */
        public Builder batchCodec(BatchCodec codec) {
            this.codec = codec;
            return this;
        }

        /**
         * Loads the policies and keys and starts serving.
         *
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
            PolicySet set = PolicyReloader.loadInitial(policies);
            AccessKeys k = keys != null ? keys : AccessKeys.load(keysFile);
            Authorizer authorizer = Authorizer.builder().cacheMaximumSize(cacheSize).recordCacheStatistics().build(set);
            PolicyReloader reloader = new PolicyReloader(policies, authorizer);
            DecisionLog log = null;
            PolicyWatcher watcher = null;
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
                        watcher = new PolicyWatcher(policies, reloader::reload);
                    } catch (IOException e) {
                        throw new ConfigurationException("cannot watch the policy files: " + e);
                    }
                }
                server = new WardenServer(this, new Gate(authorizer, k), reloader, log, watcher);
                try {
                    server.jetty.start();
                } catch (Exception e) {
                    throw new ConfigurationException("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
                }
                if (watcher != null) {
                    watcher.start();
                }
                if (sighup) {
                    Signals.onHangup(reloader::reload);
                }
                LOG.log(Level.INFO, "warden serving on " + server.uri() + " with " + k.size() + " access key(s)");
                return server;
            } catch (ConfigurationException | RuntimeException e) {
                if (server != null) {
                    server.close();
                } else {
                    closeQuietly(watcher);
                    closeQuietly(log);
                }
                throw e;
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
