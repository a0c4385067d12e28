package dev.warden.spring;

import dev.warden.core.Principal;
import org.springframework.security.core.Authentication;

/**
 * Turns Spring Security's {@link Authentication} into the Warden {@link Principal} whose policies
 * decide. Called once per decision, with an authenticated, non-anonymous authentication (an
 * unauthenticated request is denied before it is asked). Implement it to map your own
 * authorities, tenants or claims; declare it as a bean to have the Boot starter use it.
 */
@FunctionalInterface
public interface PrincipalResolver {
    /**
     * The principal for {@code authentication}; never null.
     *
     * @param authentication the caller's authentication: authenticated, not anonymous
     * @return the principal whose policies decide
     */
    Principal resolve(Authentication authentication);

    /**
     * The default: the authentication's name is the principal id; each authority {@code
     * ROLE_NAME} is the role {@code NAME} (other authorities are left out); when the principal is
     * a JWT (spring-security-oauth2-jose on the class path, a resource server's {@code Jwt}), each
     * claim whose value is a string, number, boolean or instant is a principal attribute of the
     * claim's name ({@code principal.tenant} in a condition), its value as text.
     *
     * @return the standard resolver
     */
    static PrincipalResolver standard() {
        return StandardPrincipalResolver.INSTANCE;
    }
}
