package dev.warden.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A real NGINX ({@code auth_request}, examples/gateway/nginx.conf) in front of a small backend,
 * asking {@code warden serve --forward-auth nginx} about every request. {@code .ci/run} installs
 * NGINX from Debian's packages when it is missing; without it this test is skipped, and says so
 * loudly. The checks are those of {@link GatewayEndToEnd}.
 */
class NginxEndToEndTest extends GatewayEndToEnd {
    @Override
    String name() {
        return "NGINX";
    }

    @Override
    String debianPackage() {
        return "nginx";
    }

    @Override
    Optional<Path> binary() {
        return Nginx.binary();
    }

    @Override
    String forwardAuthMode() {
        return "nginx";
    }

    @Override
    Gateway startGateway(Path binary, Path dir, int wardenPort, int backendPort) throws Exception {
        return Nginx.start(binary, dir, wardenPort, backendPort);
    }
}
