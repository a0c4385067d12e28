package dev.warden.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real NGINX from the system's packages, run unprivileged, with {@code auth_request} asking
 * {@code warden serve} about every request before proxying it to a backend.
 */
final class Nginx extends Gateway {
    private Nginx(ProcessBuilder pb, Path dir, int port) throws IOException, InterruptedException {
        super("nginx", pb, dir, port, List.of("stdout.log", "error.log"));
    }

    /** The nginx binary: on the PATH or where Debian puts it. */
    static Optional<Path> binary() {
        return Gateway.binary("nginx", Path.of("/usr/sbin/nginx"));
    }

    static Nginx start(Path binary, Path dir, int wardenPort, int backendPort) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config("nginx.conf", dir, port, wardenPort, backendPort));
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile());
        return new Nginx(pb, dir, port);
    }
}
