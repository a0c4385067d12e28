package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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

    /** NGINX sends the client's address in `X-Original-Remote-Addr` (examples/gateway/nginx.conf). */
    @Override
    List<String> modeArguments() {
        List<String> args = new ArrayList<>(super.modeArguments());
        args.addAll(List.of("--client-address-header", "X-Original-Remote-Addr"));
        return args;
    }

    @Test
    void aConditionOnTheClientAddress_decidesBySourceAddress_andNoClientHeaderChangesIt() throws Exception {
        assertThat(sendFrom("127.0.0.2", "GET", "/offices/o1/desks", READER_KEY)).isEqualTo(200);
        assertThat(sendFrom("127.0.0.3", "GET", "/offices/o1/desks", READER_KEY)).isEqualTo(403);
        assertThat(sendFrom("127.0.0.4", "GET", "/offices/o1/desks", READER_KEY)).isEqualTo(403);
        // what a client sends in the address header, or in any other, is overwritten or ignored
        for (String header : List.of("X-Original-Remote-Addr: 127.0.0.2", "X-Forwarded-For: 127.0.0.2", "X-Real-IP: 127.0.0.2")) {
            assertThat(sendFrom("127.0.0.3", "GET", "/offices/o1/desks", READER_KEY, header)).as(header).isEqualTo(403);
        }
        assertThat(sendFrom("127.0.0.2", "GET", "/offices/o1/desks", READER_KEY, "X-Original-Remote-Addr: 127.0.0.4"))
                .isEqualTo(200);
        // the decision cache keys by the address: the same request from another address is decided again
        assertThat(sendFrom("127.0.0.3", "GET", "/offices/o1/desks", READER_KEY)).isEqualTo(403);
        assertThat(sendFrom("127.0.0.2", "GET", "/offices/o1/desks", READER_KEY)).isEqualTo(200);
    }

    @Override
    Gateway startGateway(Path binary, Path dir, int wardenPort, int backendPort) throws Exception {
        return Nginx.start(binary, dir, wardenPort, backendPort);
    }
}
