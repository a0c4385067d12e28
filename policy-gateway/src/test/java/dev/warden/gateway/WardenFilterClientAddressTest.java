package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.dsl.PolicyLoader;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;

/**
 * The filter's {@code context.ip} is the socket peer: requests from 127.0.0.2 and 127.0.0.3 get
 * the decisions an address condition gives, whatever address header they carry.
 */
class WardenFilterClientAddressTest {
    private static final String POLICIES = """
            policy office {
                allow view on /workspaces/*/desks when context.ip in 127.0.0.2
                allow view on /workspaces/*/rooms
                deny view on /workspaces/*/rooms when context.ip not in 127.0.0.2
            }
            role support { policies office }
            """;

    @Test
    void theSocketPeer_isTheClientAddress_andNoHeaderChangesIt() throws Exception {
        Authorizer authorizer = Authorizer.builder().clock(Clock.systemUTC())
                .build(PolicyLoader.loadTexts(Map.of("p.policy", POLICIES)).orElseThrow());
        try (FilteredServlet app = FilteredServlet.start(new FilterHolder(new WardenFilter(new Gate(authorizer, Fixtures.keys()))),
                "/workspaces/*")) {
            String auth = "Authorization: " + Fixtures.auth(Fixtures.SUPPORT_KEY);
            assertThat(Fixtures.requestFrom("127.0.0.2", app.port(), "GET /workspaces/w1/desks HTTP/1.1", auth).status())
                    .isEqualTo(200);
            assertThat(Fixtures.requestFrom("127.0.0.3", app.port(), "GET /workspaces/w1/desks HTTP/1.1", auth).status())
                    .isEqualTo(403);
            assertThat(Fixtures.requestFrom("127.0.0.3", app.port(), "GET /workspaces/w1/desks HTTP/1.1", auth,
                    "X-Forwarded-For: 127.0.0.2", "X-Real-IP: 127.0.0.2", "X-Original-Remote-Addr: 127.0.0.2").status())
                    .isEqualTo(403);
            assertThat(Fixtures.requestFrom("127.0.0.2", app.port(), "GET /workspaces/w1/rooms HTTP/1.1", auth).status())
                    .isEqualTo(200);
            assertThat(Fixtures.requestFrom("127.0.0.3", app.port(), "GET /workspaces/w1/rooms HTTP/1.1", auth).status())
                    .isEqualTo(403);
            assertThat(app.reached()).isEqualTo(2);
        }
    }
}
