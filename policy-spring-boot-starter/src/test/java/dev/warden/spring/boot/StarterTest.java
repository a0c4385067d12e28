package dev.warden.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.gateway.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Boot application on Tomcat at a random port, asked over loopback: policies
 * from a directory of files (watched), the default security chain, method security, the audit
 * listener, reload while requests flow, the health indicator and the meters.
 */
@SpringBootTest(classes = StarterApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.show-details=always"})
class StarterTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = policies();

    static final String MEMBERS = """
            policy members {
                allow view on /workspaces/*/channels, /workspaces/*/channels/*
                allow view on /workspaces/*/channels/*/touch
            }
            """;
    static final String REST = """
            policy no-secrets {
                deny any on /workspaces/*/secret
            }
            policy everything {
                allow any on /workspaces/**, /actuator, /actuator/**
            }
            role member { policies members, no-secrets }
            role admin { policies everything, no-secrets }
            """;

    @LocalServerPort
    int port;

    static Path policies() {
        try {
            Path dir = Files.createTempDirectory("warden-starter");
            Files.writeString(dir.resolve("members.policy"), MEMBERS);
            Files.writeString(dir.resolve("rest.policy"), REST);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void wardenPolicies(DynamicPropertyRegistry registry) {
        registry.add("warden.policies", DIR::toString);
    }

    @AfterAll
    static void removePolicies() throws IOException {
        try (var files = Files.list(DIR)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(DIR);
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String method, String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, "root");
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void decisions_allowDenyAndUnauthenticated_throughTheDefaultChain() throws Exception {
        int before = StarterApp.REACHED.get();
        assertThat(send("GET", "/workspaces/w1/channels", "alice").statusCode()).isEqualTo(200);
        assertThat(StarterApp.REACHED.get()).isEqualTo(before + 1);
        assertThat(send("GET", "/workspaces/w1/other", "alice").statusCode()).as("no_match").isEqualTo(403);
        assertThat(send("GET", "/workspaces/w1/secret", "root").statusCode()).as("explicit_deny").isEqualTo(403);
        assertThat(send("GET", "/workspaces/w1/channels", null).statusCode()).isEqualTo(401);
        assertThat(StarterApp.REACHED.get()).isEqualTo(before + 1);
        assertThat(StarterApp.AUDIT).contains("alice view /workspaces/w1/channels allowed",
                "alice view /workspaces/w1/other no_match", "root view /workspaces/w1/secret explicit_deny");
    }

    @Test
    void pathConfusion_is400_andNeverReachesAController() throws Exception {
        int before = StarterApp.REACHED.get();
        for (String target : List.of("/workspaces/w1/..;/secret", "/workspaces/%2e%2e/secret", "//workspaces/w1/secret",
                "/workspaces/w1%2Fsecret")) {
            Fixtures.Raw r = Fixtures.raw(port, "GET " + target + " HTTP/1.1", "Authorization: " + basic("root"));
            assertThat(r.status()).as(target).isEqualTo(400);
        }
        assertThat(StarterApp.REACHED.get()).isEqualTo(before);
    }

    @Test
    void methodSecurity_isOn_allowingAndDenying() throws Exception {
        // both may GET (view) over HTTP; the service asks for `update`, which only admin's `any` allows
        assertThat(send("GET", "/workspaces/w1/channels/c1/touch", "root").body()).isEqualTo("touched c1");
        assertThat(send("GET", "/workspaces/w1/channels/c1/touch", "alice").statusCode()).isEqualTo(403);
        assertThat(StarterApp.AUDIT).contains("alice update /workspaces/w1/channels/c1 no_match");
    }

    @Test
    void changedPolicyFile_isReloadedWhileRequestsFlow_andNoRequestFailsMeanwhile() throws Exception {
        long version = json("/actuator/health/warden").path("details").path("version").asLong();
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Thread load = new Thread(() -> {
            for (int i = 0; i < 5_000 && !stop.get(); i++) {
                try {
                    statuses.add(send("GET", "/workspaces/w1/channels", "alice").statusCode());
                } catch (IOException | InterruptedException e) {
                    statuses.add(-1);
                    return;
                }
            }
        });
        load.start();
        try {
            assertThat(send("GET", "/workspaces/w1/news", "alice").statusCode()).isEqualTo(403);
            Path tmp = DIR.resolve("members.policy.tmp");
            Files.writeString(tmp, MEMBERS.replace("allow view on /workspaces/*/channels,", "allow view on /workspaces/*/news, /workspaces/*/channels,"));
            Files.move(tmp, DIR.resolve("members.policy"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            int status = 0;
            for (int i = 0; i < 400 && status != 200; i++) {
                Thread.sleep(25);
                status = send("GET", "/workspaces/w1/news", "alice").statusCode();
            }
            assertThat(status).as("the new set serves").isEqualTo(200);
        } finally {
            stop.set(true);
            load.join();
        }
        assertThat(statuses).as("every request during the reload was allowed").containsOnly(200);
        JsonNode health = json("/actuator/health/warden");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("details").path("version").asLong()).isEqualTo(version + 1);
        assertThat(health.path("details").path("lastReload").asText()).isEqualTo("ok");
        assertThat(json("/actuator/metrics/warden.reloads?tag=result:success").path("measurements").get(0)
                .path("value").asDouble()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void health_saysTheSetIsLoaded_withItsVersion() throws Exception {
        JsonNode warden = json("/actuator/health").path("components").path("warden");
        assertThat(warden.path("status").asText()).isEqualTo("UP");
        assertThat(warden.path("details").path("version").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(warden.path("details").path("policies").asInt()).isEqualTo(3);
        assertThat(warden.path("details").path("reloadable").asBoolean()).isTrue();
    }

    @Test
    void meters_countDecisionsByResultAndReason_andTheCache() throws Exception {
        send("GET", "/workspaces/w1/secret", "root");
        send("GET", "/workspaces/w1/channels", "alice");
        send("GET", "/workspaces/w1/channels", "alice");
        JsonNode denied = json("/actuator/metrics/warden.decisions?tag=reason:explicit_deny");
        assertThat(denied.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
        List<String> results = new ArrayList<>();
        for (JsonNode tag : json("/actuator/metrics/warden.decisions").path("availableTags")) {
            if (tag.path("tag").asText().equals("result")) {
                tag.path("values").forEach(v -> results.add(v.asText()));
            }
        }
        assertThat(results).contains("allow", "deny");
        assertThat(json("/actuator/metrics/warden.cache.requests?tag=result:hit").path("measurements").get(0)
                .path("value").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(json("/actuator/metrics/warden.policy.version").path("measurements").get(0).path("value").asDouble())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void configurationMetadata_listsTheProperties() throws Exception {
        try (InputStream in = WardenProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated by spring-boot-configuration-processor").isNotNull();
            List<String> names = new ArrayList<>();
            for (JsonNode p : JSON.readTree(in).path("properties")) {
                names.add(p.path("name").asText());
                assertThat(p.path("description").asText()).as(p.path("name").asText()).isNotEmpty();
            }
            assertThat(names).contains("warden.policies", "warden.reload", "warden.cache-size", "warden.default-security");
        }
    }
}
