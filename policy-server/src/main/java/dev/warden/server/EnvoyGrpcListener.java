package dev.warden.server;

import dev.warden.gateway.ConfigurationException;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listener of {@link EnvoyGrpcService}: gRPC over HTTP/2 (Netty), on an address of its own,
 * with TLS when the forward-auth listener has it ({@link GrpcTls}: the same files, reloaded
 * alike). Its calls run on {@value #THREADS} threads of their own; a decision never waits on
 * anything but the policies in memory.
 */
final class EnvoyGrpcListener {
    static final int THREADS = 8;
    private final String host;
    private final int port;
    private final Server server;
    private final ExecutorService executor;

    EnvoyGrpcListener(String host, int port, EnvoyGrpcService service, Optional<GrpcTls> tls) {
        this.host = host;
        this.port = port;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "warden-grpc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(THREADS, threads);
        ServerCredentials credentials = tls.map(GrpcTls::credentials).orElse(InsecureServerCredentials.create());
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials)
                .executor(executor)
                .addService(service)
                .build();
    }

    void start() throws ConfigurationException {
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw new ConfigurationException("cannot listen on " + host + ":" + port + " (envoy grpc): " + e.getMessage());
        }
    }

    /** The address bound, as {@code HOST:PORT} ({@code [ADDR]:PORT} for IPv6). */
    String address() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port();
    }

    /** The port bound (the one the system chose for port 0). */
    int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** Stops accepting new calls and connections (open connections are told to go away); the calls in flight run on. */
    void shutdown() {
        server.shutdown();
    }

    /** Waits for the calls in flight until {@code deadline} ({@link System#nanoTime}), then stops; whether none was left. */
    boolean drain(long deadline) {
        boolean drained;
        try {
            drained = server.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        server.shutdownNow();
        executor.shutdownNow();
        return drained;
    }
}
