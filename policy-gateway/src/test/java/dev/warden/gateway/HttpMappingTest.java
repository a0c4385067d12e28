package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Principal;
import dev.warden.core.Reason;
import dev.warden.core.ResourcePath;
import dev.warden.dsl.PolicyLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class HttpMappingTest {
    /** Allows everything under /workspaces: only the mapping can stand between a request and an allow. */
    static final Authorizer EVERYTHING = Authorizer.of(PolicyLoader.loadTexts(
            Map.of("p.policy", "policy everything { allow any on /workspaces/** }")).orElseThrow());
    static final Principal P = Principal.builder("ak_1").policy("everything").build();

    static Stream<String> malformed() {
        return Malformed.all().stream();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedTarget_is400_neverAnAllow(String target) {
        for (String method : List.of("GET", "POST", "DELETE", "TRACE", "get")) {
            assertThat(ResourcePath.ofHttpPath(target).isWellFormed()).as("%s %s", method, target).isFalse();
            Decision d = decide(method, target);
            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).isEqualTo(Reason.MALFORMED_REQUEST);
            assertThat(HttpMapping.status(d)).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "GET, view", "HEAD, view", "OPTIONS, view", "POST, create", "PUT, update", "PATCH, update", "DELETE, delete",
    })
    void methods_mapToActions(String method, String action) {
        String target = "/workspaces/w1/channels?limit=5&next=%23top";
        AccessRequest r = HttpMapping.request(P, method, target, ResourcePath.ofHttpPath(target));
        assertThat(r.requestedAction()).contains(action);
        assertThat(r.resourcePath().canonical()).isEqualTo("/workspaces/w1/channels");
        assertThat(HttpMapping.status(decide(method, target))).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({"get", "TRACE", "CONNECT", "PROPFIND", "Get", "''"})
    void unknownMethod_is403UnknownAction_neverAnAllow(String method) {
        AccessRequest r = HttpMapping.request(P, method, "/workspaces/w1", ResourcePath.ofHttpPath("/workspaces/w1"));
        assertThat(r.requestedAction()).isEmpty();
        Decision d = decide(method, "/workspaces/w1");
        assertThat(d.reason()).isEqualTo(Reason.UNKNOWN_ACTION);
        assertThat(HttpMapping.status(d)).isEqualTo(403);
    }

    @Test
    void escapes_decodeOnce_toTheCanonicalPath() {
        String target = "/workspaces/w%31/a@example.com/+31612345678";
        assertThat(ResourcePath.ofHttpPath(target).canonical()).isEqualTo("/workspaces/w1/a@example.com/+31612345678");
        assertThat(HttpMapping.status(decide("GET", target))).isEqualTo(200);
    }

    /** As the gate decides: canonicalised once, then the request for the principal. */
    private static Decision decide(String method, String target) {
        return EVERYTHING.decide(HttpMapping.request(P, method, target, ResourcePath.ofHttpPath(target)));
    }

    @Test
    void statuses_followTheReason() {
        assertThat(HttpMapping.status(Decision.deny(Reason.NO_MATCH, ""))).isEqualTo(403);
        assertThat(HttpMapping.status(Decision.deny(Reason.EXPLICIT_DENY, ""))).isEqualTo(403);
        assertThat(HttpMapping.status(Decision.deny(Reason.UNKNOWN_POLICY, ""))).isEqualTo(403);
        assertThat(HttpMapping.status(Decision.deny(Reason.UNKNOWN_ACTION, ""))).isEqualTo(403);
        assertThat(HttpMapping.status(Decision.deny(Reason.MALFORMED_REQUEST, ""))).isEqualTo(400);
        assertThat(HttpMapping.status(Decision.deny(Reason.INVALID_REQUEST, ""))).isEqualTo(400);
    }
}
