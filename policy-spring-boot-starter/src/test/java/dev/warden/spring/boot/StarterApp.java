package dev.warden.spring.boot;

import dev.warden.core.DecisionListener;
import dev.warden.spring.WardenAuthorize;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application with nothing of Warden's but the starter, its properties and one audit listener. */
@SpringBootApplication
public class StarterApp {
    static final AtomicInteger REACHED = new AtomicInteger();
    static final List<String> AUDIT = new CopyOnWriteArrayList<>();

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-pw").roles("member").build(),
                User.withUsername("root").password("{noop}root-pw").roles("admin").build());
    }

    /** An audit log: every decision, by the starter's wiring of DecisionListener beans. */
    @Bean
    DecisionListener audit() {
        return (request, decision) -> AUDIT.add(request.principal().id() + " " + request.verb() + " " + request.target()
                + " " + decision.reason().code());
    }

    @RestController
    @RequestMapping("/workspaces/{ws}")
    static class Workspaces {
        private final Channels channels;

        Workspaces(Channels channels) {
            this.channels = channels;
        }

        @GetMapping("/channels")
        String channels(@PathVariable String ws) {
            REACHED.incrementAndGet();
            return "channels of " + ws;
        }

        @DeleteMapping("/channels/{id}")
        String delete(@PathVariable String ws, @PathVariable String id) {
            REACHED.incrementAndGet();
            return "deleted " + id;
        }

        @GetMapping("/secret")
        String secret(@PathVariable String ws) {
            REACHED.incrementAndGet();
            return "secret";
        }

        /** Allowed over HTTP as `view`; the service asks for `update` on the channel itself. */
        @GetMapping("/channels/{id}/touch")
        String touch(@PathVariable String ws, @PathVariable String id) {
            REACHED.incrementAndGet();
            return channels.touch(ws, id);
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
        public String touch(String ws, String id) {
            return "touched " + id;
        }
    }
}
