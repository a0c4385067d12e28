package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The library example of README.md, kept honest: if this changes, change the README too. */
class ReadmeExampleTest {

    @Test
    void readmeExample_allowsTheListing_andDeniesConnectors() {
        PolicySet set = PolicySet.builder()
                .add(new Policy("channels-read", List.of(
                        Statement.of(Effect.ALLOW, List.of("view"), List.of("/workspaces/*/channels", "/workspaces/*/channels/*")),
                        Statement.of(Effect.DENY, List.of("any"), List.of("/workspaces/*/connectors/**")))))
                .add(new Role("support", List.of("channels-read")))
                .build();
        Authorizer authorizer = Authorizer.builder().cacheMaximumSize(100_000).build(set);

        Principal key = Principal.builder("ak_1").role("support").attribute("workspace", "w1").build();
        Decision d = authorizer.authorizeHttp(key, "GET", "/workspaces/w1/channels?limit=5");
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo(Reason.ALLOWED);
        assertThat(d.matched()).containsExactly(new MatchedStatement("channels-read", Effect.ALLOW, 0, Optional.empty()));

        assertThat(authorizer.authorize(key, "view", "/workspaces/w1/connectors/k1").reason())
                .isEqualTo(Reason.EXPLICIT_DENY);
    }
}
