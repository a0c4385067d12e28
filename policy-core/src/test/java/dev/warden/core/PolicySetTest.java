package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySetTest {

    private static Statement allow(String action, String... patterns) {
        return Statement.of(Effect.ALLOW, List.of(action), List.of(patterns));
    }

    @Test
    void unknownAction_isALoadErrorWithHint() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .add(new Policy("p", List.of(allow("veiw", "/a"))), "p.policy:1:1", List.of("p.policy:2:5"))
                .build());
        assertThat(e.problems()).containsExactly(new PolicySetException.Problem(
                "unknown action `veiw` in policy `p`", "did you mean `view`?", "p.policy:2:5"));
    }

    @Test
    void unknownAction_withoutCloseName_suggestsDeclaring() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .add(new Policy("p", List.of(allow("approve", "/a")))).build());
        assertThat(e.problems()).singleElement().extracting(PolicySetException.Problem::hint)
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
                .add(new Role("r", List.of("raed")), "roles.policy:4:1")
                .build());
        assertThat(e.problems()).containsExactly(new PolicySetException.Problem(
                "role `r` names policy `raed`, which is not loaded", "did you mean `read`?", "roles.policy:4:1"));
    }

    @Test
    void duplicateNames_areLoadErrorsNamingBothPlaces() {
        PolicySetException e = catchThrowableOfType(PolicySetException.class, () -> PolicySet.builder()
                .add(new Policy("p", List.of(allow("view", "/a"))), "a.policy:1:8", List.of("a.policy:2:5"))
                .add(new Policy("p", List.of(allow("view", "/b"))), "b.policy:3:8", List.of("b.policy:4:5"))
                .add(new Role("r", List.of("p")), "a.policy:9:6")
                .add(new Role("r", List.of("p")), "b.policy:9:6")
                .build());
        assertThat(e.problems()).containsExactly(
                new PolicySetException.Problem("duplicate policy `p`", "first defined at a.policy:1:8", "b.policy:3:8"),
                new PolicySetException.Problem("duplicate role `r`", "first defined at a.policy:9:6", "b.policy:9:6"));
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
                .add(new Policy("p", List.of(allow("view", "/a"))), "a.policy:1:1", List.of("a.policy:2:1")).build();
        PolicySet b = PolicySet.builder().add(new Policy("p", List.of(allow("view", "/a")))).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.statementSource("p", 0)).isEqualTo("a.policy:2:1");
        assertThat(b.statementSource("p", 0)).isEmpty();
    }

    @Test
    void names_mustNotBeEmptyOrHoldControls() {
        assertThatThrownBy(() -> new Policy("", List.of())).hasMessage("a policy name must not be empty");
        assertThatThrownBy(() -> new Role("a\nb", List.of())).hasMessageContaining("control character");
    }
}
