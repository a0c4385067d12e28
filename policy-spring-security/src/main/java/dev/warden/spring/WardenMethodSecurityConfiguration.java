package dev.warden.spring;

import dev.warden.core.Authorizer;
import java.util.function.Supplier;
import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.core.Authentication;


/** What {@link EnableWardenMethodSecurity} imports: the advisor, and an auto-proxy creator if there is none. */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
class WardenMethodSecurityConfiguration {
    /** The application's {@link AuthorizationEventPublisher} bean, looked up at each event; none, no event. */
    private record LazyPublisher(ObjectProvider<AuthorizationEventPublisher> events) implements AuthorizationEventPublisher {
        @Override
        @Deprecated
        public <T> void publishAuthorizationEvent(Supplier<Authentication> authentication, T object,
                AuthorizationDecision decision) {
            publishAuthorizationEvent(authentication, object, (AuthorizationResult) decision);
        }

        @Override
        public <T> void publishAuthorizationEvent(Supplier<Authentication> authentication, T object,
                AuthorizationResult result) {
            events.ifAvailable(p -> p.publishAuthorizationEvent(authentication, object, result));
        }
    }

    /** Registers Spring's infrastructure auto-proxy creator unless the context has one already. */
    static final class ProxyCreator implements ImportBeanDefinitionRegistrar {
        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
        }
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor wardenAuthorizeAdvisor(ObjectProvider<Authorizer> authorizer, ObjectProvider<PrincipalResolver> principals,
            ObjectProvider<AuthorizationEventPublisher> events) {
        Pointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(null, WardenAuthorize.class, true))
                .union(new AnnotationMatchingPointcut(WardenAuthorize.class, true));
        WardenMethodAuthorizationManager manager = new WardenMethodAuthorizationManager(authorizer::getObject,
                () -> principals.getIfAvailable(PrincipalResolver::standard));
        AuthorizationManagerBeforeMethodInterceptor interceptor = new AuthorizationManagerBeforeMethodInterceptor(pointcut, manager);
        interceptor.setOrder(AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder() + 1);
        interceptor.setAuthorizationEventPublisher(new LazyPublisher(events));
        return interceptor;
    }
}
