package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.testing.LogCapture;
import dev.warden.dsl.PolicyLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GateTest {
    final Gate gate;

    GateTest() throws Exception {
        gate = new Gate(Authorizer.of(PolicyLoader.loadTexts(Map.of("main.policy", Fixtures.POLICIES)).orElseThrow()),
                Fixtures.keys());
    }

    Verdict check(String method, String target, String... authorization) {
        return gate.check(method, target, List.of(authorization));
    }

    @Test
    void allowed_is200_withTheKeyId() {
        Verdict v = check("GET", "/workspaces/w1/channels?limit=5", Fixtures.auth(Fixtures.SUPPORT_KEY));
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.reason()).isEqualTo("allowed");
        assertThat(v.keyId()).isEqualTo("ak_support");
        assertThat(v.action()).isEqualTo("view");
        assertThat(v.path()).isEqualTo("/workspaces/w1/channels");
        assertThat(v.matchedPolicies()).containsExactly("channels-read");
    }

    @Test
    void denies_are403_withTheirReason() {
        assertThat(check("POST", "/workspaces/w1/channels", Fixtures.auth(Fixtures.SUPPORT_KEY)))
                .extracting(Verdict::status, Verdict::reason).containsExactly(403, "no_match");
        assertThat(check("GET", "/workspaces/w1/connectors/c1", Fixtures.auth(Fixtures.ADMIN_KEY)))
                .extracting(Verdict::status, Verdict::reason).containsExactly(403, "explicit_deny");
        assertThat(check("GET", "/workspaces/w1", Fixtures.auth(Fixtures.GHOST_KEY)))
                .extracting(Verdict::status, Verdict::reason).containsExactly(403, "unknown_policy");
        assertThat(check("TRACE", "/workspaces/w1", Fixtures.auth(Fixtures.ADMIN_KEY)))
                .extracting(Verdict::status, Verdict::reason).containsExactly(403, "unknown_action");
        assertThat(check("get", "/workspaces/w1", Fixtures.auth(Fixtures.ADMIN_KEY)))
                .extracting(Verdict::status, Verdict::reason).containsExactly(403, "unknown_action");
    }

    @Test
    void missingHeader_is401() {
        Verdict v = gate.check("GET", "/workspaces/w1/channels", List.of());
        assertThat(v.status()).isEqualTo(401);
        assertThat(v.reason()).isEqualTo(Verdict.MISSING_CREDENTIALS);
        assertThat(gate.check("GET", "/workspaces/w1/channels", null).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Bearer " + Fixtures.ADMIN_KEY, "Basic YWRtaW46YWRtaW4=", "AccessKey", "AccessKey ", "AccessKeyX " + Fixtures.ADMIN_KEY,
        "AccessKey " + Fixtures.ADMIN_KEY + " extra", "AccessKey a,b", Fixtures.ADMIN_KEY, "",
    })
    void otherSchemesAndShapes_are401Unsupported(String header) {
        Verdict v = check("GET", "/workspaces/w1/channels", header);
        assertThat(v.status()).isEqualTo(401);
        assertThat(v.reason()).isEqualTo(Verdict.UNSUPPORTED_CREDENTIALS);
        assertThat(v.detail()).doesNotContain(Fixtures.ADMIN_KEY);
    }

    @Test
    void twoAuthorizationHeaders_are401_evenIfOneIsGood() {
        Verdict v = check("GET", "/workspaces/w1/channels", Fixtures.auth(Fixtures.ADMIN_KEY), Fixtures.auth(Fixtures.UNKNOWN_KEY));
        assertThat(v.status()).isEqualTo(401);
    }

    @Test
    void unknownKey_is401() {
        Verdict v = check("GET", "/workspaces/w1/channels", Fixtures.auth(Fixtures.UNKNOWN_KEY));
        assertThat(v.status()).isEqualTo(401);
        assertThat(v.reason()).isEqualTo(Verdict.UNKNOWN_KEY);
        assertThat(v.keyId()).isEmpty();
        assertThat(v.toString()).doesNotContain(Fixtures.UNKNOWN_KEY);
    }

    @Test
    void scheme_isCaseInsensitive_andSpacesAroundTheKeyAreIgnored() {
        assertThat(check("GET", "/workspaces/w1/channels", "accesskey  " + Fixtures.SUPPORT_KEY + " ").status()).isEqualTo(200);
        assertThat(check("GET", "/workspaces/w1/channels", "ACCESSKEY\t" + Fixtures.SUPPORT_KEY).status()).isEqualTo(200);
    }

    @Test
    void malformedTargets_are400_withOrWithoutAKey_neverAnAllow() {
        for (String target : Malformed.all()) {
            for (String method : List.of("GET", "DELETE", "TRACE")) {
                Verdict withKey = check(method, target, Fixtures.auth(Fixtures.ADMIN_KEY));
                assertThat(withKey.status()).as("%s %s", method, target).isEqualTo(400);
                assertThat(withKey.reason()).isEqualTo("malformed_request");
                assertThat(gate.check(method, target, List.of()).status()).isEqualTo(400);
            }
        }
    }

    @Test
    void shortKey_isWarnedOnceByItsId_neverLogged_andLongKeysAreNot() throws Exception {
        String shortKey = "wk_short_9f2";
        AccessKeys keys = AccessKeys.parse("keys.json", "{\"keys\": [\n"
                + "{\"id\": \"ak_short\", \"hash\": \"" + AccessKeys.hash(shortKey) + "\", \"roles\": [\"support\"]},\n"
                + "{\"id\": \"ak_support\", \"hash\": \"" + AccessKeys.hash(Fixtures.SUPPORT_KEY) + "\", \"roles\": [\"support\"]}]}");
        Gate g = new Gate(gate.authorizer(), keys);
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                assertThat(g.check("GET", "/workspaces/w1/channels", List.of(Fixtures.auth(shortKey))).status()).isEqualTo(200);
                assertThat(g.check("GET", "/workspaces/w1/channels", List.of(Fixtures.auth(Fixtures.SUPPORT_KEY))).status())
                        .isEqualTo(200);
            }
            assertThat(logs.text().split("is short", -1)).hasSize(2);
            assertThat(logs.text()).contains("WARNING access key `ak_short` is short: about 72 bits of randomness at most")
                    .doesNotContain(shortKey).doesNotContain("ak_support").doesNotContain(Fixtures.SUPPORT_KEY);
        }
    }
}
