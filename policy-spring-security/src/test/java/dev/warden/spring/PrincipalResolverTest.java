package dev.warden.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class PrincipalResolverTest {
    @Test
    void standard_namesThePrincipal_andTakesRoleAuthoritiesAsRoles() {
        Principal p = PrincipalResolver.standard().resolve(UsernamePasswordAuthenticationToken.authenticated("alice", "pw",
                AuthorityUtils.createAuthorityList("ROLE_member", "ROLE_admin", "SCOPE_read", "ROLE_")));
        assertThat(p.id()).isEqualTo("alice");
        assertThat(p.roles()).containsExactly("member", "admin");
        assertThat(p.policies()).isEmpty();
        assertThat(p.attributes()).isEmpty();
    }

    @Test
    void standard_takesAJwtsScalarClaimsAsAttributes() {
        Instant exp = Instant.parse("2026-12-01T10:00:00Z");
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "none").subject("u-17").claim("tenant", "acme")
                .claim("level", 3).claim("admin", true).expiresAt(exp).claim("groups", List.of("a", "b")).build();
        Principal p = PrincipalResolver.standard().resolve(new JwtAuthenticationToken(jwt,
                AuthorityUtils.createAuthorityList("ROLE_member")));
        assertThat(p.id()).isEqualTo("u-17");
        assertThat(p.roles()).containsExactly("member");
        assertThat(p.attributes()).isEqualTo(Map.of("sub", "u-17", "tenant", "acme", "level", "3", "admin", "true",
                "exp", "2026-12-01T10:00:00Z"));
    }
}
