package dev.warden.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real NGINX from the system's packages, run as an unprivileged foreground process in a
 * directory of the test's, with {@code auth_request} asking {@code warden serve} about every
 * request before proxying it to a backend. Everything listens on 127.0.0.1.
 */
final class Nginx implements Gateway {
    private final Process process;
    private final Path dir;
    final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** The nginx binary: on the PATH or where Debian puts it. */
    static Optional<Path> binary() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, "nginx");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path debian = Path.of("/usr/sbin/nginx");
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** examples/gateway/nginx.conf, the configuration docs/gateways.md shows, with this test's ports and directories. */
    static String config(Path dir, int port, int wardenPort, int backendPort) throws IOException {
        return Files.readString(Path.of("..", "examples", "gateway", "nginx.conf"))
                .replace("@PREFIX@", dir.toString())
                .replace("@PORT@", String.valueOf(port))
                .replace("@WARDEN_PORT@", String.valueOf(wardenPort))
                .replace("@BACKEND@", "127.0.0.1:" + backendPort);
    }

    static Nginx start(Path binary, Path dir, int wardenPort, int backendPort) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port, wardenPort, backendPort));
        Process p = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Nginx n = new Nginx(p, dir, port);
        n.awaitListening();
        return n;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": " + logs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nginx did not listen on " + port + ": " + logs());
    }

    @Override
    public String logs() {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("stdout.log", "error.log")) {
            try {
                b.append(f).append(": ").append(Files.readString(dir.resolve(f))).append('\n');
            } catch (IOException e) {
                // not written
            }
        }
        return b.toString();
    }

    /**
     * Sends one request with the target exactly as given (no client-side normalisation or
     * encoding) and returns the status code.
     */
    static int send(int port, String method, String target, String authorization) throws IOException {
        return RawHttp.send(port, method, target,
                authorization == null ? List.of() : List.of("Authorization: " + authorization)).status();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
