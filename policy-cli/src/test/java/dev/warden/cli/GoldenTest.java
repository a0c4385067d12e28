package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files for what {@code warden} prints: each {@code src/test/resources/golden/*.golden}
 * holds comment lines ({@code #}), a command line, then the exit code, standard output and
 * standard error it must give, exactly:
 *
 * <pre>
 * # a deny: exit 1, the deciding statement
 * $ warden check --policies ../examples/policies --principal ak_1 --role channel-reader view /workspaces/w1
 * exit 1
 * --- stdout
 * deny: ...
 * --- stderr
 * </pre>
 *
 * <p>The command runs in-process with the module directory as working directory; {@code < FILE}
 * on the command line feeds FILE to standard input, and an argument in single quotes may hold
 * spaces. A comment {@code # mask: REGEX -> TEXT} replaces every match of REGEX in what the command
 * printed by TEXT before the comparison, for what differs between builds (the commit of {@code
 * warden version}). To regenerate every file after an intended change, run the tests with {@code
 * -Dgolden.update=true} and review the diff.
 */
class GoldenTest {
    static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final String MASK = "# mask: ";

    /** One golden file: its comments, command line and expected result. */
    record Golden(Path file, List<String> comments, String command, String expected) {
        static Golden read(Path file) {
            List<String> lines = readLines(file);
            List<String> comments = new ArrayList<>();
            int i = 0;
            while (i < lines.size() && lines.get(i).startsWith("#")) {
                comments.add(lines.get(i++));
            }
            assertThat(i).as("%s: a `$ warden ...` line after the comments", file).isLessThan(lines.size());
            String command = lines.get(i);
            assertThat(command).as(file.toString()).startsWith("$ warden");
            StringBuilder expected = new StringBuilder();
            for (int j = i + 1; j < lines.size(); j++) {
                expected.append(lines.get(j)).append('\n');
            }
            return new Golden(file, comments, command, expected.toString());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenFile() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".golden")).sorted().toList();
        }
        assertThat(files).as("golden files in %s", DIR).isNotEmpty();
        return files.stream().map(f -> dynamicTest(f.getFileName().toString(), () -> check(Golden.read(f))));
    }

    private static void check(Golden g) throws IOException {
        List<String> words = words(g.command().substring(2));
        String stdin = "";
        int redirect = words.indexOf("<");
        if (redirect >= 0) {
            stdin = Files.readString(Path.of(words.get(redirect + 1)), StandardCharsets.UTF_8);
            words.remove(redirect + 1);
            words.remove(redirect);
        }
        CliRun r = CliRun.withInput(stdin, words.subList(1, words.size()).toArray(new String[0]));
        String actual = render(r);
        for (String comment : g.comments()) {
            if (comment.startsWith(MASK)) {
                String[] mask = comment.substring(MASK.length()).split(" -> ", 2);
                assertThat(mask).as("%s: `# mask: REGEX -> TEXT`", g.file()).hasSize(2);
                actual = actual.replaceAll(mask[0], mask[1]);
            }
        }
        if (UPDATE) {
            StringBuilder file = new StringBuilder();
            g.comments().forEach(c -> file.append(c).append('\n'));
            file.append(g.command()).append('\n').append(actual);
            Files.writeString(g.file(), file.toString(), StandardCharsets.UTF_8);
        }
        assertThat(actual).as(g.command()).isEqualTo(g.expected());
    }

    static String render(CliRun r) {
        return "exit " + r.exitCode() + "\n--- stdout\n" + terminated(r.out()) + "--- stderr\n" + terminated(r.err());
    }

    private static String terminated(String s) {
        return s.isEmpty() || s.endsWith("\n") ? s : s + "\n\\ no newline at end\n";
    }

    /** Splits on spaces; 'single quotes' keep spaces inside an argument. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
