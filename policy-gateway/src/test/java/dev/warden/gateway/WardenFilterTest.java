package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.dsl.PolicyLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The filter inside a real servlet container (Jetty 12, ee10, {@link FilteredServlet}), in front of a servlet that counts what reaches it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WardenFilterTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    FilteredServlet app;
    int port;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        Gate gate = new Gate(Authorizer.of(PolicyLoader.load(List.of(policies)).orElseThrow()), Fixtures.keys());
        app = FilteredServlet.start(new FilterHolder(new WardenFilter(gate)), "/workspaces/*");
        port = app.port();
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    HttpResponse<String> send(String method, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            b.header("Authorization", Fixtures.auth(key));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void allowed_reachesTheServlet_withTheKeyId() throws Exception {
        int before = app.reached();
        HttpResponse<String> r = send("GET", "/workspaces/w1/channels?limit=5", Fixtures.SUPPORT_KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("backend ak_support");
        assertThat(app.reached()).isEqualTo(before + 1);
    }

    @Test
    void denied_unauthenticated_andUnknownMethods_neverReachTheServlet() throws Exception {
        int before = app.reached();
        HttpResponse<String> deny = send("DELETE", "/workspaces/w1/channels/c1", Fixtures.SUPPORT_KEY);
        assertThat(deny.statusCode()).isEqualTo(403);
        assertThat(deny.headers().firstValue("X-Warden-Decision")).contains("deny");
        assertThat(deny.headers().firstValue("X-Warden-Reason")).contains("no_match");
        HttpResponse<String> none = send("GET", "/workspaces/w1/channels", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("AccessKey");
        assertThat(send("GET", "/workspaces/w1/channels", Fixtures.UNKNOWN_KEY).statusCode()).isEqualTo(401);
        HttpResponse<String> odd = send("PROPFIND", "/workspaces/w1/channels", Fixtures.ADMIN_KEY);
        assertThat(odd.statusCode()).isEqualTo(403);
        assertThat(odd.headers().firstValue("X-Warden-Reason")).contains("unknown_action");
        assertThat(app.reached()).isEqualTo(before);
    }

    @Test
    void methodOverrideHeaders_are400_neverReachTheServlet() throws Exception {
        int before = app.reached();
        String key = "Authorization: " + Fixtures.auth(Fixtures.ADMIN_KEY);
        for (String h : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "x-http-method-override")) {
            Fixtures.Raw r = Fixtures.raw(port, "GET /workspaces/w1 HTTP/1.1", key, h + ": DELETE");
            assertThat(r.status()).as(h).isEqualTo(400);
        }
        assertThat(app.reached()).isEqualTo(before);
    }

    @Test
    void pathConfusion_isRefused_byTheContainerOrTheFilter_neverReachesTheServlet() throws Exception {
        int before = app.reached();
        String key = "Authorization: " + Fixtures.auth(Fixtures.ADMIN_KEY);
        for (String target : List.of("/workspaces/w1/", "/workspaces//w1", "/workspaces/x/../w1", "/workspaces/x/..;/w1",
                "/workspaces/%2e%2e/w1", "/workspaces/w1%2Fx", "/workspaces/w1;jsessionid=x", "/workspaces/w1%00",
                "/workspaces/w1%5Cx", "/workspaces/w1%25", "/workspaces/./w1", "/workspaces/w1%zz",
                "/workspaces/w1#/../x", "/workspaces/w1%23", "/workspaces/w1%3F.pdf")) {
            Fixtures.Raw r = Fixtures.raw(port, "GET " + target + " HTTP/1.1", key);
            assertThat(r.status()).as(target).isIn(400, 403);
        }
        assertThat(app.reached()).isEqualTo(before);
        // and a clean request with the same key does reach it
        assertThat(Fixtures.raw(port, "GET /workspaces/w1 HTTP/1.1", key).status()).isEqualTo(200);
    }
}
