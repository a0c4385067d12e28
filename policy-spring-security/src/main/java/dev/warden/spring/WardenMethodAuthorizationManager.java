package dev.warden.spring;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.parameters.DefaultSecurityParameterNameDiscoverer;

/**
 * Decides calls of methods annotated {@link WardenAuthorize}: the annotation's action on its
 * resource, each placeholder's value percent-encoded as one segment, for the caller's principal
 * ({@link PrincipalResolver}). Registered by {@link EnableWardenMethodSecurity}; or by hand as
 * {@code new AuthorizationManagerBeforeMethodInterceptor(pointcut, manager)}.
 */
public final class WardenMethodAuthorizationManager implements AuthorizationManager<MethodInvocation> {
    private final Supplier<Authorizer> authorizer;
    private final Supplier<PrincipalResolver> principals;
    private final ExpressionParser parser = new SpelExpressionParser();
    private final DefaultSecurityParameterNameDiscoverer names = new DefaultSecurityParameterNameDiscoverer();
    private final Map<Method, ResourceTemplate> templates = new ConcurrentHashMap<>();

    /**
     * A manager that decides with {@code authorizer} for the principals {@code principals} gives.
     *
     * @param authorizer decides each call
     * @param principals turns the caller's authentication into a principal
     */
    public WardenMethodAuthorizationManager(Authorizer authorizer, PrincipalResolver principals) {
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(principals, "principals");
        this.authorizer = () -> authorizer;
        this.principals = () -> principals;
    }

    /** Both looked up at the first call: for a configuration that must not create beans early. */
    WardenMethodAuthorizationManager(Supplier<Authorizer> authorizer, Supplier<PrincipalResolver> principals) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.principals = Objects.requireNonNull(principals, "principals");
    }

    @Override
    public WardenAuthorizationDecision authorize(Supplier<Authentication> authentication, MethodInvocation invocation) {
        Method method = invocation.getMethod();
        Class<?> target = invocation.getThis() == null ? method.getDeclaringClass() : AopUtils.getTargetClass(invocation.getThis());
        Method specific = AopUtils.getMostSpecificMethod(method, target);
        WardenAuthorize rule = annotation(specific, target);
        if (rule == null) {
            throw new IllegalStateException("`" + method + "` has no @WardenAuthorize");
        }
        Authentication a = authentication.get();
        if (!WardenAuthorizationManager.isAuthenticated(a)) {
            return WardenAuthorizationDecision.unauthenticated();
        }
        ResourceTemplate template = templates.computeIfAbsent(specific, m -> ResourceTemplate.parse(rule.resource(), parser));
        MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(invocation.getThis(), specific,
                invocation.getArguments(), names);
        String resource = template.expand(e -> e.getValue(context));
        if (resource == null) {
            return WardenAuthorizationDecision.of(Decision.deny(Reason.MALFORMED_REQUEST,
                    "a placeholder of `" + rule.resource() + "` has no value"));
        }
        return WardenAuthorizationDecision.of(authorizer.get().decide(
                new AccessRequest.OnResource(principals.get().resolve(a), rule.action(), resource)));
    }

    /** {@link #authorize}, for callers of the older method. */
    @Override
    @Deprecated
    public AuthorizationDecision check(Supplier<Authentication> authentication, MethodInvocation invocation) {
        return authorize(authentication, invocation);
    }

    private static WardenAuthorize annotation(Method method, Class<?> target) {
        WardenAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(method, WardenAuthorize.class);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(target, WardenAuthorize.class);
    }
}
