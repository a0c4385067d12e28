package dev.warden.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.core.PolicySet;
import dev.warden.dsl.PolicyTests.TestFile;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A service's JUnit suite running a {@code .wtest} file with the library, each test of the file a
 * JUnit test of its own: the code docs/testing.md shows, on the repository's example.
 */
class WtestSuiteTest {
    private static final Path TESTS = Path.of("../examples/tests/channels.wtest");

    @TestFactory
    Stream<DynamicTest> channelsWtest_eachTestIsAJunitTest() {
        PolicyTests.Result read = PolicyTests.readFile(TESTS, TESTS.toString());
        assertEquals(List.of(), read.diagnostics());
        TestFile file = read.testFile().orElseThrow();
        LoadResult load = PolicyLoader.load(file.policyPaths().stream().map(Path::of).toList());
        assertEquals(List.of(), load.diagnostics());
        PolicySet policies = load.policySet().orElseThrow();

        TestReport report = PolicyTests.run(policies, List.of(file));
        return report.files().get(0).cases().stream().map(test -> DynamicTest.dynamicTest(test.test().name(),
                () -> assertTrue(test.passed(), () -> TestReporter.text(policies, test))));
    }

    @Test
    void channelsWtest_hasATestPerBlock() {
        TestFile file = PolicyTests.readFile(TESTS, TESTS.toString()).testFile().orElseThrow();

        assertEquals(6, file.tests().size());
    }
}
