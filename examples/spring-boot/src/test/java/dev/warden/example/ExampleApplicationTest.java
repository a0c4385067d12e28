package dev.warden.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The example as it runs: started on a random port, asked over loopback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)));
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theExample_protectsItsEndpoints() throws Exception {
        assertThat(get("/workspaces/w1/channels", "alice").body()).isEqualTo("channels of w1\n");
        assertThat(get("/workspaces/w1/channels", null).statusCode()).isEqualTo(401);
        assertThat(get("/workspaces/w1/billing/invoices", "root").statusCode()).as("explicit_deny").isEqualTo(403);
        assertThat(get("/workspaces/w1/other", "alice").statusCode()).as("no_match").isEqualTo(403);
        assertThat(get("/workspaces/w1/channels/%2e%2e", "alice").statusCode()).as("malformed").isEqualTo(400);
    }

    @Test
    void methodSecurity_decidesTheServiceCall() throws Exception {
        assertThat(get("/workspaces/w1/channels/c1/rename-to/general", "root").body())
                .isEqualTo("channel c1 of w1 is now general\n");
        assertThat(get("/workspaces/w1/channels/c1/rename-to/general", "alice").statusCode()).isEqualTo(403);
    }

    @Test
    void health_showsThePolicySet() throws Exception {
        HttpResponse<String> health = get("/actuator/health", "root");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"warden\":{\"status\":\"UP\"").contains("\"version\":1");
    }
}
