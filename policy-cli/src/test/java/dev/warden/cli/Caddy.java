package dev.warden.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Caddy from the system's packages ({@code caddy run --adapter caddyfile}), run as a
 * foreground process in a directory of the test's with its {@code forward_auth} asking {@code
 * warden serve} about every request before proxying it to a backend. It listens on 127.0.0.1 only,
 * without an admin endpoint or automatic HTTPS, and keeps its data under the test's directory.
 */
final class Caddy implements Gateway {
    private final Process process;
    private final Path dir;
    private final int port;

    private Caddy(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** The caddy binary: on the PATH or where Debian puts it. */
    static Optional<Path> binary() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, "caddy");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path debian = Path.of("/usr/bin/caddy");
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }

    /** examples/gateway/Caddyfile, the configuration docs/gateways.md shows, with this test's ports and directories. */
    static String config(Path dir, int port, int wardenPort, int backendPort) throws IOException {
        return Files.readString(Path.of("..", "examples", "gateway", "Caddyfile"))
                .replace("@PREFIX@", dir.toString())
                .replace("@PORT@", String.valueOf(port))
                .replace("@WARDEN_PORT@", String.valueOf(wardenPort))
                .replace("@BACKEND@", "127.0.0.1:" + backendPort);
    }

    static Caddy start(Path binary, Path dir, int wardenPort, int backendPort) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = Nginx.freePort();
        Path conf = dir.resolve("Caddyfile");
        Files.writeString(conf, config(dir, port, wardenPort, backendPort));
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "run", "--config", conf.toString(), "--adapter", "caddyfile")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("caddy.log").toFile());
        // no state outside the test's directory
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Caddy c = new Caddy(pb.start(), dir, port);
        c.awaitListening();
        return c;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("caddy exited with " + process.exitValue() + ": " + logs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("caddy did not listen on " + port + ": " + logs());
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String logs() {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("caddy.log")) {
            try {
                b.append(f).append(": ").append(Files.readString(dir.resolve(f))).append('\n');
            } catch (IOException e) {
                // not written
            }
        }
        return b.toString();
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
