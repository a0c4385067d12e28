package dev.warden.core;

import static dev.warden.core.AuthorizerTest.allow;
import static dev.warden.core.AuthorizerTest.deny;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Corners of the compiled trie that random policy sets rarely reach: String hash collisions among
 * sibling literals and globs, glob pieces that must be found inside their own segment, variable
 * values that are a prefix or an extension of the segment, principals with many policies and
 * decisions made of many statements. Each case is also checked against {@link ReferenceMatcher}.
 */
class TrieMatcherTest {

    private static Decision decide(PolicySet set, Principal p, String action, String resource) {
        Decision d = Authorizer.builder().noCache().build(set).authorize(p, action, resource);
        ReferenceMatcher.Expected expected = new ReferenceMatcher(set).decide(p, action, resource);
        assertThat(d.reason()).as("reference reason for " + resource).isEqualTo(expected.reason());
        assertThat(d.matched()).as("reference statements for " + resource).isEqualTo(expected.matched());
        return d;
    }

    private static Principal with(String... policies) {
        return Principal.builder("ak_1").policies(List.of(policies)).build();
    }

    @Test
    void siblingLiterals_withTheSameStringHash_areDifferentSegments() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode()); // the premise
        List<Statement> statements = new ArrayList<>();
        for (String s : new String[] {"Aa", "c1", "c2", "c3", "c4", "c5"}) { // > 4: the hashed table
            statements.add(allow("view", "/w/" + s));
        }
        PolicySet set = PolicySet.builder().add(new Policy("p", statements)).build();
        assertThat(decide(set, with("p"), "view", "/w/Aa").reason()).isEqualTo(Reason.ALLOWED);
        assertThat(decide(set, with("p"), "view", "/w/BB").reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(decide(set, with("p"), "view", "/w/c5").reason()).isEqualTo(Reason.ALLOWED);
    }

    @Test
    void hashedLiteral_withTheStringHashOfItsOwnPrefix_isNotThePrefix() {
        assertThat("(j~rmzk".hashCode()).isEqualTo("(".hashCode()); // the premise, found by a search
        List<Statement> statements = new ArrayList<>();
        for (String s : new String[] {"(j~rmzk", "c1", "c2", "c3", "c4", "c5"}) {
            statements.add(allow("view", "/w/" + s));
        }
        PolicySet set = PolicySet.builder().add(new Policy("p", statements)).build();
        assertThat(decide(set, with("p"), "view", "/w/(j~rmzk").reason()).isEqualTo(Reason.ALLOWED);
        assertThat(decide(set, with("p"), "view", "/w/(").reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(decide(set, with("p"), "view", "/w/(j").reason()).isEqualTo(Reason.NO_MATCH);
    }

    @Test
    void siblingLiterals_thatArePrefixesOfEachOther_areDifferentSegments() {
        List<Statement> statements = new ArrayList<>();
        for (String s : new String[] {"chan", "channels", "c", "ch", "cha", "channel"}) {
            statements.add(allow("view", "/w/" + s + "/x"));
        }
        PolicySet set = PolicySet.builder().add(new Policy("p", statements)).build();
        for (String s : new String[] {"chan", "channels", "c", "ch", "cha", "channel"}) {
            assertThat(decide(set, with("p"), "view", "/w/" + s + "/x").matched()).hasSize(1);
        }
        assertThat(decide(set, with("p"), "view", "/w/channelsX/x").reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(decide(set, with("p"), "view", "/w/chann/x").reason()).isEqualTo(Reason.NO_MATCH);
    }

    @Test
    void siblingGlobs_withTheSameStringHash_keepTheirOwnStatements() {
        assertThat("Aa*".hashCode()).isEqualTo("BB*".hashCode()); // the premise
        PolicySet set = PolicySet.builder()
                .add(new Policy("p", List.of(allow("view", "/w/Aa*"), deny("view", "/w/BB*"))))
                .build();
        assertThat(decide(set, with("p"), "view", "/w/Aax").reason()).isEqualTo(Reason.ALLOWED);
        assertThat(decide(set, with("p"), "view", "/w/BBx").reason()).isEqualTo(Reason.EXPLICIT_DENY);
        assertThat(decide(set, with("p"), "view", "/w/Cx").reason()).isEqualTo(Reason.NO_MATCH);
    }

    @ParameterizedTest
    @CsvSource({
        // a middle piece is searched for inside the segment only, after the first piece and before the last
        "/*/ab*b*c, /b/abc, NO_MATCH",
        "/*/ab*b*c, /b/abbc, ALLOWED",
        "/*/ab*b*c, /ab/abxbyc, ALLOWED",
        "/a*c*c/**, /ac/x, NO_MATCH",
        "/a*c*c/**, /acc/x, ALLOWED",
        "/a*c*c/**, /acxc/x, ALLOWED",
        "/*/x*y*z, /xyz/xz, NO_MATCH",
        "/*/x*y*z, /q/xyz, ALLOWED",
        // the first and the last piece may not overlap
        "/w/ab*ba, /w/aba, NO_MATCH",
        "/w/ab*ba, /w/abba, ALLOWED",
        "/w/sms-*, /w/sms-, ALLOWED",
        "/w/sms-*, /w/sms, NO_MATCH",
    })
    void globPieces_matchInsideTheirOwnSegment(String pattern, String path, Reason expected) {
        PolicySet set = PolicySet.builder().add(new Policy("p", List.of(allow("view", pattern)))).build();
        assertThat(decide(set, with("p"), "view", path).reason()).isEqualTo(expected);
        // The explaining matcher agrees with the trie.
        assertThat(ResourcePattern.parse(pattern).match(ResourcePath.ofResource(path), with("p"), Effect.ALLOW).matches())
                .isEqualTo(expected == Reason.ALLOWED);
    }

    @ParameterizedTest
    @CsvSource({
        "w1, /w/w1, ALLOWED",
        "w10, /w/w1, NO_MATCH", // the value extends the segment
        "w, /w/w1, NO_MATCH", // the value is a prefix of the segment
        "w1, /w/w10, NO_MATCH",
        "w1, /w/W1, NO_MATCH",
    })
    void variable_matchesTheWholeValueOnly(String value, String path, Reason expected) {
        PolicySet set = PolicySet.builder()
                .add(new Policy("p", List.of(allow("view", "/w/${principal.workspace}"))))
                .build();
        Principal p = Principal.builder("ak_1").policy("p").attribute("workspace", value).build();
        assertThat(decide(set, p, "view", path).reason()).isEqualTo(expected);
    }

    @Test
    void principalWithManyPolicies_directAndThroughRoles_getsEachOfThem() {
        PolicySet.Builder b = PolicySet.builder();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            b.add(new Policy("p" + i, List.of(allow("view", "/r/" + i))));
            names.add("p" + i);
        }
        b.add(new Role("first", names.subList(0, 20))).add(new Role("second", names.subList(10, 40)));
        PolicySet set = b.build();
        Principal direct = Principal.builder("d").policies(names).build();
        Principal roles = Principal.builder("r").role("first").role("second").build();
        Principal mixed = Principal.builder("m").policies(names.subList(0, 25)).role("second").build();
        for (Principal p : List.of(direct, roles, mixed)) {
            for (int i = 0; i < 40; i++) {
                Decision d = decide(set, p, "view", "/r/" + i);
                assertThat(d.matched()).as(p.id() + " " + i)
                        .containsExactly(new MatchedStatement("p" + i, Effect.ALLOW, 0, Optional.empty()));
            }
        }
        Principal some = Principal.builder("s").role("first").build();
        assertThat(decide(set, some, "view", "/r/19").reason()).isEqualTo(Reason.ALLOWED);
        assertThat(decide(set, some, "view", "/r/20").reason()).isEqualTo(Reason.NO_MATCH);
    }

    @Test
    void manyMatchingStatements_areAllListed_onceEach_inPolicyOrder() {
        PolicySet.Builder b = PolicySet.builder();
        List<String> names = new ArrayList<>();
        List<MatchedStatement> allows = new ArrayList<>();
        List<MatchedStatement> denies = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            // Three patterns of each statement match the same path: it is listed once.
            b.add(new Policy("p" + i, List.of(
                    allow("view", "/x/*", "/x/**", "/x/y"),
                    deny("delete", "/x/y", "/*/y"),
                    allow("view,update", "/x/*"))));
            names.add("p" + i);
            allows.add(new MatchedStatement("p" + i, Effect.ALLOW, 0, Optional.empty()));
            allows.add(new MatchedStatement("p" + i, Effect.ALLOW, 2, Optional.empty()));
            denies.add(new MatchedStatement("p" + i, Effect.DENY, 1, Optional.empty()));
        }
        PolicySet set = b.build();
        // The principal lists its policies in reverse: decisions still list them in set order.
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        Principal p = Principal.builder("ak_1").policies(reversed).build();
        Decision allowed = decide(set, p, "view", "/x/y");
        assertThat(allowed.reason()).isEqualTo(Reason.ALLOWED);
        assertThat(allowed.matched()).containsExactlyElementsOf(allows);
        Decision denied = decide(set, p, "delete", "/x/y");
        assertThat(denied.reason()).isEqualTo(Reason.EXPLICIT_DENY);
        assertThat(denied.matched()).containsExactlyElementsOf(denies);
        assertThat(decide(set, p, "update", "/x/y").matched()).hasSize(9);
    }
}
