package dev.warden.example;

import dev.warden.core.DecisionListener;
import dev.warden.spring.WardenAuthorize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The example of docs/spring.md: the starter protects every endpoint with the policies of
 * {@code src/main/resources/policies/}; users log in with HTTP Basic.
 */
@SpringBootApplication
public class ExampleApplication {
    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }

    /** Two users: {@code alice} (role member) and {@code root} (role admin); a real application has its own login. */
    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-pw").roles("member").build(),
                User.withUsername("root").password("{noop}root-pw").roles("admin").build());
    }

    /** An audit log of every decision; the starter wires every DecisionListener bean in. */
    @Bean
    DecisionListener auditLog() {
        return (request, decision) -> AUDIT.info("{} {} {} -> {}", request.principal().id(), request.verb(),
                request.target(), decision.reason().code());
    }

    @RestController
    @RequestMapping("/workspaces/{ws}")
    static class Channels {
        private final Renamer renamer;

        Channels(Renamer renamer) {
            this.renamer = renamer;
        }

        @GetMapping("/channels")
        String list(@PathVariable String ws) {
            return "channels of " + ws + "\n";
        }

        @GetMapping("/channels/{id}")
        String show(@PathVariable String ws, @PathVariable String id) {
            return "channel " + id + " of " + ws + "\n";
        }

        /** A GET that writes: the HTTP check sees `view`, the service asks for `update` itself. */
        @GetMapping("/channels/{id}/rename-to/{name}")
        String rename(@PathVariable String ws, @PathVariable String id, @PathVariable String name) {
            return renamer.rename(ws, id, name);
        }

        @GetMapping("/billing/invoices")
        String invoices(@PathVariable String ws) {
            return "invoices of " + ws + "\n";
        }
    }

    @Service
    public static class Renamer {
        @WardenAuthorize(action = "update", resource = "/workspaces/{#ws}/channels/{#id}")
        public String rename(String ws, String id, String name) {
            return "channel " + id + " of " + ws + " is now " + name + "\n";
        }
    }
}
