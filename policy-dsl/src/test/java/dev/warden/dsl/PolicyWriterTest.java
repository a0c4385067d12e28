package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy-language writer's output. */
class PolicyWriterTest {
    @Test
    void write_printsActionsPoliciesAndRoles_inTheLanguage() {
        String text = """
                actions approve, export

                policy channels-read "Read channels" {
                    allow view on /workspaces/*/channels, /workspaces/*/channels/*
                    deny any on /workspaces/*/connectors/**
                }

                policy "read all" {
                }

                role support { policies channels-read, "read all" }
                role "the empty one" "nobody" { }
                """;
        PolicySet set = PolicyLoader.loadTexts(Map.of("t.policy", text)).orElseThrow();
        assertThat(PolicyWriter.write(set)).isEqualTo(text);
    }

    @Test
    void names_areQuotedWhenNotPlainOrReserved() {
        assertThat(PolicyWriter.name("channels-read")).isEqualTo("channels-read");
        assertThat(PolicyWriter.name("policy")).isEqualTo("\"policy\"");
        assertThat(PolicyWriter.name("a b")).isEqualTo("\"a b\"");
        assertThat(PolicyWriter.name("9x")).isEqualTo("\"9x\"");
    }

    @Test
    void patterns_areQuotedOnlyWhenTheyWouldNotReadBackAsOneWord() {
        assertThat(PolicyWriter.pattern("/w/${principal.workspace}/c")).isEqualTo("/w/${principal.workspace}/c");
        assertThat(PolicyWriter.pattern("/a/+31/x@y.z/$")).isEqualTo("/a/+31/x@y.z/$");
        assertThat(PolicyWriter.pattern("/a b")).isEqualTo("\"/a b\"");
        assertThat(PolicyWriter.pattern("/a,b")).isEqualTo("\"/a,b\"");
        assertThat(PolicyWriter.pattern("/{x}")).isEqualTo("\"/{x}\"");
        assertThat(PolicyWriter.pattern("/a\"b")).isEqualTo("\"/a\\\"b\"");
    }

    @Test
    void actionNamedLikeAKeyword_cannotBeWritten() {
        PolicySet set = PolicySet.builder().declareAction("role")
                .add(new Policy("p", List.of(Statement.of(Effect.ALLOW, List.of("role"), List.of("/a"))))).build();
        assertThatThrownBy(() -> PolicyWriter.write(set)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`role`");
    }

    @Test
    void emptySet_isEmptyText() {
        assertThat(PolicyWriter.write(PolicySet.empty())).isEmpty();
    }

    @Test
    void json_writesResultsWithRoleReferences_andActionsOnlyWhenDeclared() {
        PolicySet set = PolicySet.builder().add(new Policy("p", List.of()))
                .add(new Role("r", List.of("p"))).build();
        String json = BirdJson.write(set);
        assertThat(json).doesNotContain("\"actions\"").contains("\"results\"").contains("\"policies\" : [ {\n      \"name\" : \"p\"");
        assertThat(BirdJson.read("x.json", json).orElseThrow()).isEqualTo(set);
    }
}
