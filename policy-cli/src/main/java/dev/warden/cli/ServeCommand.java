package dev.warden.cli;

import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.gateway.ConfigurationException;
import dev.warden.server.ForwardAuth;
import dev.warden.server.Tls;
import dev.warden.server.WardenServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden serve}: the forward-auth and decision service ({@link WardenServer}) until the
 * process is stopped. Once it listens it prints {@code listening on http://ADDR:PORT} on standard
 * output (the port the system chose when {@code --port 0}), then {@code admin listening on
 * http://ADDR:PORT} when {@code --admin-port} is given, then {@code envoy grpc listening on ADDR:PORT}
 * when {@code --envoy-grpc-port} is given; policies or keys that do not load are
 * reported on standard error and it exits 2 without listening. A keys file or policy path that any
 * user may write to is warned of on standard error ({@link FilePermissions}), not refused. {@code
 * SIGTERM} or {@code SIGINT} stops it gracefully ({@code --drain-time}) and it exits 0.
 */
@Command(
        name = "serve",
        description = {
            "Serve decisions over HTTP: forward auth for NGINX auth_request, Traefik ForwardAuth, Caddy "
                    + "forward_auth and Envoy ext_authz (/v1/authz, /healthz); with --admin-port, on a listener "
                    + "of its own, remote decisions (/v1/decide), /metrics and /v1/reload.",
            "",
            "The policy files and the keys file are watched and reloaded when they change; a change that does "
                    + "not load is reported and the running policies and keys keep serving. SIGHUP and POST /v1/reload "
                    + "reload at once. /readyz is the readiness probe, /healthz the liveness probe.",
            "Prints `listening on http://ADDR:PORT` on standard output once it accepts requests, and "
                    + "`admin listening on http://ADDR:PORT` with --admin-port.",
            "SIGTERM or SIGINT stops accepting, lets the requests in flight finish (--drain-time) and exits 0."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policies;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = PolicyOptions.PATHS + "; or --policies")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-k", "--keys"}, required = true, paramLabel = "FILE",
            description = "the access keys file: ids, SHA-256 hashes, roles, policies, attributes (see `warden keys hash`)")
    Path keys;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + WardenServer.DEFAULT_PORT,
            description = "the port to listen on; 0 lets the system choose (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = WardenServer.DEFAULT_BIND,
            description = "the address to listen on (default: ${DEFAULT-VALUE}, this host only)")
    String bind;

    @Option(names = "--forward-auth", paramLabel = "GATEWAY", defaultValue = "nginx",
            description = "the gateway in front: nginx (X-Original-Method, X-Original-URI), traefik or caddy "
                    + "(X-Forwarded-Method, X-Forwarded-Uri), envoy (the request under /v1/authz/envoy/); "
                    + "any other original-request header is refused (default: ${DEFAULT-VALUE})")
    String forwardAuth;

    @Option(names = "--client-address-header", paramLabel = "NAME",
            description = "the header in which the gateway sends the client's address, read by conditions as "
                    + "context.ip (NGINX: X-Original-Remote-Addr); only the gateway may set it")
    String clientAddressHeader;

    @Option(names = "--forward-auth-body",
            description = "answer forward auth with the body `<decision> <reason>` too, for debugging (default: "
                    + "status and X-Warden-* headers only, Content-Length: 0, so the gateway keeps its connection)")
    boolean forwardAuthBody;

    @Option(names = "--envoy-grpc-port", paramLabel = "N",
            description = "serve Envoy's ext_authz gRPC service (envoy.service.auth.v3.Authorization) on this port too, "
                    + "deciding as /v1/authz/envoy/ does, over TLS with --tls-cert or --tls-keystore; 0 lets the system "
                    + "choose (default: none)")
    Integer envoyGrpcPort;

    @Option(names = "--envoy-grpc-bind", paramLabel = "ADDR", defaultValue = WardenServer.DEFAULT_BIND,
            description = "the address of the Envoy gRPC listener (default: ${DEFAULT-VALUE})")
    String envoyGrpcBind;

    @Option(names = "--admin-port", paramLabel = "N",
            description = "serve /v1/decide, /v1/reload and /metrics (and /healthz) on this port, with threads of "
                    + "their own; 0 lets the system choose (default: none, no admin endpoints)")
    Integer adminPort;

    @Option(names = "--admin-bind", paramLabel = "ADDR", defaultValue = WardenServer.DEFAULT_BIND,
            description = "the address of the admin listener (default: ${DEFAULT-VALUE})")
    String adminBind;

    @Option(names = "--admin-host", paramLabel = "NAME",
            description = "a further name the admin listener answers for in the Host header; it always answers "
                    + "for its address, localhost, 127.0.0.1 and [::1], and refuses any other (421); repeat for more")
    List<String> adminHosts = new ArrayList<>();

    @Option(names = "--decision-log", paramLabel = "FILE",
            description = "append one JSON line per decision to FILE, written off the request path")
    Path decisionLog;

    @Option(names = "--log-decide", description = "put /v1/decide decisions in the decision log too (\"source\": \"decide\")")
    boolean logDecide;

    @Option(names = "--no-watch", description = "do not watch the policy files and the keys file (reload with SIGHUP or POST /v1/reload)")
    boolean noWatch;

    @Option(names = "--cache-size", paramLabel = "N", defaultValue = "10000",
            description = "decisions to cache; 0 for none (default: ${DEFAULT-VALUE})")
    long cacheSize;

    @Option(names = "--drain-time", paramLabel = "DURATION", defaultValue = "10s", converter = DurationOption.class,
            description = "on SIGTERM or SIGINT, stop accepting and let the requests in flight finish for at most this "
                    + "long (500ms, 10s, 2m; 0 stops at once), then exit 0 (default: ${DEFAULT-VALUE})")
    Duration drainTime;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "serve the forward-auth listener over TLS (1.2 and 1.3) with this PEM certificate chain; "
                    + "with --tls-key; reloaded when it changes")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key (PKCS#8, unencrypted) of --tls-cert")
    Path tlsKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "instead of --tls-cert and --tls-key: a PKCS#12 key store; reloaded when it changes")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
            description = "the file holding the password of --tls-keystore (one line)")
    Path tlsKeystorePasswordFile;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD",
            description = "the password of --tls-keystore itself: meant for WARDEN_TLS_KEYSTORE_PASSWORD (from a "
                    + "secret), not the command line, where every user sees it")
    String tlsKeystorePassword;

    @Option(names = "--tls-client-ca", paramLabel = "FILE",
            description = "require a client certificate that chains to these PEM certificates (mutual TLS with the gateway)")
    Path tlsClientCa;

    private static final System.Logger LOG = System.getLogger("dev.warden.cli");

    /** The TLS options as one {@link Tls}, or empty without TLS; an IllegalArgumentException for a bad combination. */
    private Optional<Tls> tls() {
        boolean pem = tlsCert != null || tlsKey != null;
        if (pem && tlsKeystore != null) {
            throw new IllegalArgumentException("--tls-keystore and --tls-cert/--tls-key exclude each other");
        }
        if (pem && (tlsCert == null || tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if ((tlsKeystorePasswordFile != null || tlsKeystorePassword != null) && tlsKeystore == null) {
            throw new IllegalArgumentException("--tls-keystore-password-file needs --tls-keystore");
        }
        if (tlsKeystorePasswordFile != null && tlsKeystorePassword != null) {
            throw new IllegalArgumentException("--tls-keystore-password and --tls-keystore-password-file exclude each other");
        }
        if (tlsKeystore != null && tlsKeystorePasswordFile == null && tlsKeystorePassword == null) {
            throw new IllegalArgumentException("--tls-keystore needs --tls-keystore-password-file");
        }
        if (tlsClientCa != null && !pem && tlsKeystore == null) {
            throw new IllegalArgumentException("--tls-client-ca needs --tls-cert and --tls-key, or --tls-keystore");
        }
        Tls tls;
        if (pem) {
            tls = Tls.pem(tlsCert, tlsKey);
        } else if (tlsKeystore != null) {
            String password = tlsKeystorePassword;
            try {
                if (password == null) {
                    password = Files.readString(tlsKeystorePasswordFile).lines().findFirst().orElse("");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --tls-keystore-password-file `" + tlsKeystorePasswordFile
                        + "`: " + e.getMessage());
            }
            tls = Tls.pkcs12(tlsKeystore, password);
        } else {
            return Optional.empty();
        }
        return Optional.of(tlsClientCa == null ? tls : tls.withClientCa(tlsClientCa));
    }

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "the log on standard error: text (one line per record) or json (one JSON object per line) "
                    + "(default: ${DEFAULT-VALUE})")
    ServeLogging.LogFormat logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "the least level logged: error, warn, info or debug (default: ${DEFAULT-VALUE})")
    ServeLogging.LogLevel logLevel;

    @Option(names = "--config", paramLabel = "FILE",
            description = "read settings from this YAML file (`port: 8400`, `policies: [a, b]`; see docs/cli.md); a flag "
                    + "wins over a WARDEN_* environment variable, which wins over the file")
    Path config;

    @Option(names = "--print-config", description = "print the effective settings as YAML (secrets as ***) and exit")
    boolean printConfig;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // PATH arguments are policies like --policies' (and --print-config shows them as such)
        policies.paths.addAll(paths);
        paths.clear();
        if (printConfig) {
            out.print(ServeSettings.print(spec));
            out.flush();
            return ExitCode.OK;
        }
        ServeLogging.configure(logFormat, logLevel);
        if (port < 0 || port > 65535) {
            err.println("error: --port must be 0 to 65535, not " + port);
            return ExitCode.USAGE;
        }
        if (adminPort != null && (adminPort < 0 || adminPort > 65535)) {
            err.println("error: --admin-port must be 0 to 65535, not " + adminPort);
            return ExitCode.USAGE;
        }
        if (envoyGrpcPort != null && (envoyGrpcPort < 0 || envoyGrpcPort > 65535)) {
            err.println("error: --envoy-grpc-port must be 0 to 65535, not " + envoyGrpcPort);
            return ExitCode.USAGE;
        }
        if (cacheSize < 0) {
            err.println("error: --cache-size must not be negative");
            return ExitCode.USAGE;
        }
        Optional<ForwardAuth> gateway = ForwardAuth.of(forwardAuth);
        if (gateway.isEmpty()) {
            err.println("error: --forward-auth must be nginx, traefik, caddy or envoy, not `" + forwardAuth + "`");
            return ExitCode.USAGE;
        }
        Optional<Tls> tls;
        try {
            tls = tls();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        List<Path> policyPaths = policies.all(spec.commandLine(), paths);
        List<Path> trusted = new ArrayList<>(policyPaths);
        trusted.add(0, keys);
        for (Path p : FilePermissions.worldWritable(trusted)) {
            LOG.log(System.Logger.Level.WARNING, FilePermissions.warning(p));
        }
        if (decisionLog != null && !decisionLog.toString().equals("-")) {
            try {
                OutputFiles.createParents(decisionLog);
            } catch (IOException e) {
                err.println("error: cannot write `" + decisionLog + "`: " + EvalCommand.describe(e));
                return ExitCode.USAGE;
            }
        }
        WardenServer server;
        try {
            WardenServer.Builder builder = WardenServer.builder();
            if (adminPort != null) {
                try {
                    builder.adminPort(adminPort).adminBind(adminBind).adminHosts(adminHosts);
                } catch (IllegalArgumentException e) {
                    err.println("error: --admin-host takes " + e.getMessage());
                    return ExitCode.USAGE;
                }
            }
            if (clientAddressHeader != null) {
                if (clientAddressHeader.isBlank()) {
                    err.println("error: --client-address-header needs a header name");
                    return ExitCode.USAGE;
                }
                builder.clientAddressHeader(clientAddressHeader);
            }
            if (envoyGrpcPort != null) {
                builder.envoyGrpcPort(envoyGrpcPort).envoyGrpcBind(envoyGrpcBind);
            }
            tls.ifPresent(builder::tls);
            server = builder
                    .policies(policyPaths)
                    .keysFile(keys)
                    .port(port)
                    .bind(bind)
                    .forwardAuth(gateway.get())
                    .forwardAuthBody(forwardAuthBody)
                    .decisionLog(decisionLog)
                    .logDecideRequests(logDecide)
                    .watch(!noWatch)
                    .reloadOnSighup(true)
                    .stopOnSignals(true)
                    .drainTime(drainTime)
                    .version(Version.version())
                    .cacheSize(cacheSize)
                    .start();
        } catch (ConfigurationException e) {
            // policies that did not load, a keys file with errors: the diagnostics (at least one
            // error); anything else (a port in use, say) is one line
            if (e.diagnostics().isEmpty()) {
                err.println("error: " + e.getMessage());
            } else {
                err.print(policies.errorFormat == Format.JSON
                        ? DiagnosticRenderer.json(e.diagnostics())
                        : DiagnosticRenderer.human(e.diagnostics(), e.texts()));
            }
            err.flush();
            return ExitCode.USAGE;
        }
        Thread hook = new Thread(server::close, "warden-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("listening on " + server.uri());
        server.adminUri().ifPresent(u -> out.println("admin listening on " + u));
        server.envoyGrpcAddress().ifPresent(a -> out.println("envoy grpc listening on " + a));
        out.flush();
        try {
            server.join();
        } catch (InterruptedException e) {
            // stopped by the caller (tests run serve on a thread and interrupt it)
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the server
            }
        }
        return ExitCode.OK;
    }
}
