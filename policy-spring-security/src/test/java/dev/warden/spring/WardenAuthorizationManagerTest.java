package dev.warden.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.Fixtures;
import dev.warden.gateway.Malformed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real Boot application on Tomcat at a random port, asked over loopback. */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WardenAuthorizationManagerTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @BeforeEach
    void clear() {
        SecuredApp.DENIED.clear();
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String method, String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    WardenAuthorizationDecision lastDenial() {
        assertThat(SecuredApp.DENIED).isNotEmpty();
        return (WardenAuthorizationDecision) SecuredApp.DENIED.get(SecuredApp.DENIED.size() - 1).getAuthorizationResult();
    }

    @Test
    void allowedRequest_reachesTheController() throws Exception {
        int before = SecuredApp.REACHED.get();
        HttpResponse<String> r = send("GET", "/workspaces/w1/channels?limit=5", "alice");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("channels of w1");
        assertThat(SecuredApp.REACHED.get()).isEqualTo(before + 1);
    }

    @Test
    void noMatch_is403_andTheDenialEventSaysWhy() throws Exception {
        int before = SecuredApp.REACHED.get();
        assertThat(send("DELETE", "/workspaces/w1/channels/c1", "alice").statusCode()).isEqualTo(403);
        assertThat(SecuredApp.REACHED.get()).isEqualTo(before);
        WardenAuthorizationDecision d = lastDenial();
        assertThat(d.isGranted()).isFalse();
        assertThat(d.reason()).isEqualTo("no_match");
        assertThat(d.statements()).isEmpty();
    }

    @Test
    void explicitDeny_is403_andNamesTheDenyingStatement() throws Exception {
        int before = SecuredApp.REACHED.get();
        assertThat(send("GET", "/workspaces/w1/secret", "root").statusCode()).isEqualTo(403);
        assertThat(SecuredApp.REACHED.get()).isEqualTo(before);
        WardenAuthorizationDecision d = lastDenial();
        assertThat(d.reason()).isEqualTo("explicit_deny");
        assertThat(d.statements()).hasSize(1);
        assertThat(d.statements().get(0).policy()).isEqualTo("no-secrets");
        assertThat(d.toString()).contains("reason=explicit_deny").contains("statements=[app.policy:6:5]");
    }

    @Test
    void userWithoutRoles_isDenied_noMatch() throws Exception {
        assertThat(send("GET", "/workspaces/w1/channels", "eve").statusCode()).isEqualTo(403);
        assertThat(lastDenial().reason()).isEqualTo("no_match");
    }

    @Test
    void unauthenticated_is401_beforeAnyPolicy() throws Exception {
        int before = SecuredApp.REACHED.get();
        HttpResponse<String> r = send("GET", "/workspaces/w1/channels", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(SecuredApp.REACHED.get()).isEqualTo(before);
        assertThat(lastDenial().reason()).isEqualTo("missing_credentials");
    }

    @Test
    void pathConfusion_is400_andNeverReachesAController() throws Exception {
        String root = "Authorization: " + basic("root");
        int before = SecuredApp.REACHED.get();
        for (String target : List.of("/workspaces/w1/..;/secret", "/workspaces/%2e%2e/secret", "/workspaces//w1/channels",
                "/workspaces/w1%2Fsecret", "/workspaces/w1/channels/..;jsessionid=x", "/workspaces/w1/channels/%2e")) {
            Fixtures.Raw r = Fixtures.raw(port, "GET " + target + " HTTP/1.1", root);
            assertThat(r.status()).as(target).isEqualTo(400);
        }
        assertThat(SecuredApp.REACHED.get()).isEqualTo(before);
    }

    @Test
    void everyMalformedShape_isNeverAllowed_andNeverReachesAController() throws Exception {
        String root = "Authorization: " + basic("root");
        int before = SecuredApp.REACHED.get();
        for (String target : Malformed.SHAPES) {
            if (target.isEmpty() || target.contains(" ")) {
                continue; // no request line to send
            }
            Fixtures.Raw r = Fixtures.raw(port, "GET " + target + " HTTP/1.1", root);
            assertThat(r.status()).as(target).isNotEqualTo(200).isGreaterThanOrEqualTo(400);
        }
        assertThat(SecuredApp.REACHED.get()).isEqualTo(before);
    }

    @Test
    void methodOverrideHeader_is400() throws Exception {
        Fixtures.Raw r = Fixtures.raw(port, "GET /workspaces/w1/channels HTTP/1.1", "Authorization: " + basic("alice"),
                "X-HTTP-Method-Override: DELETE");
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void methodSecurity_allows_andDenies_withTheDecisionInTheEvent() throws Exception {
        HttpResponse<String> ok = send("GET", "/api/rename?ws=w1&id=c1&name=general", "alice");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("renamed w1/c1 to general");

        assertThat(send("GET", "/api/rename?ws=w1&id=c1&name=x", "eve").statusCode()).isEqualTo(403);
        assertThat(lastDenial().reason()).isEqualTo("no_match");
    }

    @Test
    void methodSecurity_aValueCannotAddSegments() throws Exception {
        // `c1/../../secret` is one segment, `c1%2F..%2F..%2Fsecret`: malformed, so denied
        assertThat(send("GET", "/api/rename?ws=w1&id=c1%2F..%2F..%2Fx&name=x", "root").statusCode()).isEqualTo(403);
        assertThat(lastDenial().reason()).isEqualTo("malformed_request");
        assertThat(send("GET", "/api/rename?ws=w1&id=&name=x", "root").statusCode()).isEqualTo(403);
    }
}
