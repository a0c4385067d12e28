package dev.warden.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real Caddy from the system's packages ({@code caddy run --adapter caddyfile}) with its {@code
 * forward_auth} asking {@code warden serve} about every request before proxying it to a backend.
 * It listens on 127.0.0.1 only, without an admin endpoint or automatic HTTPS, and keeps its data
 * under the test's directory.
 */
final class Caddy extends Gateway {
    private Caddy(ProcessBuilder pb, Path dir, int port) throws IOException, InterruptedException {
        super("caddy", pb, dir, port, List.of("caddy.log"));
    }

    /** The caddy binary: on the PATH or where Debian puts it. */
    static Optional<Path> binary() {
        return Gateway.binary("caddy", Path.of("/usr/bin/caddy"));
    }

    static Caddy start(Path binary, Path dir, int wardenPort, int backendPort) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        Path conf = dir.resolve("Caddyfile");
        Files.writeString(conf, config("Caddyfile", dir, port, wardenPort, backendPort));
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "run", "--config", conf.toString(), "--adapter", "caddyfile")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("caddy.log").toFile());
        // no state outside the test's directory
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        return new Caddy(pb, dir, port);
    }
}
