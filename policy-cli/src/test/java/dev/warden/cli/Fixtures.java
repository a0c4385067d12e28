package dev.warden.cli;

import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.SourceMap;
import dev.warden.core.Statement;
import java.util.List;

/** Policy sets built in code, for tests that do not exercise the loader. */
final class Fixtures {
    private Fixtures() {}

    private static SourceMap.StatementSources statement(String file, int line, int column) {
        return SourceMap.StatementSources.at(new SourceLocation(file, line, column));
    }

    private static SourceMap.PolicySources sources(String file, int line, int column,
            SourceMap.StatementSources... statements) {
        return new SourceMap.PolicySources(new SourceLocation(file, line, column), List.of(statements));
    }

    /**
     * {@code read}: view channels and below; {@code send}: create messages; {@code no-connectors}:
     * deny writes below connectors; {@code own}: anything in the principal's own workspace. Roles
     * {@code reader} (read) and {@code sender} (read, send, no-connectors).
     */
    static PolicySet channels() {
        return PolicySet.builder()
                .add(new Policy("read", List.of(
                        Statement.of(Effect.ALLOW, List.of("view"), List.of("/workspaces/*/channels", "/workspaces/*/channels/*")),
                        Statement.of(Effect.ALLOW, List.of("view"), List.of("/workspaces/*/channels/*/messages/**")))),
                        sources("read.policy", 1, 8, statement("read.policy", 2, 5), statement("read.policy", 3, 5)))
                .add(new Policy("send", List.of(
                        Statement.of(Effect.ALLOW, List.of("create"), List.of("/workspaces/*/channels/*/messages")))),
                        sources("send.policy", 1, 8, statement("send.policy", 2, 5)))
                .add(new Policy("no-connectors", List.of(
                        Statement.of(Effect.DENY, List.of("create", "update", "delete"), List.of("/workspaces/*/connectors/**")))),
                        sources("deny.policy", 1, 8, statement("deny.policy", 2, 5)))
                .add(new Policy("own", List.of(
                        Statement.of(Effect.ALLOW, List.of("any"), List.of("/workspaces/${principal.workspace}/**")))),
                        sources("own.policy", 1, 8, statement("own.policy", 2, 5)))
                .add(new Role("reader", List.of("read")))
                .add(new Role("sender", List.of("read", "send", "no-connectors")))
                .build();
    }
}
