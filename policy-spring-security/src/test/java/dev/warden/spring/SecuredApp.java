package dev.warden.spring;

import dev.warden.core.Authorizer;
import dev.warden.dsl.PolicyLoader;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application secured by hand with this module, as docs/spring.md shows without the
 * starter: HTTP requests by {@link WardenAuthorizationManager}, a service by {@link WardenAuthorize}.
 */
@SpringBootApplication
@EnableWardenMethodSecurity
public class SecuredApp {
    static final String POLICIES = """
            policy members {
                allow view on /workspaces/*/channels, /workspaces/*/channels/*
                allow update on /workspaces/*/channels/*
            }
            policy no-secrets {
                deny any on /workspaces/*/secret
            }
            policy everything {
                allow any on /workspaces/**
            }
            role member { policies members, no-secrets }
            role admin { policies everything, no-secrets }
            """;

    /** Calls that reached a controller method under {@code /workspaces}. */
    static final AtomicInteger REACHED = new AtomicInteger();
    /** Every denial Spring Security published. */
    static final List<AuthorizationDeniedEvent<?>> DENIED = new CopyOnWriteArrayList<>();

    @Bean
    Authorizer authorizer() {
        return Authorizer.of(PolicyLoader.loadTexts(Map.of("app.policy", POLICIES)).orElseThrow());
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http, Authorizer authorizer) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().access(new WardenAuthorizationManager(authorizer)))
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-pw").roles("member").build(),
                User.withUsername("root").password("{noop}root-pw").roles("admin").build(),
                User.withUsername("eve").password("{noop}eve-pw").roles().build());
    }

    @Bean
    AuthorizationEventPublisher authorizationEvents(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        DENIED.add(event);
    }

    @RestController
    @RequestMapping("/workspaces/{ws}")
    static class Workspaces {
        @GetMapping("/channels")
        String channels(@PathVariable String ws) {
            REACHED.incrementAndGet();
            return "channels of " + ws;
        }

        @GetMapping("/channels/{id}")
        String channel(@PathVariable String ws, @PathVariable String id) {
            REACHED.incrementAndGet();
            return "channel " + id;
        }

        @org.springframework.web.bind.annotation.DeleteMapping("/channels/{id}")
        String delete(@PathVariable String ws, @PathVariable String id) {
            REACHED.incrementAndGet();
            return "deleted " + id;
        }

        @GetMapping("/secret")
        String secret(@PathVariable String ws) {
            REACHED.incrementAndGet();
            return "secret";
        }

        @GetMapping("/**")
        String any() {
            REACHED.incrementAndGet();
            return "any";
        }
    }

    @Service
    public static class Channels {
        @WardenAuthorize(action = "update", resource = "/workspaces/{#ws}/channels/{#id}")
        public String rename(String ws, String id, String name) {
            return "renamed " + ws + "/" + id + " to " + name;
        }
    }

    @RestController
    static class Api {
        private final Channels channels;

        Api(Channels channels) {
            this.channels = channels;
        }

        @GetMapping("/api/rename")
        String rename(@RequestParam String ws, @RequestParam String id, @RequestParam String name) {
            return channels.rename(ws, id, name);
        }
    }
}
