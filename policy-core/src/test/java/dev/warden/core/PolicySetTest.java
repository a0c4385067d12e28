package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySetTest {

    private static Statement allow(String action, String... patterns) {
        return Statement.of(Effect.ALLOW, List.of(action), List.of(patterns));
    }

    private static SourceLocation at(String file, int line, int column) {
        return new SourceLocation(file, line, column);
    }

    /** A policy at {@code file:line:col} with one statement at the line after it, column 5. */
    private static SourceMap.PolicySources sources(String file, int line, int column) {
        return new SourceMap.PolicySources(at(file, line, column),
                List.of(SourceMap.StatementSources.at(at(file, line + 1, 5))));
    }

    @Test
    void unknownAction_isALoadErrorWithHint() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .add(new Policy("p", List.of(allow("veiw", "/a"))), sources("p.policy", 1, 1))
                .build());
        assertThat(e.problems()).containsExactly(new PolicySetProblem(PolicySetProblem.Kind.UNKNOWN_ACTION,
                new PolicySetProblem.Subject.StatementAction("p", 0, "veiw"),
                "unknown action `veiw` in policy `p`", "did you mean `view`?", Optional.of(at("p.policy", 2, 5))));
    }

    @Test
    void unknownAction_withoutCloseName_suggestsDeclaring() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .add(new Policy("p", List.of(allow("approve", "/a")))).build());
        assertThat(e.problems()).singleElement().extracting(PolicySetProblem::hint)
                .isEqualTo("declare it with `actions approve`");
    }

    @Test
    void declaredAction_isKnown_caseInsensitively() {
        PolicySet set = PolicySet.builder().declareAction("Approve")
                .add(new Policy("p", List.of(allow("APPROVE", "/a")))).build();
        assertThat(set.declaredActions()).containsExactly("approve");
        assertThat(set.actions()).containsExactly("view", "create", "update", "delete", "approve");
    }

    @Test
    void declaringABuiltIn_isALoadError() {
        assertThatThrownBy(() -> PolicySet.builder().declareAction("view").build())
                .isInstanceOf(PolicySetException.class)
                .hasMessageContaining("`view` is a built-in action and cannot be declared");
        assertThatThrownBy(() -> PolicySet.builder().declareAction("any").build())
                .hasMessageContaining("`any` is a built-in action");
        assertThatThrownBy(() -> PolicySet.builder().declareAction("9x").build())
                .hasMessageContaining("`9x` is not a valid action name");
    }

    @Test
    void roleNamingAMissingPolicy_isALoadError() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .add(new Policy("read", List.of(allow("view", "/a"))))
                .add(new Role("r", List.of("raed")), at("roles.policy", 4, 1))
                .build());
        assertThat(e.problems()).containsExactly(new PolicySetProblem(PolicySetProblem.Kind.UNKNOWN_POLICY_IN_ROLE,
                new PolicySetProblem.Subject.RolePolicy("r", 0, "raed"),
                "role `r` names policy `raed`, which is not loaded", "did you mean `read`?",
                Optional.of(at("roles.policy", 4, 1))));
    }

    @Test
    void duplicateNames_areLoadErrorsNamingBothPlaces() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .add(new Policy("p", List.of(allow("view", "/a"))), sources("a.policy", 1, 8))
                .add(new Policy("p", List.of(allow("view", "/b"))), sources("b.policy", 3, 8))
                .add(new Role("r", List.of("p")), at("a.policy", 9, 6))
                .add(new Role("r", List.of("p")), at("b.policy", 9, 6))
                .build());
        assertThat(e.problems()).containsExactly(
                new PolicySetProblem(PolicySetProblem.Kind.DUPLICATE_POLICY,
                        new PolicySetProblem.Subject.PolicyDefinition(1, "p"),
                        "duplicate policy `p`", "first defined at a.policy:1:8",
                        Optional.of(at("b.policy", 3, 8))),
                new PolicySetProblem(PolicySetProblem.Kind.DUPLICATE_ROLE,
                        new PolicySetProblem.Subject.RoleDefinition(1, "r"),
                        "duplicate role `r`", "first defined at a.policy:9:6",
                        Optional.of(at("b.policy", 9, 6))));
    }

    @Test
    void everyProblem_isReported() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .add(new Policy("p", List.of(allow("veiw", "/a"), allow("crate", "/b"))))
                .add(new Role("r", List.of("nope")))
                .build());
        assertThat(e.problems()).hasSize(3);
    }

    @Test
    void statements_normaliseActions() {
        Statement s = Statement.of(Effect.DENY, List.of("*", "View", "view"), List.of("/a", "/a"));
        assertThat(s.actions()).containsExactly("any", "view");
        assertThat(s.resources()).hasSize(1);
        assertThat(s.coversAnyAction()).isTrue();
        assertThatThrownBy(() -> Statement.of(Effect.ALLOW, List.of(), List.of("/a")))
                .hasMessage("a statement needs at least one action");
        assertThatThrownBy(() -> Statement.of(Effect.ALLOW, List.of("view"), List.of()))
                .hasMessage("a statement needs at least one resource pattern");
        assertThatThrownBy(() -> Statement.of(Effect.ALLOW, List.of("vi ew"), List.of("/a")))
                .hasMessageContaining("`vi ew` is not a valid action name");
    }

    @Test
    void equality_ignoresSources() {
        PolicySet a = PolicySet.builder()
                .add(new Policy("p", List.of(allow("view", "/a"))), sources("a.policy", 1, 1)).build();
        PolicySet b = PolicySet.builder().add(new Policy("p", List.of(allow("view", "/a")))).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.sources().statement("p", 0)).contains(at("a.policy", 2, 5));
        assertThat(b.sources().statement("p", 0)).isEmpty();
        assertThat(b.sources()).isEqualTo(SourceMap.empty());
    }

    @Test
    void equality_ignoresSources_ofTheSamePolicyFromTwoFiles() {
        Role r = new Role("r", List.of("p"));
        PolicySet a = PolicySet.builder().add(new Policy("p", List.of(allow("view", "/a"))), sources("a.policy", 1, 8))
                .add(r, at("a.policy", 9, 6)).build();
        PolicySet b = PolicySet.builder().add(new Policy("p", List.of(allow("view", "/a"))), sources("b.policy", 4, 3))
                .add(r, at("b.policy", 1, 1)).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.sources()).isNotEqualTo(b.sources());
        assertThat(a.sources().policy("p")).contains(at("a.policy", 1, 8));
        assertThat(b.sources().role("r")).contains(at("b.policy", 1, 1));
    }

    @Test
    void sourceMap_givesEachPatternOfAStatement() {
        SourceMap.StatementSources statement = new SourceMap.StatementSources(at("f.policy", 2, 3),
                List.of(at("f.policy", 2, 9, 4)), List.of(at("f.policy", 2, 17, 2), at("f.policy", 2, 21, 3)));
        PolicySet set = PolicySet.builder().add(new Policy("p", List.of(allow("view", "/a", "/bc"))),
                new SourceMap.PolicySources(at("f.policy", 1, 8), List.of(statement))).build();
        assertThat(set.sources().pattern("p", 0, 1)).contains(at("f.policy", 2, 21, 3));
        assertThat(set.sources().action("p", 0, 0)).contains(at("f.policy", 2, 9, 4));
        assertThat(set.sources().pattern("p", 0, 2)).isEmpty();
        assertThat(set.sources().pattern("p", 1, 0)).isEmpty();
        assertThat(set.sources().pattern("q", 0, 0)).isEmpty();
    }

    @Test
    void sources_withAPatternCountOtherThanTheStatements_areRefused() {
        SourceMap.StatementSources statement = new SourceMap.StatementSources(at("f.policy", 2, 3), List.of(),
                List.of(at("f.policy", 2, 17)));
        assertThatThrownBy(() -> PolicySet.builder().add(new Policy("p", List.of(allow("view", "/a", "/b"))),
                new SourceMap.PolicySources(at("f.policy", 1, 8), List.of(statement))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one source per pattern");
    }

    private static SourceLocation at(String file, int line, int column, int length) {
        return new SourceLocation(file, line, column, length);
    }

    @Test
    void declaredActions_thatCannotBeDeclared_areProblemsNamingTheDeclaration() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .declareAction("approve", at("a.policy", 1, 9))
                .declareAction("View", at("a.policy", 1, 18))
                .declareAction("9x", at("a.policy", 1, 24))
                .build());
        assertThat(e.problems()).containsExactly(
                new PolicySetProblem(PolicySetProblem.Kind.BUILT_IN_ACTION,
                        new PolicySetProblem.Subject.ActionDeclaration(1, "View"),
                        "`View` is a built-in action and cannot be declared", "",
                        Optional.of(at("a.policy", 1, 18))),
                new PolicySetProblem(PolicySetProblem.Kind.INVALID_ACTION_NAME,
                        new PolicySetProblem.Subject.ActionDeclaration(2, "9x"),
                        "`9x` is not a valid action name (letters, digits, `_` and `-`, starting with a letter)", "",
                        Optional.of(at("a.policy", 1, 24))));
        assertThat(e).hasMessage("a.policy:1:18: `View` is a built-in action and cannot be declared\n"
                + "a.policy:1:24: `9x` is not a valid action name (letters, digits, `_` and `-`, starting with a letter)");
    }

    @Test
    void unknownActionAndPolicy_subjects_nameTheStatementAndTheReference() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .add(new Policy("p", List.of(allow("view", "/a"), Statement.of(Effect.DENY, List.of("View", "exprt"),
                        List.of("/b")))))
                .add(new Role("r", List.of("p", "q")))
                .build());
        assertThat(e.problems()).extracting(PolicySetProblem::kind, PolicySetProblem::subject).containsExactly(
                tuple(PolicySetProblem.Kind.UNKNOWN_ACTION, new PolicySetProblem.Subject.StatementAction("p", 1, "exprt")),
                tuple(PolicySetProblem.Kind.UNKNOWN_POLICY_IN_ROLE, new PolicySetProblem.Subject.RolePolicy("r", 1, "q")));
    }

    @Test
    void everyProblemKind_isProducedByTheBuilder() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .declareAction("9x")
                .declareAction("any")
                .add(new Policy("p", List.of(allow("veiw", "/a"))))
                .add(new Policy("p", List.of()))
                .add(new Role("r", List.of("nope")))
                .add(new Role("r", List.of()))
                .build());
        assertThat(e.problems()).extracting(PolicySetProblem::kind)
                .containsExactlyInAnyOrder(PolicySetProblem.Kind.values());
    }

    @Test
    void knowsActionAndHasPolicy_answerAsBuildChecks() {
        PolicySet.Builder b = PolicySet.builder().declareAction("Approve").add(new Policy("p", List.of()));
        assertThat(b.knowsAction("approve")).isTrue();
        assertThat(b.knowsAction("any")).isTrue();
        assertThat(b.knowsAction("view")).isTrue();
        assertThat(b.knowsAction("export")).isFalse();
        assertThat(b.hasPolicy("p")).isTrue();
        assertThat(b.hasPolicy("q")).isFalse();
    }

    @Test
    void names_problems_areDataWithKindAndOffset() {
        InvalidNameException empty = catchThrowableOfType(InvalidNameException.class, () -> new Policy("", List.of()));
        assertThat(empty.kind()).isEqualTo(InvalidNameException.Kind.EMPTY);
        assertThat(empty.what()).isEqualTo("policy");
        InvalidNameException tooLong = catchThrowableOfType(InvalidNameException.class,
                () -> new Role("r".repeat(Limits.MAX_NAME_LENGTH + 1), List.of()));
        assertThat(tooLong.kind()).isEqualTo(InvalidNameException.Kind.TOO_LONG);
        assertThat(tooLong).hasMessage("a role name is at most 256 characters");
        InvalidNameException control = catchThrowableOfType(InvalidNameException.class,
                () -> new Role("r", List.of("ab\u007fc")));
        assertThat(control.kind()).isEqualTo(InvalidNameException.Kind.CONTROL_CHARACTER);
        assertThat(control.what()).isEqualTo("policy");
        assertThat(control.offset()).isEqualTo(2);
        assertThat(control).hasMessage("policy name `ab\u007fc` holds a control character");
        assertThatNoException().isThrownBy(() -> Names.check("role", "a \"quoted\" name"));
    }

    @Test
    void names_everyKind_isProduced() {
        Set<InvalidNameException.Kind> seen = EnumSet.noneOf(InvalidNameException.Kind.class);
        for (String name : List.of("", "n".repeat(Limits.MAX_NAME_LENGTH + 1), "a\tb")) {
            seen.add(catchThrowableOfType(InvalidNameException.class, () -> Names.check("policy", name)).kind());
        }
        assertThat(seen).containsExactlyInAnyOrder(InvalidNameException.Kind.values());
    }

    @Test
    void names_mustNotBeEmptyOrHoldControls() {
        assertThatThrownBy(() -> new Policy("", List.of())).hasMessage("a policy name must not be empty");
        assertThatThrownBy(() -> new Role("a\nb", List.of())).hasMessageContaining("control character");
    }
}
