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
import org.junit.jupiter.api.Assumptions;

/**
 * A real gateway (NGINX, Caddy) run by a test as a foreground process in a directory of the
 * test's, in front of a {@link Backend}, asking {@code warden serve}; everything on 127.0.0.1.
 */
abstract class Gateway implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path dir;
    private final int port;
    private final List<String> logFiles;

    /** Waits until the started process listens on {@code port}; fails with its logs if it exits first. */
    Gateway(String name, ProcessBuilder started, Path dir, int port, List<String> logFiles)
            throws IOException, InterruptedException {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.logFiles = List.copyOf(logFiles);
        this.process = started.start();
        awaitListening();
    }

    /** A binary on the PATH, or at the place Debian's package puts it. */
    static Optional<Path> binary(String name, Path debian) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }

    /**
     * {@code binary}, or the calling test is skipped, with a loud message on standard error that
     * names the Debian package bringing the gateway.
     *
     * @param test what is skipped, e.g. {@code end-to-end}
     */
    static Path installedOrSkip(String name, String debianPackage, String test, Optional<Path> binary) {
        if (binary.isEmpty()) {
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            String msg = "\n\n*** " + upper + " IS NOT INSTALLED: the " + name + " " + test + " test is SKIPPED. ***\n"
                    + "*** .ci/run installs it with `apt-get install -y " + debianPackage + "`; install it to run this test. ***\n\n";
            System.err.println(msg);
            Assumptions.abort(msg);
        }
        return binary.get();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A configuration from examples/gateway, the one docs/gateways.md shows, with this test's ports and directories. */
    static String config(String example, Path dir, int port, int wardenPort, int backendPort) throws IOException {
        return Files.readString(Path.of("..", "examples", "gateway", example))
                .replace("@PREFIX@", dir.toString())
                .replace("@PORT@", String.valueOf(port))
                .replace("@WARDEN_PORT@", String.valueOf(wardenPort))
                .replace("@BACKEND@", "127.0.0.1:" + backendPort);
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + logs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException(name + " did not listen on " + port + ": " + logs());
    }

    /** The port it listens on, on 127.0.0.1. */
    int port() {
        return port;
    }

    /** Its logs, for a failure message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (String f : logFiles) {
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
