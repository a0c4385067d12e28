package dev.warden.cli;

import dev.warden.dsl.Diagnostics;
import dev.warden.gateway.ConfigurationException;
import dev.warden.gateway.ForwardAuth;
import dev.warden.gateway.WardenServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warden serve}: the forward-auth and decision service ({@link WardenServer}) until the
 * process is stopped. Once it listens it prints {@code listening on http://ADDR:PORT} on standard
 * output (the port the system chose when {@code --port 0}); policies or keys that do not load are
 * reported on standard error and it exits 2 without listening.
 */
@Command(
        name = "serve",
        description = {
            "Serve decisions over HTTP: forward auth for NGINX auth_request, Envoy ext_authz and Traefik "
                    + "ForwardAuth (/v1/authz), remote decisions (/v1/decide), /healthz, /metrics and /v1/reload.",
            "",
            "The policy files are watched and reloaded when they change; a change that does not load is "
                    + "reported and the running policies keep serving. SIGHUP and POST /v1/reload reload at once.",
            "Prints `listening on http://ADDR:PORT` on standard output once it accepts requests."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policies;

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

    @Option(names = "--decision-log", paramLabel = "FILE",
            description = "append one JSON line per decision to FILE, written off the request path")
    Path decisionLog;

    @Option(names = "--no-watch", description = "do not watch the policy files (reload with SIGHUP or POST /v1/reload)")
    boolean noWatch;

    @Option(names = "--cache-size", paramLabel = "N", defaultValue = "10000",
            description = "decisions to cache; 0 for none (default: ${DEFAULT-VALUE})")
    long cacheSize;

    /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger JETTY = java.util.logging.Logger.getLogger("org.eclipse.jetty");

    /**
     * Without a logging configuration of the user's ({@code -Djava.util.logging.config.file}),
     * one line per record and Jetty's start and stop notices left out; warnings still show.
     */
    private static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
                System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %5$s%6$s%n");
            }
            JETTY.setLevel(java.util.logging.Level.WARNING);
        }
    }

    @Override
    public Integer call() {
        quietLogging();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            err.println("error: --port must be 0 to 65535, not " + port);
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
        WardenServer server;
        try {
            server = WardenServer.builder()
                    .policies(policies.paths)
                    .keysFile(keys)
                    .port(port)
                    .bind(bind)
                    .forwardAuth(gateway.get())
                    .decisionLog(decisionLog)
                    .watch(!noWatch)
                    .reloadOnSighup(true)
                    .cacheSize(cacheSize)
                    .batchCodec(new BatchJson())
                    .start();
        } catch (ConfigurationException e) {
            if (!e.diagnostics().isEmpty()) {
                err.print(policies.errorFormat == Format.JSON
                        ? Diagnostics.renderJson(e.diagnostics())
                        : Diagnostics.render(e.diagnostics()));
            } else {
                err.println("error: " + e.getMessage());
            }
            err.flush();
            return ExitCode.USAGE;
        }
        Thread hook = new Thread(server::close, "warden-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("listening on " + server.uri());
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
