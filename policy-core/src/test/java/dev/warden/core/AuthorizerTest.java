package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerTest {
    private static SourceLocation at(int line, int column) {
        return new SourceLocation("f.policy", line, column);
    }


    static Statement st(Effect effect, String actions, String... patterns) {
        return Statement.of(effect, List.of(actions.split(",")), List.of(patterns));
    }

    static Statement allow(String actions, String... patterns) {
        return st(Effect.ALLOW, actions, patterns);
    }

    static Statement deny(String actions, String... patterns) {
        return st(Effect.DENY, actions, patterns);
    }

    static Principal withPolicies(String... policies) {
        return Principal.builder("ak_1").policies(List.of(policies)).build();
    }

    static Reason reason(Authorizer a, Principal p, String action, String resource) {
        return a.authorize(p, action, resource).reason();
    }

    @Nested
    class Wildcards {
        final Authorizer a = Authorizer.builder().noCache().build(PolicySet.builder()
                .add(new Policy("read", List.of(
                        allow("view", "/workspaces/*/channels", "/workspaces/*/channels/*"),
                        allow("view", "/workspaces/*/channels/*/messages/**"),
                        allow("view", "/workspaces/*/channels/sms-*/media/*"))))
                .build());
        final Principal p = withPolicies("read");

        @ParameterizedTest
        @CsvSource({
            "/workspaces/w1/channels, ALLOWED",
            "/workspaces/w1/channels/c1, ALLOWED",
            "/workspaces/w1/channels/c1/messages, NO_MATCH", // ** is below, never the parent
            "/workspaces/w1/channels/c1/messages/m1, ALLOWED",
            "/workspaces/w1/channels/c1/messages/m1/interactions, ALLOWED",
            "/workspaces/w1/channels/c1/status, NO_MATCH", // a pattern does not cover its children
            "/workspaces/w1, NO_MATCH",
            "/workspaces/w1/channels/sms-/media/i1, ALLOWED", // * inside a segment: zero or more chars
            "/workspaces/w1/channels/sms-eu/media/i1, ALLOWED",
            "/workspaces/w1/channels/wa-1/media/i1, NO_MATCH",
            "/workspaces/w1/channels/sms-eu/media/i1/x, NO_MATCH",
            "/Workspaces/w1/channels, NO_MATCH", // case-sensitive
            "/, NO_MATCH",
        })
        void view(String resource, Reason expected) {
            assertThat(reason(a, p, "view", resource)).isEqualTo(expected);
        }

        @Test
        void otherAction_noMatch() {
            assertThat(reason(a, p, "create", "/workspaces/w1/channels")).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void rootPath_matchesNoPattern_notEvenDoubleStar() {
            Authorizer all = Authorizer.of(PolicySet.builder().add(new Policy("all", List.of(allow("any", "/**")))).build());
            assertThat(reason(all, withPolicies("all"), "view", "/")).isEqualTo(Reason.NO_MATCH);
            assertThat(reason(all, withPolicies("all"), "view", "/x")).isEqualTo(Reason.ALLOWED);
        }

        @Test
        void globs_withSeveralStars() {
            Authorizer g = Authorizer.of(PolicySet.builder()
                    .add(new Policy("g", List.of(allow("view", "/a/*x*y*", "/b/a*b", "/c/*-eu")))).build());
            Principal q = withPolicies("g");
            assertThat(reason(g, q, "view", "/a/xy")).isEqualTo(Reason.ALLOWED);
            assertThat(reason(g, q, "view", "/a/1x2y3")).isEqualTo(Reason.ALLOWED);
            assertThat(reason(g, q, "view", "/a/yx")).isEqualTo(Reason.NO_MATCH);
            assertThat(reason(g, q, "view", "/b/ab")).isEqualTo(Reason.ALLOWED);
            assertThat(reason(g, q, "view", "/b/aXXb")).isEqualTo(Reason.ALLOWED);
            assertThat(reason(g, q, "view", "/b/a")).isEqualTo(Reason.NO_MATCH);
            assertThat(reason(g, q, "view", "/b/aba")).isEqualTo(Reason.NO_MATCH);
            assertThat(reason(g, q, "view", "/c/-eu")).isEqualTo(Reason.ALLOWED);
            assertThat(reason(g, q, "view", "/c/x-eu/y")).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void manyLiteralSiblings_useTheHashedChildren() {
            List<Statement> statements = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                statements.add(allow("view", "/workspaces/w" + i + "/channels"));
            }
            Authorizer big = Authorizer.of(PolicySet.builder().add(new Policy("big", statements)).build());
            Principal q = withPolicies("big");
            for (int i = 0; i < 200; i++) {
                assertThat(reason(big, q, "view", "/workspaces/w" + i + "/channels")).isEqualTo(Reason.ALLOWED);
            }
            assertThat(reason(big, q, "view", "/workspaces/w200/channels")).isEqualTo(Reason.NO_MATCH);
            assertThat(reason(big, q, "view", "/workspaces/w%31/channels")).isEqualTo(Reason.ALLOWED);
        }
    }

    @Nested
    class DenyOverrides {
        final PolicySet set = PolicySet.builder()
                .add(new Policy("admin", List.of(allow("any", "/workspaces/*/**"))))
                .add(new Policy("no-connectors", List.of(
                        deny("create,update,delete", "/workspaces/*/connectors/**"),
                        deny("delete", "/workspaces/*/connectors"))))
                .build();
        final Authorizer a = Authorizer.builder().noCache().build(set);

        @ParameterizedTest
        @CsvSource({
            "view, /workspaces/w1/connectors/k1, ALLOWED",
            "delete, /workspaces/w1/connectors/k1, EXPLICIT_DENY",
            "create, /workspaces/w1/connectors, ALLOWED",
            "delete, /workspaces/w1/connectors, EXPLICIT_DENY",
            "update, /workspaces/w1/channels/c1, ALLOWED",
            "view, /workspaces/w1, NO_MATCH",
            "view, /organizations/o1, NO_MATCH",
        })
        void denyWins_inEitherOrder(String action, String resource, Reason expected) {
            assertThat(reason(a, withPolicies("no-connectors", "admin"), action, resource)).isEqualTo(expected);
            assertThat(reason(a, withPolicies("admin", "no-connectors"), action, resource)).isEqualTo(expected);
        }

        @Test
        void explicitDeny_carriesTheDenyStatementsOnly() {
            Decision d = a.authorize(withPolicies("admin", "no-connectors"), "delete", "/workspaces/w1/connectors");
            assertThat(d.allowed()).isFalse();
            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.matched()).containsExactly(new MatchedStatement("no-connectors", Effect.DENY, 1, Optional.empty()));
        }

        @Test
        void statementOrderWithinAPolicy_neverMatters() {
            PolicySet reversed = PolicySet.builder()
                    .add(new Policy("p", List.of(deny("view", "/a/*"), allow("view", "/a/b")))).build();
            PolicySet forward = PolicySet.builder()
                    .add(new Policy("p", List.of(allow("view", "/a/b"), deny("view", "/a/*")))).build();
            assertThat(reason(Authorizer.of(reversed), withPolicies("p"), "view", "/a/b")).isEqualTo(Reason.EXPLICIT_DENY);
            assertThat(reason(Authorizer.of(forward), withPolicies("p"), "view", "/a/b")).isEqualTo(Reason.EXPLICIT_DENY);
        }
    }

    @Nested
    class Roles {
        final PolicySet set = PolicySet.builder()
                .add(new Policy("read", List.of(allow("view", "/workspaces/*/channels/**"))))
                .add(new Policy("send", List.of(allow("create", "/workspaces/*/channels/*/messages"))))
                .add(new Role("reader", List.of("read")))
                .add(new Role("sender", List.of("read", "send")))
                .build();
        final Authorizer a = Authorizer.of(set);
        final String messages = "/workspaces/w1/channels/c1/messages";

        @Test
        void effectivePolicies_areDirectPlusRoles() {
            Principal reader = Principal.builder("r").role("reader").build();
            Principal sender = Principal.builder("s").role("sender").build();
            Principal direct = Principal.builder("d").policy("send").build();
            Principal both = Principal.builder("b").role("reader").policy("send").build();
            assertThat(reason(a, reader, "create", messages)).isEqualTo(Reason.NO_MATCH);
            assertThat(reason(a, reader, "view", messages)).isEqualTo(Reason.ALLOWED);
            assertThat(reason(a, sender, "create", messages)).isEqualTo(Reason.ALLOWED);
            assertThat(reason(a, direct, "create", messages)).isEqualTo(Reason.ALLOWED);
            assertThat(reason(a, direct, "view", messages)).isEqualTo(Reason.NO_MATCH);
            assertThat(reason(a, both, "create", messages)).isEqualTo(Reason.ALLOWED);
            assertThat(reason(a, both, "view", messages)).isEqualTo(Reason.ALLOWED);
        }

        @Test
        void unknownRoleOrPolicy_deniesEverything() {
            Principal ghostRole = Principal.builder("x").role("reader").role("ghost").build();
            Principal ghostPolicy = Principal.builder("y").policy("read").policy("nope").build();
            assertThat(reason(a, ghostRole, "view", messages)).isEqualTo(Reason.UNKNOWN_POLICY);
            assertThat(reason(a, ghostPolicy, "view", messages)).isEqualTo(Reason.UNKNOWN_POLICY);
            assertThat(a.authorize(ghostRole, "view", messages).detail())
                    .isEqualTo("principal `x` names role `ghost`, which is not loaded");
            assertThat(a.authorize(ghostPolicy, "view", messages).detail())
                    .isEqualTo("principal `y` names policy `nope`, which is not loaded");
        }

        @Test
        void noRolesNoPolicies_isNoMatch() {
            assertThat(reason(a, Principal.of("z"), "view", messages)).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void precedence_malformedThenUnknownActionThenUnknownPolicy() {
            Principal ghost = Principal.builder("g").role("ghost").build();
            assertThat(reason(a, ghost, "bogus", "/a/../b")).isEqualTo(Reason.MALFORMED_REQUEST);
            assertThat(reason(a, ghost, "bogus", "/a/b")).isEqualTo(Reason.UNKNOWN_ACTION);
            assertThat(reason(a, ghost, "view", "/a/b")).isEqualTo(Reason.UNKNOWN_POLICY);
            assertThat(a.authorizeHttp(ghost, "get", "/a/%2e%2e").reason()).isEqualTo(Reason.MALFORMED_REQUEST);
            assertThat(a.authorizeHttp(ghost, "get", "/a").reason()).isEqualTo(Reason.UNKNOWN_ACTION);
        }

        @Test
        void principalReused_acrossAuthorizers_resolvesAgainstEach() {
            Principal reader = Principal.builder("r").role("reader").build();
            Authorizer other = Authorizer.of(PolicySet.empty());
            assertThat(reason(a, reader, "view", messages)).isEqualTo(Reason.ALLOWED);
            assertThat(reason(other, reader, "view", messages)).isEqualTo(Reason.UNKNOWN_POLICY);
            assertThat(reason(a, reader, "view", messages)).isEqualTo(Reason.ALLOWED);
        }
    }

    @Nested
    class Variables {
        final PolicySet set = PolicySet.builder()
                .add(new Policy("own-workspace", List.of(
                        allow("any", "/workspaces/${principal.workspace}/**"),
                        deny("delete", "/workspaces/${principal.workspace}/connectors/*"))))
                .add(new Policy("own-key", List.of(allow("view", "/organizations/*/access-keys/${principal.id}"))))
                .build();
        final Authorizer a = Authorizer.builder().noCache().build(set);
        final Principal withWorkspace = Principal.builder("ak_1").policy("own-workspace").policy("own-key")
                .attribute("workspace", "w1").build();
        final Principal without = Principal.builder("ak_2").policy("own-workspace").policy("own-key").build();

        @ParameterizedTest
        @CsvSource({
            "view, /workspaces/w1/channels, ALLOWED, NO_MATCH",
            "view, /workspaces/w2/channels, NO_MATCH, NO_MATCH",
            "delete, /workspaces/w1/connectors/k1, EXPLICIT_DENY, EXPLICIT_DENY",
            "delete, /workspaces/w2/connectors/k1, NO_MATCH, EXPLICIT_DENY",
            "view, /organizations/o1/access-keys/ak_1, ALLOWED, NO_MATCH",
            "view, /organizations/o1/access-keys/ak_2, NO_MATCH, ALLOWED",
            "view, /workspaces/${principal.workspace}/channels, NO_MATCH, NO_MATCH",
        })
        void variables_matchThePrincipalsValue_andFailClosed(String action, String resource, Reason forW1,
                Reason forNone) {
            assertThat(reason(a, withWorkspace, action, resource)).isEqualTo(forW1);
            assertThat(reason(a, without, action, resource)).isEqualTo(forNone);
        }

        /**
         * A value that no well-formed segment can equal counts as missing: it never switches a deny
         * off, and an allow does not match it.
         */
        @ParameterizedTest
        @ValueSource(strings = {"", ".", "..", "w1/x", "w%31", "w1;x", "w1\\x", "w1?x", "w1#x", "w\u00e9", "w1\n"})
        void anUnmatchableValue_countsAsMissing(String value) {
            Principal odd = Principal.builder("ak_3").policy("own-workspace").attribute("workspace", value).build();
            assertThat(reason(a, odd, "delete", "/workspaces/w1/connectors/k1")).as("`%s`", value)
                    .isEqualTo(Reason.EXPLICIT_DENY);
            assertThat(reason(a, odd, "view", "/workspaces/w1/channels")).as("`%s`", value).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void aValueWithOrdinaryCharacters_stillMatches() {
            Principal spaced = Principal.builder("ak_3").policy("own-workspace").attribute("workspace", "w1 x@y").build();
            assertThat(reason(a, spaced, "view", "/workspaces/w1%20x@y/channels")).isEqualTo(Reason.ALLOWED);
            assertThat(reason(a, spaced, "delete", "/workspaces/w1%20x@y/connectors/k1")).isEqualTo(Reason.EXPLICIT_DENY);
            assertThat(reason(a, spaced, "delete", "/workspaces/w2/connectors/k1")).isEqualTo(Reason.NO_MATCH);
        }
    }

    @Nested
    class ActionsAndHttp {
        final PolicySet set = PolicySet.builder()
                .declareAction("approve").declareAction("export")
                .add(new Policy("approver", List.of(
                        allow("approve", "/workspaces/*/templates/*"),
                        allow("*", "/workspaces/*/exports/**"))))
                .add(new Policy("channels", List.of(
                        allow("view,create", "/workspaces/*/channels/**"),
                        allow("update", "/workspaces/*/channels/*"))))
                .build();
        final Authorizer a = Authorizer.of(set);
        final Principal p = withPolicies("approver", "channels");

        @ParameterizedTest
        @CsvSource({
            "approve, /workspaces/w1/templates/t1, ALLOWED",
            "APPROVE, /workspaces/w1/templates/t1, ALLOWED",
            "Approve, /workspaces/w1/templates/t1, ALLOWED",
            "view, /workspaces/w1/templates/t1, NO_MATCH",
            "export, /workspaces/w1/exports/e1, ALLOWED",
            "view, /workspaces/w1/exports/e1, ALLOWED",
            "publish, /workspaces/w1/exports/e1, UNKNOWN_ACTION",
            "any, /workspaces/w1/exports/e1, UNKNOWN_ACTION",
            "'', /workspaces/w1/exports/e1, UNKNOWN_ACTION",
        })
        void actions_areCaseInsensitive_andAnyCoversDeclared(String action, String resource, Reason expected) {
            assertThat(reason(a, p, action, resource)).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({
            "GET, /workspaces/w1/channels/c1, ALLOWED",
            "HEAD, /workspaces/w1/channels/c1, ALLOWED",
            "OPTIONS, /workspaces/w1/channels/c1, ALLOWED",
            "POST, /workspaces/w1/channels/c1/messages, ALLOWED",
            "PUT, /workspaces/w1/channels/c1, ALLOWED",
            "PATCH, /workspaces/w1/channels/c1, ALLOWED",
            "DELETE, /workspaces/w1/channels/c1, NO_MATCH",
            "TRACE, /workspaces/w1/channels/c1, UNKNOWN_ACTION",
            "get, /workspaces/w1/channels/c1, UNKNOWN_ACTION",
            "view, /workspaces/w1/channels/c1, UNKNOWN_ACTION",
            "GET, /workspaces/w1/channels/c1?limit=5&next=/../admin, ALLOWED",
            "GET, /workspaces/w1/channels/c1#top, MALFORMED_REQUEST",
            "GET, /workspaces/w1/channels?x=1, NO_MATCH",
            "GET, /workspaces/w1/channels/c1/, MALFORMED_REQUEST",
        })
        void httpMethods_mapToActions_caseSensitively(String method, String path, Reason expected) {
            assertThat(a.authorizeHttp(p, method, path).reason()).isEqualTo(expected);
        }

        @Test
        void resourceForm_rejectsAQuery() {
            assertThat(reason(a, p, "view", "/workspaces/w1/channels/c1?limit=5")).isEqualTo(Reason.MALFORMED_REQUEST);
        }

        @ParameterizedTest
        @CsvSource({
            "GET, view, /workspaces/w1/channels/c1",
            "POST, create, /workspaces/w1/channels/c1/messages",
            "DELETE, delete, /workspaces/w1/channels/c1",
            "GET, view, /workspaces/w1/channels/c1/",
            "GET, view, /workspaces/w1/channels/c%31",
        })
        void everyRequestForm_getsTheSameDecision_cachedOrNot(String method, String action, String path) {
            Authorizer uncached = Authorizer.builder().noCache().build(set);
            Decision expected = uncached.authorize(p, action, path);
            for (Authorizer x : List.of(a, uncached)) {
                for (int round = 0; round < 2; round++) { // the second round is answered by the cache
                    assertThat(x.decide(new AccessRequest.OnResource(p, action, path))).isEqualTo(expected);
                    assertThat(x.decide(new AccessRequest.Http(p, method, path))).isEqualTo(expected);
                    assertThat(x.decide(new AccessRequest.OnPath(p, action, ResourcePath.ofResource(path))))
                            .isEqualTo(expected);
                }
            }
        }

        @Test
        void aRequest_withoutAPrincipal_isRefusedWhenMade() {
            assertThatThrownBy(() -> new AccessRequest.OnResource(null, "view", "/w"))
                    .isInstanceOf(NullPointerException.class).hasMessage("principal");
            assertThatThrownBy(() -> a.authorizeHttp(null, "GET", "/w"))
                    .isInstanceOf(NullPointerException.class).hasMessage("principal");
            assertThatThrownBy(() -> a.decide(new AccessRequest.OnPath(null, "view", ResourcePath.ofResource("/w"))))
                    .isInstanceOf(NullPointerException.class).hasMessage("principal");
        }

        @Test
        void theRequestForms_sayWhatWasAsked() {
            AccessRequest http = new AccessRequest.Http(p, "PATCH", "/workspaces/w%31?x=1");
            assertThat(http.requestedAction()).contains("update");
            assertThat(http.resourcePath().canonical()).isEqualTo("/workspaces/w1");
            assertThat(http.verb()).isEqualTo("PATCH");
            assertThat(new AccessRequest.Http(p, "TRACE", "/w").requestedAction()).isEmpty();
            AccessRequest onResource = new AccessRequest.OnResource(p, "APPROVE", "/w/x");
            assertThat(onResource.requestedAction()).contains("approve");
            assertThat(onResource.target()).isEqualTo("/w/x");
            assertThat(new AccessRequest.OnPath(p, "view", ResourcePath.ofHttpPath("/w%31")).target()).isEqualTo("/w1");
        }

        @Test
        void httpMapping_isPublic() {
            assertThat(Actions.forHttpMethod("PATCH")).contains("update");
            assertThat(Actions.forHttpMethod("patch")).isEmpty();
        }
    }

    @Nested
    class MatchedStatements {
        @Test
        void allow_listsEveryMatchingAllow_onceEach_inPolicyOrder() {
            PolicySet set = PolicySet.builder()
                    .add(new Policy("b", List.of(allow("view", "/a/*", "/a/x"), allow("any", "/a/**"))),
                            new SourceMap.PolicySources(at(1, 8), List.of(SourceMap.StatementSources.at(at(2, 5)),
                                    SourceMap.StatementSources.at(at(3, 5)))))
                    .add(new Policy("a", List.of(allow("view", "/a/x"))),
                            new SourceMap.PolicySources(at(5, 8), List.of(SourceMap.StatementSources.at(at(6, 5)))))
                    .build();
            Decision d = Authorizer.of(set).authorize(withPolicies("a", "b"), "view", "/a/x");
            assertThat(d.reason()).isEqualTo(Reason.ALLOWED);
            assertThat(d.matched()).containsExactly(
                    new MatchedStatement("b", Effect.ALLOW, 0, Optional.of(at(2, 5))),
                    new MatchedStatement("b", Effect.ALLOW, 1, Optional.of(at(3, 5))),
                    new MatchedStatement("a", Effect.ALLOW, 0, Optional.of(at(6, 5))));
        }

        @Test
        void statementsOfOtherPrincipalsPolicies_areNotListed() {
            PolicySet set = PolicySet.builder()
                    .add(new Policy("mine", List.of(allow("view", "/a/*"))))
                    .add(new Policy("theirs", List.of(allow("view", "/a/*"), deny("view", "/a/x"))))
                    .build();
            Decision d = Authorizer.of(set).authorize(withPolicies("mine"), "view", "/a/x");
            assertThat(d.reason()).isEqualTo(Reason.ALLOWED);
            assertThat(d.matched()).extracting(MatchedStatement::policy).containsExactly("mine");
        }

        @Test
        void denials_withoutStatements_carryADetail() {
            Authorizer a = Authorizer.of(PolicySet.empty());
            Decision malformed = a.authorize(Principal.of("x"), "view", "/a//b");
            assertThat(malformed.matched()).isEmpty();
            assertThat(malformed.detail()).isEqualTo("empty segment at offset 3");
            assertThat(a.authorize(Principal.of("x"), "veiw", "/a").detail()).isEqualTo("unknown action `veiw`");
            assertThat(a.authorize(Principal.of("x"), "view", "/a").detail()).isEmpty();
        }
    }

    @Nested
    class CacheAndReload {
        final PolicySet allowSet = PolicySet.builder().add(new Policy("p", List.of(allow("view", "/a/*")))).build();
        final PolicySet denySet = PolicySet.builder().add(new Policy("p", List.of(deny("view", "/a/*")))).build();

        @Test
        void cachedDecision_equalsUncached() {
            Authorizer cached = Authorizer.builder().cacheMaximumSize(100).build(allowSet);
            Principal p = withPolicies("p");
            Decision first = cached.authorize(p, "view", "/a/b");
            Decision second = cached.authorize(p, "view", "/a/b");
            assertThat(second).isEqualTo(first);
            assertThat(cached.cachedDecisions()).isEqualTo(1);
            assertThat(cached.authorize(p, "view", "/a/%62")).isEqualTo(first); // same canonical path
        }

        @Test
        void reload_dropsTheOldSetsDecisions() {
            Authorizer a = Authorizer.builder().cacheMaximumSize(100).build(allowSet);
            Principal p = withPolicies("p");
            assertThat(reason(a, p, "view", "/a/b")).isEqualTo(Reason.ALLOWED);
            a.reload(denySet);
            assertThat(a.policySet()).isEqualTo(denySet);
            assertThat(reason(a, p, "view", "/a/b")).isEqualTo(Reason.EXPLICIT_DENY);
            a.reload(allowSet);
            assertThat(reason(a, p, "view", "/a/b")).isEqualTo(Reason.ALLOWED);
        }

        @Test
        void cache_isBounded() {
            Authorizer a = Authorizer.builder().cacheMaximumSize(10).build(allowSet);
            Principal p = withPolicies("p");
            for (int i = 0; i < 1000; i++) {
                a.authorize(p, "view", "/a/" + i);
            }
            assertThat(a.cachedDecisions()).isLessThanOrEqualTo(10);
        }

        @Test
        void noCache_cachesNothing() {
            Authorizer a = Authorizer.builder().noCache().build(allowSet);
            a.authorize(withPolicies("p"), "view", "/a/b");
            assertThat(a.cacheEnabled()).isFalse();
            assertThat(a.cachedDecisions()).isZero();
        }

        @Test
        void negativeCacheSize_isRejected() {
            assertThatThrownBy(() -> Authorizer.builder().cacheMaximumSize(-1))
                    .hasMessage("cache size must not be negative: -1");
        }
    }
}
