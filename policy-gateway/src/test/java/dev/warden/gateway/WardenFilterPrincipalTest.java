package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Authorizer;
import dev.warden.core.Principal;
import dev.warden.dsl.PolicyLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter for an application that authenticates requests itself: the principal from a {@link
 * WardenFilter.PrincipalSource} (here the {@code X-Test-User} header, standing for a session), and
 * excluded probe paths, inside a real servlet container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WardenFilterPrincipalTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    FilteredServlet app;
    int port;
    /** How many times the filter asked the principal source. */
    final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        Authorizer authorizer = Authorizer.of(PolicyLoader.loadTexts(Map.of("main.policy", Fixtures.POLICIES)).orElseThrow());
        WardenFilter filter = WardenFilter.builder(authorizer, request -> {
                    asked.incrementAndGet();
                    return Optional.ofNullable(request.getHeader("X-Test-User"))
                            .map(user -> Principal.builder(user).role("support").build());
                })
                .exclude("/healthz", "/error", "/actuator/health/**")
                .build();
        app = FilteredServlet.start(new FilterHolder(filter), "/*");
        port = app.port();
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    HttpResponse<String> send(String method, String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            b.header("X-Test-User", user);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void principalFromTheApplication_isDecided_withoutAnAccessKey() throws Exception {
        int before = app.reached();
        HttpResponse<String> r = send("GET", "/workspaces/w1/channels", "u1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).as("no key id").isEqualTo("backend null");
        assertThat(send("DELETE", "/workspaces/w1/channels/c1", "u1").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/workspaces/w1/connectors/k", "u1").headers().firstValue("X-Warden-Reason"))
                .contains("explicit_deny");
        assertThat(app.reached()).isEqualTo(before + 1);
    }

    @Test
    void noPrincipal_is401() throws Exception {
        HttpResponse<String> r = send("GET", "/workspaces/w1/channels", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("X-Warden-Reason")).contains("missing_credentials");
    }

    @Test
    void malformedTarget_is400_beforeThePrincipalIsAsked() throws Exception {
        int before = app.reached();
        int askedBefore = asked.get();
        assertThat(Fixtures.raw(port, "GET /workspaces/%2e%2e/admin HTTP/1.1").status()).isEqualTo(400);
        assertThat(Fixtures.raw(port, "GET /workspaces/w1/channels HTTP/1.1", "X-Test-User: u1",
                "X-HTTP-Method-Override: DELETE").status()).isEqualTo(400);
        assertThat(app.reached()).isEqualTo(before);
        assertThat(asked.get()).as("the principal source is not asked").isEqualTo(askedBefore);
        assertThat(send("GET", "/workspaces/w1/channels", "u1").statusCode()).isEqualTo(200);
        assertThat(asked.get()).as("asked once for a well-formed target").isEqualTo(askedBefore + 1);
    }

    @Test
    void excludedPaths_passUnchecked_butOnlyAsCanonicalPaths() throws Exception {
        int before = app.reached();
        assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/error", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(app.reached()).isEqualTo(before + 4);
        assertThat(send("GET", "/healthz/more", null).statusCode()).as("an exact exclusion").isEqualTo(401);
        assertThat(send("GET", "/actuator/healthz", null).statusCode()).as("not below the prefix").isEqualTo(401);
        assertThat(Fixtures.raw(port, "GET /healthz/..;/workspaces/w1 HTTP/1.1").status()).isEqualTo(400);
        assertThat(Fixtures.raw(port, "GET /healthz/%2e%2e/workspaces/w1 HTTP/1.1").status()).isEqualTo(400);
        assertThat(app.reached()).isEqualTo(before + 4);
    }

    @Test
    void exclusion_mustBeACanonicalPath() {
        WardenFilter.Builder b = WardenFilter.builder(Authorizer.of(PolicyLoader.loadTexts(Map.of("p.policy",
                Fixtures.POLICIES)).orElseThrow()), request -> Optional.empty());
        for (String bad : new String[] {"healthz", "/a//b", "/a/../b", "/a%2Fb", "/a/"}) {
            assertThatThrownBy(() -> b.exclude(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("excluded path `" + bad + "` is not a canonical path");
        }
    }
}
