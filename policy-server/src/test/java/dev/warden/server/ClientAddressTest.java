package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditions on {@code context.ip} at forward auth: the address comes only from the header the
 * operator names; a missing or repeated one leaves it unknown, and nothing else a client sends
 * sets a context value.
 */
class ClientAddressTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String POLICY = """
            policy office {
                allow view on /offices/*/desks when context.ip in [10.0.0.0/8, 2001:db8::/32]
                allow view on /offices/*/numbers
                deny view on /offices/*/numbers when context.ip not in 10.0.0.0/8
            }
            """;

    private static int status(URI main, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(main.resolve("/v1/authz")).GET()
                .header("X-Original-Method", "GET").header("X-Original-URI", path)
                .header("Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static Path setUp(Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        Files.writeString(policies.resolve("main.policy"), Files.readString(policies.resolve("main.policy"))
                + POLICY.replace("policy office", "policy office-net"));
        String support = Files.readString(policies.resolve("main.policy"));
        assertThat(support).contains("role support");
        Files.writeString(policies.resolve("main.policy"), support.replaceFirst("role support \\{ policies ", "role support { policies office-net, "));
        return policies;
    }

    @Test
    void theNamedHeader_isTheClientAddress_andAMissingOrRepeatedOneIsUnknown(@TempDir Path dir) throws Exception {
        Path policies = setUp(dir);
        try (WardenServer server = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .clientAddressHeader("X-Original-Remote-Addr").port(0).watch(false).start()) {
            URI main = server.uri();
            String h = "X-Original-Remote-Addr";
            assertThat(status(main, "/offices/o1/desks", h, "10.1.2.3")).isEqualTo(200);
            assertThat(status(main, "/offices/o1/desks", h, "2001:db8::7")).isEqualTo(200);
            assertThat(status(main, "/offices/o1/desks", h, "192.0.2.1")).isEqualTo(403);
            assertThat(status(main, "/offices/o1/desks", h, "localhost")).isEqualTo(403);
            assertThat(status(main, "/offices/o1/desks")).as("missing").isEqualTo(403);
            assertThat(status(main, "/offices/o1/desks", h, "10.1.2.3", h, "10.1.2.4")).as("repeated").isEqualTo(403);
            // the deny applies when its condition is unknown: missing or repeated addresses are denied
            assertThat(status(main, "/offices/o1/numbers", h, "10.1.2.3")).isEqualTo(200);
            assertThat(status(main, "/offices/o1/numbers")).isEqualTo(403);
            assertThat(status(main, "/offices/o1/numbers", h, "10.1.2.3", h, "10.1.2.3")).isEqualTo(403);
            // other headers a client might send set nothing
            assertThat(status(main, "/offices/o1/desks", "X-Forwarded-For", "10.1.2.3", "X-Real-IP", "10.1.2.3",
                    "X-Warden-Context-Ip", "10.1.2.3")).isEqualTo(403);
        }
    }

    @Test
    void withoutAHeaderName_noRequestHasAnAddress(@TempDir Path dir) throws Exception {
        Path policies = setUp(dir);
        try (WardenServer server = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).watch(false).start()) {
            assertThat(status(server.uri(), "/offices/o1/desks", "X-Original-Remote-Addr", "10.1.2.3")).isEqualTo(403);
            assertThat(status(server.uri(), "/offices/o1/numbers", "X-Original-Remote-Addr", "10.1.2.3")).isEqualTo(403);
        }
    }
}
