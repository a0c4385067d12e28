package dev.warden.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.benchmarks.Workload.Request;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    @Test
    void generator_isDeterministic_forScaleAndSeed() {
        Workload a = Workload.of(1000);
        Workload b = Workload.of(1000);
        assertThat(a.policySet()).isEqualTo(b.policySet());
        assertThat(a.keys()).extracting(Workload.Key::id).isEqualTo(b.keys().stream().map(Workload.Key::id).toList());
        assertThat(a.requests(512, 0)).isEqualTo(b.requests(512, 0));
        assertThat(a.zipfStream(1024, 256)).isEqualTo(b.zipfStream(1024, 256));
    }

    @Test
    void generator_dependsOnSeed() {
        assertThat(Workload.of(100, 1).requests(64, 0)).isNotEqualTo(Workload.of(100, 2).requests(64, 0));
    }

    @Test
    void fleet_hasExactlyTheScaleInPolicies_andAboutTenPatternsEach() {
        for (int scale : new int[] {10, 100, 1000}) {
            Workload w = Workload.of(scale);
            assertThat(w.policySet().policies()).hasSize(scale);
            assertThat(w.patternCount()).isBetween(scale * 7, scale * 12);
        }
    }

    @Test
    void keys_holdOneToThreeRoles() {
        assertThat(Workload.of(100).keys()).allSatisfy(k -> assertThat(k.roles()).hasSizeBetween(1, 3));
    }

    @Test
    void requests_areAboutHalfAllowed_andSomeMalformed() {
        Workload w = Workload.of(1000);
        Request[] rs = w.requests(4096, 0);
        long allowed = Arrays.stream(rs).filter(w::expected).count();
        long malformed = Arrays.stream(rs).filter(r -> !r.request().resourcePath().isWellFormed()).count();
        assertThat(allowed).isBetween(1900L, 2100L);
        assertThat(malformed).isBetween(80L, 160L);
        Set<Workload.KeyKind> kinds = new HashSet<>();
        for (Request r : rs) {
            kinds.add(w.keys().get(r.key()).kind());
        }
        assertThat(kinds).containsExactlyInAnyOrder(Workload.KeyKind.values());
    }

    @Test
    void zipfStream_isSkewed() {
        Workload w = Workload.of(100);
        Request[] stream = w.zipfStream(8192, 1024);
        assertThat(new HashSet<>(Arrays.asList(stream)).size()).isLessThan(1024);
    }

    @Test
    void oneChangedPolicy_changesOnlyThatPolicy() {
        Workload w = Workload.of(100);
        var changed = w.withOnePolicyChanged();
        assertThat(changed).isNotEqualTo(w.policySet());
        long same = w.policySet().policies().stream().filter(p -> changed.policies().contains(p)).count();
        assertThat(same).isEqualTo(99);
    }
}
