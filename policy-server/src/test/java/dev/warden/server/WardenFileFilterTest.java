package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.FilteredServlet;
import dev.warden.gateway.Fixtures;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter by class name, web.xml-style, with its policies and keys loaded from init parameters. */
class WardenFileFilterTest {
    @Test
    void byInitParameters_decidesLikeTheFilter_andOnlyAllowsReachTheServlet(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        FilterHolder byName = new FilterHolder(WardenFileFilter.class);
        byName.setInitParameters(Map.of("policies", policies.toString(), "keys", dir.resolve("keys.json").toString()));
        try (FilteredServlet app = FilteredServlet.start(byName, "/*")) {
            int port = app.port();
            String admin = "Authorization: " + Fixtures.auth(Fixtures.ADMIN_KEY);
            assertThat(Fixtures.raw(port, "GET /other HTTP/1.1", admin).status()).isEqualTo(403);
            Fixtures.Raw none = Fixtures.raw(port, "GET /workspaces/w1 HTTP/1.1");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("X-Warden-Reason")).isEqualTo("missing_credentials");
            assertThat(Fixtures.raw(port, "GET /workspaces/w1 HTTP/1.1", admin, "X-HTTP-Method: DELETE").status()).isEqualTo(400);
            assertThat(app.reached()).isZero();
            assertThat(Fixtures.raw(port, "GET /workspaces/w1 HTTP/1.1", admin).status()).isEqualTo(200);
            assertThat(app.reached()).isEqualTo(1);
        }
    }

    @Test
    void init_withoutItsParameters_orWithPoliciesThatDoNotLoad_fails(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        String keys = dir.resolve("keys.json").toString();
        assertThatThrownBy(() -> new WardenFileFilter().init(config(Map.of("keys", keys))))
                .isInstanceOf(ServletException.class)
                .hasMessage("WardenFilter needs the init parameters `policies` and `keys`");
        Files.writeString(policies.resolve("main.policy"), "policy broken { allow veiw on /x }\n");
        assertThatThrownBy(() -> new WardenFileFilter().init(config(Map.of("policies", policies.toString(), "keys", keys))))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("the policies did not load:\n")
                .hasMessageContaining("main.policy:1:23");
    }

    private static FilterConfig config(Map<String, String> parameters) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "warden";
            }

            @Override
            public ServletContext getServletContext() {
                throw new UnsupportedOperationException("not needed");
            }

            @Override
            public String getInitParameter(String name) {
                return parameters.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(parameters.keySet());
            }
        };
    }
}
