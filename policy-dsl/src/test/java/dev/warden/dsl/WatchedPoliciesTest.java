package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedder's API: load, watch, reload atomically, tell listeners of successes and failures. */
class WatchedPoliciesTest {
    static final Principal P = Principal.builder("u1").policy("p").build();

    @TempDir
    Path dir;

    static String allowing(String path) {
        return "policy p { allow view on " + path + " }\n";
    }

    /** Replaces {@code file} atomically, as the docs tell writers to: no watcher sees it half-written. */
    static void replace(Path file, String text) throws java.io.IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void changedFile_isReloaded_andListenersHearEachSuccessAndFailure_withDiagnostics() throws Exception {
        Path f = Files.writeString(dir.resolve("p.policy"), allowing("/docs/a"));
        BlockingQueue<ReloadResult> heard = new LinkedBlockingQueue<>();
        try (WatchedPolicies policies = WatchedPolicies.builder(List.of(dir)).onReload(heard::add).build()) {
            policies.start();
            Authorizer a = policies.authorizer();
            assertThat(a.authorize(P, "view", "/docs/a").allowed()).isTrue();
            assertThat(policies.current().version()).isEqualTo(1);

            replace(f, allowing("/docs/b"));
            ReloadResult ok = heard.poll(30, TimeUnit.SECONDS);
            assertThat(ok).isNotNull();
            assertThat(ok.ok()).isTrue();
            // 2, or 3 when the watcher's first look, as it started, already found the new file
            long version = policies.current().version();
            assertThat(version).isBetween(2L, 3L);
            assertThat(policies.authorizer()).isSameAs(a);
            assertThat(a.authorize(P, "view", "/docs/b").allowed()).isTrue();

            replace(f, "policy p { allow veiw on /docs/c }\n");
            ReloadResult failed = heard.poll(30, TimeUnit.SECONDS);
            while (failed != null && failed.ok()) { // a second load of the good file, as above
                failed = heard.poll(30, TimeUnit.SECONDS);
            }
            assertThat(failed).isNotNull();
            long serving = policies.current().version();
            assertThat(failed.version()).isEqualTo(serving);
            assertThat(serving).isBetween(version, 3L);
            assertThat(policies.current().policies()).isSameAs(a.policySet());
            assertThat(failed.diagnostics()).isNotEmpty();
            assertThat(failed.diagnostics().get(0).location()).isPresent();
            assertThat(a.authorize(P, "view", "/docs/b").allowed()).as("the old set keeps serving").isTrue();
        }
    }

    @Test
    void reload_withoutWatching_swapsTheNewSetIn() throws Exception {
        Path f = Files.writeString(dir.resolve("p.policy"), allowing("/docs/a"));
        try (WatchedPolicies policies = WatchedPolicies.builder(List.of(f)).watch(false)
                .authorizer(Authorizer.builder().noCache()).build()) {
            policies.start();
            Files.writeString(f, allowing("/docs/b"));
            assertThat(policies.authorizer().decide(new AccessRequest.OnResource(P, "view", "/docs/a")).allowed()).isTrue();
            ReloadResult r = policies.reload();
            assertThat(r.ok()).isTrue();
            assertThat(policies.lastResult()).isSameAs(r);
            assertThat(policies.authorizer().authorize(P, "view", "/docs/b").allowed()).isTrue();
            assertThat(policies.authorizer().cacheEnabled()).isFalse();
        }
    }

    @Test
    void filesThatDoNotLoad_failTheBuild_withEveryDiagnostic() throws Exception {
        Path f = Files.writeString(dir.resolve("p.policy"), "policy p { allow veiw on /docs }\n");
        assertThatThrownBy(() -> WatchedPolicies.builder(List.of(f)).build())
                .isInstanceOfSatisfying(PolicyFilesException.class, e -> {
                    assertThat(e.getMessage()).startsWith("the policies did not load:").contains("p.policy:1:");
                    assertThat(e.diagnostics()).isNotEmpty();
                    assertThat(e.texts()).isNotEmpty();
                });
    }

    @Test
    void startAfterClose_isRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("p.policy"), allowing("/docs/a"));
        WatchedPolicies policies = WatchedPolicies.builder(List.of(f)).build();
        policies.close();
        assertThatThrownBy(policies::start).isInstanceOf(IllegalStateException.class);
    }
}
