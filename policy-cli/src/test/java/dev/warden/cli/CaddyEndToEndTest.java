package dev.warden.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A real Caddy ({@code forward_auth}, examples/gateway/Caddyfile) in front of a small backend,
 * asking {@code warden serve --forward-auth caddy} about every request. {@code .ci/run} installs
 * Caddy from Debian's packages when it is missing; without it this test is skipped, and says so
 * loudly. The checks are those of {@link GatewayEndToEnd}.
 */
class CaddyEndToEndTest extends GatewayEndToEnd {
    @Override
    String name() {
        return "Caddy";
    }

    @Override
    String debianPackage() {
        return "caddy";
    }

    @Override
    Optional<Path> binary() {
        return Caddy.binary();
    }

    @Override
    String forwardAuthMode() {
        return "caddy";
    }

    @Override
    Gateway startGateway(Path binary, Path dir, int wardenPort, int backendPort) throws Exception {
        return Caddy.start(binary, dir, wardenPort, backendPort);
    }
}
