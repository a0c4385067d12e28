package dev.warden.spring;

import dev.warden.core.Principal;
import java.time.Instant;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.ClassUtils;

/** {@link PrincipalResolver#standard()}. */
final class StandardPrincipalResolver implements PrincipalResolver {
    static final StandardPrincipalResolver INSTANCE = new StandardPrincipalResolver();
    /** Spring Security's role prefix: the authority {@code ROLE_admin} is the role {@code admin}. */
    static final String ROLE_PREFIX = "ROLE_";
    private static final boolean JWT = ClassUtils.isPresent("org.springframework.security.oauth2.jwt.Jwt",
            StandardPrincipalResolver.class.getClassLoader());

    private StandardPrincipalResolver() {}

    @Override
    public Principal resolve(Authentication authentication) {
        Principal.Builder b = Principal.builder(authentication.getName());
        for (GrantedAuthority a : authentication.getAuthorities()) {
            String name = a.getAuthority();
            if (name != null && name.startsWith(ROLE_PREFIX) && name.length() > ROLE_PREFIX.length()) {
                b.role(name.substring(ROLE_PREFIX.length()));
            }
        }
        if (JWT) {
            JwtClaims.addTo(authentication, b);
        }
        return b.build();
    }

    /** A claim's value as an attribute's text, or null for a value of another kind (a list, an object). */
    static String text(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        return null;
    }

    /** Loaded only when spring-security-oauth2-jose is on the class path. */
    private static final class JwtClaims {
        static void addTo(Authentication authentication, Principal.Builder b) {
            if (authentication.getPrincipal() instanceof org.springframework.security.oauth2.jwt.Jwt jwt) {
                for (Map.Entry<String, Object> claim : jwt.getClaims().entrySet()) {
                    String value = text(claim.getValue());
                    if (value != null) {
                        b.attribute(claim.getKey(), value);
                    }
                }
            }
        }
    }
}
