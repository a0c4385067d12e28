package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, for the code the Java compiler does not check: policy-analysis, policy-cli,
 * policy-server and benchmarks run on the class path, where every public class can be reached, and
 * the tests of every module. A source file may name a class of another Warden module only in a
 * package that module exports (read from its {@code module-info.java}; a qualified export counts
 * only for the modules it names), and never one in an {@code internal} package of another module.
 */
class ModuleBoundaryTest {
    /** The source trees, by directory, and the package root each owns ({@code dev.warden.<key>}). */
    private static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("policy-core", "core");
        MODULES.put("policy-dsl", "dsl");
        MODULES.put("policy-analysis", "analysis");
        MODULES.put("policy-gateway", "gateway");
        MODULES.put("policy-server", "server");
        MODULES.put("policy-cli", "cli");
        // both Spring modules are on the class path, in dev.warden.spring and dev.warden.spring.boot
        MODULES.put("policy-spring-security", "spring");
        MODULES.put("policy-spring-boot-starter", "spring");
        MODULES.put("examples/spring-boot", "example");
        // the shared test helpers (dev.warden.testing) and the fixtures other modules compile in
        MODULES.put("test-fixtures", "testing");
        MODULES.put("benchmarks", "benchmarks");
    }

    /** The module name Java gives each module with a {@code module-info.java}. */
    private static final Pattern MODULE_NAME = Pattern.compile("\\bmodule\\s+([\\w.]+)\\s*\\{");
    private static final Pattern EXPORTS = Pattern.compile("\\bexports\\s+([\\w.]+)(?:\\s+to\\s+([\\w.,\\s]+))?;");
    /** A reference to a Warden class or to all of a Warden package: its package is group 1. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\bdev\\.warden\\.([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)");

    /** A string literal on one line: text, not a reference (imports are never in one). */
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\"");

    /** What one module lets the others see. */
    record Exports(String key, String moduleName, Map<String, Set<String>> packages) {
        /** Whether a file of the module {@code fromKey} (known to Java as {@code fromName}) may use {@code pkg}. */
        boolean allows(String pkg, String fromKey, String fromName) {
            if (fromKey.equals(key)) {
                return true;
            }
            if (packages == null) { // on the class path: anything public but its internal packages
                return !pkg.equals("dev.warden." + key + ".internal") && !pkg.startsWith("dev.warden." + key + ".internal.");
            }
            Set<String> to = packages.get(pkg);
            return to != null && (to.isEmpty() || to.contains(fromName));
        }
    }

    @Test
    void sources_useOnlyWhatOtherModulesExport() throws IOException {
        Path root = Path.of("..");
        Map<String, Exports> exports = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : MODULES.entrySet()) {
            Path info = root.resolve(m.getKey()).resolve("src/main/java/module-info.java");
            exports.put(m.getValue(), Files.exists(info)
                    ? exportsOf(m.getValue(), Files.readString(info, StandardCharsets.UTF_8))
                    : new Exports(m.getValue(), "", null));
        }
        assertThat(exports.get("core").moduleName()).isEqualTo("dev.warden.core");
        assertThat(exports.get("dsl").moduleName()).isEqualTo("dev.warden.dsl");

        List<String> violations = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, String> m : MODULES.entrySet()) {
            for (String tree : List.of("src/main/java", "src/test/java", "src/common/java", "src/core/java", "src/gateway/java")) {
                Path dir = root.resolve(m.getKey()).resolve(tree);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                List<Path> sources;
                try (Stream<Path> s = Files.walk(dir)) {
                    sources = s.filter(p -> p.toString().endsWith(".java"))
                            .filter(p -> !p.getFileName().toString().equals("module-info.java"))
                            .sorted().toList();
                }
                for (Path p : sources) {
                    files++;
                    String where = m.getKey() + "/" + tree + "/" + dir.relativize(p);
                    violations.addAll(violations(where, m.getValue(), exports, Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
        }
        assertThat(files).as("source files scanned").isGreaterThan(100);
        assertThat(violations).isEmpty();
    }

    @Test
    void check_reportsAnInternalPackageOfAnotherModule() {
        Map<String, Exports> exports = sample();
        assertThat(violations("policy-cli/A.java", "cli", exports,
                "import dev.warden.dsl.internal.parser.WardenPolicyLexer;\n"))
                .containsExactly("policy-cli/A.java: dev.warden.dsl.internal.parser is not exported to module cli");
        assertThat(violations("policy-cli/A.java", "cli", exports, "import dev.warden.analysis.internal.*;\n"))
                .hasSize(1);
        assertThat(violations("policy-cli/A.java", "cli", exports, "var x = dev.warden.core.internal.Suggestions.closest(a, b);\n"))
                .hasSize(1);
    }

    @Test
    void check_honoursQualifiedExportsAndTheModulesOwnPackages() {
        Map<String, Exports> exports = sample();
        String source = "import dev.warden.core.internal.Suggestions;\nimport dev.warden.core.Authorizer;\n";
        assertThat(violations("policy-dsl/A.java", "dsl", exports, source)).isEmpty();
        assertThat(violations("policy-core/A.java", "core", exports, source)).isEmpty();
        assertThat(violations("policy-analysis/A.java", "analysis", exports, source))
                .containsExactly("policy-analysis/A.java: dev.warden.core.internal is not exported to module analysis");
        assertThat(violations("policy-cli/A.java", "cli", exports, "import dev.warden.analysis.Lint;\n")).isEmpty();
        assertThat(violations("policy-cli/A.java", "cli", exports, "String s = \"dev.warden.core.internal.Suggestions\";\n")).isEmpty();
    }

    private static Map<String, Exports> sample() {
        Map<String, Exports> exports = new LinkedHashMap<>();
        exports.put("core", exportsOf("core",
                "module dev.warden.core { exports dev.warden.core; exports dev.warden.core.internal to dev.warden.dsl; }"));
        exports.put("dsl", exportsOf("dsl", "module dev.warden.dsl { exports dev.warden.dsl; }"));
        exports.put("analysis", new Exports("analysis", "", null));
        exports.put("cli", new Exports("cli", "", null));
        return exports;
    }

    private static Exports exportsOf(String key, String moduleInfo) {
        String code = moduleInfo.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher name = MODULE_NAME.matcher(code);
        if (!name.find()) {
            throw new IllegalStateException("no module declaration in the module-info of `" + key + "`");
        }
        Map<String, Set<String>> packages = new LinkedHashMap<>();
        Matcher e = EXPORTS.matcher(code);
        while (e.find()) {
            Set<String> to = new TreeSet<>();
            if (e.group(2) != null) {
                for (String t : e.group(2).split(",")) {
                    to.add(t.strip());
                }
            }
            packages.put(e.group(1), to);
        }
        return new Exports(key, name.group(1), packages);
    }

    private static List<String> violations(String where, String ownKey, Map<String, Exports> exports, String source) {
        String ownName = exports.containsKey(ownKey) ? exports.get(ownKey).moduleName() : "";
        List<String> found = new ArrayList<>();
        Matcher r = REFERENCE.matcher(STRING.matcher(source).replaceAll("\"\""));
        while (r.find()) {
            String pkg = "dev.warden." + r.group(1);
            String key = r.group(1).split("\\.", 2)[0];
            Exports target = exports.get(key);
            if (target == null || !target.allows(pkg, ownKey, ownName)) {
                String v = where + ": " + pkg + " is not exported to module " + ownKey;
                if (!found.contains(v)) {
                    found.add(v);
                }
            }
        }
        return found;
    }
}
