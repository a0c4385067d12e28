package dev.warden.spring.boot;

import dev.warden.core.Authorizer;
import dev.warden.core.DecisionListener;
import dev.warden.dsl.PolicyFilesException;
import dev.warden.spring.EnableWardenMethodSecurity;
import dev.warden.spring.PrincipalResolver;
import dev.warden.spring.WardenAuthorizationManager;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Warden in a Boot application: the policies of {@code warden.policies} ({@link WardenPolicies},
 * watched when they are files and {@code warden.reload}), the {@link Authorizer} (with {@code
 * warden.cache-size}, the system clock for {@code context.time}, and every {@link
 * DecisionListener} bean told of every decision), a {@link PrincipalResolver} and a {@link
 * WardenAuthorizationManager} unless the application has its own, {@code @WardenAuthorize} enabled,
 * and, when the application has no {@code SecurityFilterChain}, one that sends every request
 * through Warden with HTTP Basic. With actuator: the {@code warden} health indicator and the
 * meters of {@link WardenMetrics}.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@EnableConfigurationProperties(WardenProperties.class)
@EnableWardenMethodSecurity
public class WardenAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    WardenPolicies wardenPolicies(WardenProperties properties, ObjectProvider<DecisionListener> listeners)
            throws PolicyFilesException, IOException {
        Authorizer.Builder builder = Authorizer.builder().cacheMaximumSize(properties.getCacheSize())
                .recordCacheStatistics().clock(Clock.systemUTC());
        List<DecisionListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            builder.listener(all.size() == 1 ? all.get(0) : new DecisionListeners(all));
        }
        WardenPolicies policies = WardenPolicies.load(properties.getPolicies(), properties.isReload(), builder,
                WardenAutoConfiguration.class.getClassLoader());
        policies.start();
        return policies;
    }

    @Bean
    @ConditionalOnMissingBean
    Authorizer wardenAuthorizer(WardenPolicies policies) {
        return policies.authorizer();
    }

    @Bean
    @ConditionalOnMissingBean
    PrincipalResolver wardenPrincipalResolver() {
        return PrincipalResolver.standard();
    }

    @Bean
    @ConditionalOnMissingBean
    WardenAuthorizationManager wardenAuthorizationManager(Authorizer authorizer, PrincipalResolver principals) {
        return new WardenAuthorizationManager(authorizer, principals);
    }

    /** Every request through Warden, HTTP Basic, error dispatches let through: when the application has no chain. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty(name = "warden.default-security", havingValue = "true", matchIfMissing = true)
    static class DefaultSecurity {
        @Bean
        @ConditionalOnMissingBean(SecurityFilterChain.class)
        SecurityFilterChain wardenSecurityFilterChain(HttpSecurity http, WardenAuthorizationManager warden) throws Exception {
            return http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                            .anyRequest().access(warden))
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "wardenHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("warden")
        WardenHealthIndicator wardenHealthIndicator(WardenPolicies policies) {
            return new WardenHealthIndicator(policies);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        static WardenMetrics wardenMetrics(ObjectProvider<WardenPolicies> policies) {
            return new WardenMetrics(policies::getObject);
        }
    }
}
