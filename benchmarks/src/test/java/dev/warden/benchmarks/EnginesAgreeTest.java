package dev.warden.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.benchmarks.Workload.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The check the benchmarks run before timing, exercised in CI: every engine decides the requests
 * of a small fleet as Warden does.
 */
class EnginesAgreeTest {
    private static final Workload SMALL = Workload.of(100);
    private static final Request[] REQUESTS = SMALL.requests(200, 0);

    @ParameterizedTest
    @EnumSource(value = EngineType.class, names = "CEDAR", mode = EnumSource.Mode.EXCLUDE)
    void engine_agreesWithWarden_onSmallFleet(EngineType type) {
        Request[] requests = type.zipf() ? SMALL.zipfStream(2048, 512) : REQUESTS;
        Engine engine = type.create(SMALL, requests);
        Agreement.check(type.name(), engine, SMALL, requests);
    }

    @ParameterizedTest
    // Cedar without its cache re-parses every policy on every call (about 60 ms at 100 policies):
    // checked on the smallest fleet only.
    @EnumSource(value = EngineType.class, names = {"SPRING_PATH_PATTERN", "JCASBIN", "CEDAR", "CEDAR_CACHED"})
    void engine_agreesWithWarden_onSmallestFleet(EngineType type) {
        Workload w = Workload.of(10);
        Request[] requests = w.requests(200, 3);
        Agreement.check(type.name(), type.create(w, requests), w, requests);
    }

    @Test
    void agreement_refusesToRun_whenAnEngineDisagrees() {
        Engine allowAll = r -> true;
        assertThatThrownBy(() -> Agreement.check("ALLOW_ALL", allowAll, SMALL, REQUESTS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ALLOW_ALL disagrees with Warden")
                .hasMessageContaining("refusing to time");
    }

    @Test
    void cedar_withoutSegmentGuard_wouldDisagree() {
        // The guard is what makes Cedar's `like` respect segments: `*` alone crosses `/`.
        assertThat(CedarEngine.condition("/workspaces/*/channels")).contains("resource.depth == 3");
        assertThat(CedarEngine.condition("/workspaces/*/channels/**")).contains("resource.depth > 3")
                .contains("resource.p3 like \"/workspaces/*/channels\"");
    }
}
