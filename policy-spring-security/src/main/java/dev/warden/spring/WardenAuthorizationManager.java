package dev.warden.spring;

import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.ResourcePath;
import dev.warden.gateway.HttpMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * Decides HTTP requests with Warden in Spring Security's {@code authorizeHttpRequests}:
 *
 * <pre>{@code
 * http.authorizeHttpRequests(a -> a
 *         .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
 *         .anyRequest().access(new WardenAuthorizationManager(authorizer, PrincipalResolver.standard())));
 * }</pre>
 *
 * <p>The request is mapped as {@code WardenFilter} maps it, by policy-gateway's {@link
 * HttpMapping}: the method and the request URI as received ({@link HttpServletRequest#getRequestURI},
 * not decoded, context path included) become an action and a canonical path. In this order:
 *
 * <ol>
 *   <li>a request with a method-override header, or whose target is malformed (an encoded {@code
 *       /}, a dot segment, a {@code ;}, an empty segment...), is rejected with a {@link
 *       RequestRejectedException}, which Spring Security's {@code FilterChainProxy} answers with
 *       400 (its {@code RequestRejectedHandler}): never an allow, never a controller;
 *   <li>an unauthenticated or anonymous request is not granted ({@link
 *       WardenAuthorizationDecision#unauthenticated()}): Spring Security starts authentication
 *       (401, or a login page);
 *   <li>otherwise the {@link PrincipalResolver} gives the principal, the request's context is the
 *       client address ({@code context.ip}, from {@link HttpServletRequest#getRemoteAddr}, never a
 *       header) and the time comes from the authorizer's clock ({@code context.time}); the answer
 *       is a {@link WardenAuthorizationDecision}, granted when Warden allows (a deny is 403).
 * </ol>
 */
public final class WardenAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final Authorizer authorizer;
    private final PrincipalResolver principals;

    /**
     * A manager that decides with {@code authorizer} for the principals {@code principals} gives.
     *
     * @param authorizer decides each request
     * @param principals turns the request's authentication into a principal
     */
    public WardenAuthorizationManager(Authorizer authorizer, PrincipalResolver principals) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.principals = Objects.requireNonNull(principals, "principals");
    }

    /**
     * With {@link PrincipalResolver#standard()}.
     *
     * @param authorizer decides each request
     */
    public WardenAuthorizationManager(Authorizer authorizer) {
        this(authorizer, PrincipalResolver.standard());
    }

    @Override
    public WardenAuthorizationDecision authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest http = context.getRequest();
        Optional<String> override = HttpMapping.methodOverride(http::getHeader);
        if (override.isPresent()) {
            throw new RequestRejectedException(override.get());
        }
        String target = http.getRequestURI();
        ResourcePath path = ResourcePath.ofHttpPath(target);
        if (!path.isWellFormed()) {
            throw new RequestRejectedException(Decision.malformed(path).detail());
        }
        Authentication a = authentication.get();
        if (!isAuthenticated(a)) {
            return WardenAuthorizationDecision.unauthenticated();
        }
        Decision d = authorizer.decide(HttpMapping.request(principals.resolve(a), http.getMethod(), target, path,
                HttpMapping.clientContext(List.of(http.getRemoteAddr()))));
        return WardenAuthorizationDecision.of(d);
    }

    /** {@link #authorize}, for callers of the older method. */
    @Override
    @Deprecated
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return authorize(authentication, context);
    }

    /** Whether {@code a} is an authentication to decide for: present, authenticated and not anonymous. */
    static boolean isAuthenticated(Authentication a) {
        return a != null && a.isAuthenticated() && !TRUST.isAnonymous(a);
    }

    /**
     * The authorizer it decides with.
     *
     * @return the authorizer given to the constructor
     */
    public Authorizer authorizer() {
        return authorizer;
    }
}
