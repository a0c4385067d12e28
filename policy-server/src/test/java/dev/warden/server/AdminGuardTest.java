package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

class AdminGuardTest {
    static HttpFields headers(String... nameValues) {
        HttpFields.Mutable h = HttpFields.build();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1]);
        }
        return h;
    }

    static int status(AdminGuard g, String... nameValues) {
        return g.check(headers(nameValues)).map(AdminGuard.Refusal::status).orElse(0);
    }

    @Test
    void hosts_areTheBindAddressAndLoopbackNames_withThePort() {
        AdminGuard g = new AdminGuard("127.0.0.1", List.of("Warden-Admin.internal"), 9901);
        assertThat(g.hosts()).containsExactlyInAnyOrder("127.0.0.1:9901", "localhost:9901", "[::1]:9901",
                "warden-admin.internal:9901");
        assertThat(status(g, "Host", "WARDEN-ADMIN.internal:9901")).isZero();
        assertThat(status(g, "Host", "warden-admin.internal")).isEqualTo(421);
    }

    @Test
    void hosts_anIpv6BindIsBracketed_andAWildcardBindIsNoName() {
        assertThat(new AdminGuard("::1", List.of(), 9901).hosts()).contains("[::1]:9901").hasSize(3);
        assertThat(new AdminGuard("fd00::5", List.of(), 9901).hosts()).contains("[fd00::5]:9901").hasSize(4);
        for (String wildcard : List.of("0.0.0.0", "::", "[::]")) {
            AdminGuard g = new AdminGuard(wildcard, List.of(), 9901);
            assertThat(g.hosts()).as(wildcard).containsExactlyInAnyOrder("127.0.0.1:9901", "localhost:9901", "[::1]:9901");
            assertThat(status(g, "Host", "0.0.0.0:9901")).isEqualTo(421);
        }
    }

    @Test
    void hosts_onPort80_alsoWithoutThePort() {
        AdminGuard g = new AdminGuard("127.0.0.1", List.of(), 80);
        assertThat(status(g, "Host", "localhost")).isZero();
        assertThat(status(g, "Host", "localhost:80")).isZero();
        assertThat(status(new AdminGuard("127.0.0.1", List.of(), 8080), "Host", "localhost")).isEqualTo(421);
    }

    @Test
    void check_noHostOrTwo_is421() {
        AdminGuard g = new AdminGuard("127.0.0.1", List.of(), 9901);
        assertThat(status(g)).isEqualTo(421);
        assertThat(status(g, "Host", "127.0.0.1:9901", "Host", "127.0.0.1:9901")).isEqualTo(421);
    }

    @Test
    void check_anOriginOfAnotherSite_is403_itsOwnIsFine() {
        AdminGuard g = new AdminGuard("127.0.0.1", List.of(), 9901);
        assertThat(status(g, "Host", "127.0.0.1:9901", "Origin", "http://localhost:9901")).isZero();
        for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:9902", "file://", "http://127.0.0.1:9901/x")) {
            assertThat(status(g, "Host", "127.0.0.1:9901", "Origin", origin)).as(origin).isEqualTo(403);
        }
        assertThat(status(g, "Host", "127.0.0.1:9901", "Sec-Fetch-Site", "cross-site")).isEqualTo(403);
        assertThat(status(g, "Host", "127.0.0.1:9901", "Sec-Fetch-Site", "same-origin")).isZero();
    }

    @Test
    void isJson_takesExactlyOneApplicationJson_withParameters() {
        assertThat(AdminGuard.isJson(List.of("application/json"))).isTrue();
        assertThat(AdminGuard.isJson(List.of(" Application/JSON ; charset=utf-8"))).isTrue();
        for (String t : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/json-seq", "application/jsonx", "", "application/*")) {
            assertThat(AdminGuard.isJson(List.of(t))).as(t).isFalse();
        }
        assertThat(AdminGuard.isJson(List.of())).isFalse();
        assertThat(AdminGuard.isJson(List.of("application/json", "text/plain"))).isFalse();
    }
}
