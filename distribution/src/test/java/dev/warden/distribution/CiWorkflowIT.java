package dev.warden.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The CI jobs of docs/ci.md, run as written on a policy repository of their own: a git repository
 * with a base commit and a pull request that grants a reader {@code export} and tests it. The
 * archive is the build's, "downloaded" by curl from a file.
 */
class CiWorkflowIT {
    private static final Path CI_MD = Dist.ROOT.resolve("docs/ci.md");
    private static final String GRANT = "    allow export on /workspaces/${principal.workspace}/channels/*/messages\n";
    private static final String TEST = """
            policies ../policies

            test "a reader exports the messages of its own workspace" {
                principal ak_reader roles channel-reader attributes workspace=w1
                expect allow export /workspaces/w1/channels/c1/messages
                expect deny export /workspaces/w2/channels/c1/messages
            }
            """;

    @TempDir
    Path tmp;

    Path checkout;

    /** origin: main (the examples' policies and tests), and pr (the grant and its test); checkout: a clone on pr. */
    @BeforeEach
    void repository() throws Exception {
        Path origin = tmp.resolve("origin");
        Files.createDirectories(origin);
        copy(Dist.ROOT.resolve("examples/policies"), origin.resolve("policies"));
        copy(Dist.ROOT.resolve("examples/tests"), origin.resolve("tests"));
        git(origin, "init", "-q", "-b", "main");
        git(origin, "add", "-A");
        git(origin, "commit", "-q", "-m", "base");
        git(origin, "checkout", "-q", "-b", "pr");
        Path channels = origin.resolve("policies/channels.policy");
        String text = Files.readString(channels, StandardCharsets.UTF_8);
        String anchor = "    allow view on /workspaces/${principal.workspace}/channels/*/media/**\n";
        assertThat(text).contains(anchor);
        Files.writeString(channels, text.replace(anchor, anchor + GRANT), StandardCharsets.UTF_8);
        Files.writeString(origin.resolve("tests/export.wtest"), TEST, StandardCharsets.UTF_8);
        git(origin, "add", "-A");
        git(origin, "commit", "-q", "-m", "readers export message history");
        checkout = tmp.resolve("checkout");
        git(tmp, "clone", "-q", origin.toString(), checkout.toString());
        git(checkout, "checkout", "-q", "pr");
    }

    @Test
    void githubWorkflow_runsOnAPullRequestAndReportsTheGrant() throws Exception {
        JsonNode workflow = new YAMLMapper().readTree(yamlBlock("## A GitHub Actions workflow"));
        Path home = tmp.resolve("home");
        Path runnerTemp = tmp.resolve("runner-temp");
        Files.createDirectories(home);
        Files.createDirectories(runnerTemp);
        Path githubPath = runnerTemp.resolve("github-path");
        Path summary = runnerTemp.resolve("step-summary.md");
        Files.createFile(githubPath);
        Files.createFile(summary);

        Map<String, String> env = new LinkedHashMap<>();
        workflow.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        assertThat(env).containsKeys("WARDEN_VERSION", "WARDEN_URL");
        env.put("WARDEN_VERSION", Dist.VERSION);
        env.put("WARDEN_URL", Dist.TAR.toUri().toString());
        env.put("HOME", home.toString());
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_WORKSPACE", checkout.toString());
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_BASE_REF", "main");
        env.put("GITHUB_HEAD_REF", "pr");
        env.put("GITHUB_PATH", githubPath.toString());
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("RUNNER_TEMP", runnerTemp.toString());

        StringBuilder log = new StringBuilder();
        List<String> used = new ArrayList<>();
        Map<String, Integer> exits = new LinkedHashMap<>();
        boolean failed = false;
        for (JsonNode step : workflow.path("jobs").path("warden").path("steps")) {
            if (step.has("uses")) {
                used.add(step.get("uses").asText().replaceFirst("@.*", ""));
                continue;
            }
            String name = step.path("name").asText();
            String when = step.path("if").asText("");
            if (failed && !when.contains("always()")) {
                continue;
            }
            assertThat(step.path("run").asText()).as("step `%s`: a run step", name).isNotBlank();
            assertThat(step.path("run").asText()).as("step `%s`: no ${{ }} expression in a run step", name).doesNotContain("${{");
            Map<String, String> stepEnv = new LinkedHashMap<>(env);
            List<String> path = new ArrayList<>(Files.readAllLines(githubPath, StandardCharsets.UTF_8));
            java.util.Collections.reverse(path);
            path.add(Dist.BARE_PATH);
            stepEnv.put("PATH", String.join(":", path));
            Path script = runnerTemp.resolve("step-" + exits.size() + ".sh");
            Files.writeString(script, step.get("run").asText(), StandardCharsets.UTF_8);
            Dist.Result r = Dist.run(checkout, stepEnv, "bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString());
            log.append("step `").append(name).append("`: exit ").append(r.exit()).append('\n').append(r.out()).append(r.err());
            exits.put(name, r.exit());
            failed |= r.exit() != 0;
        }

        assertThat(used).containsExactly("actions/checkout", "actions/cache", "github/codeql-action/upload-sarif",
                "mikepenz/action-junit-report");
        assertThat(exits).as("the steps' exit codes; their output:%n%s", log).containsExactly(Map.entry("install warden", 0), Map.entry("put warden on PATH", 0),
                Map.entry("formatted", 0), Map.entry("policy tests", 0), Map.entry("lint", 0),
                Map.entry("what this change grants and revokes", 1));

        JsonNode sarif = new ObjectMapper().readTree(checkout.resolve("warden.sarif").toFile());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("runs").get(0).path("tool").path("driver").path("name").asText()).isEqualToIgnoringCase("warden");

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(checkout.resolve("build/warden-tests.xml").toFile());
        assertThat(junit.getElementsByTagName("testcase").getLength()).isGreaterThan(1);
        assertThat(Files.readString(checkout.resolve("build/warden-tests.xml"))).contains("a reader exports the messages of its own workspace");

        String steps = Files.readString(summary, StandardCharsets.UTF_8);
        assertThat(steps).contains("### Access this change grants and revokes").contains("channel-reader")
                .containsPattern("granted.*export");
    }

    @Test
    void gitlabJob_runsOnAMergeRequestAndFailsOnTheGrant() throws Exception {
        JsonNode job = new YAMLMapper().readTree(yamlBlock("## A GitLab CI job")).get("warden");
        Map<String, String> env = new LinkedHashMap<>();
        job.path("variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        assertThat(env).containsKeys("WARDEN_VERSION", "WARDEN_URL");
        env.put("WARDEN_VERSION", Dist.VERSION);
        env.put("WARDEN_URL", Dist.TAR.toUri().toString());
        env.put("PATH", Dist.BARE_PATH);
        env.put("HOME", tmp.toString());
        env.put("CI", "true");
        env.put("CI_PIPELINE_SOURCE", "merge_request_event");
        env.put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main");

        List<String> lines = new ArrayList<>();
        job.path("before_script").forEach(l -> lines.add(l.asText()));
        assertThat(lines.remove(0)).as("the first line installs curl and git").startsWith("apt-get");
        job.path("script").forEach(l -> lines.add(l.asText()));
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            script.append(lines.get(i)).append("\necho \"line ").append(i).append(" done\" >&2\n");
        }
        Path file = tmp.resolve("gitlab.sh");
        Files.writeString(file, script.toString(), StandardCharsets.UTF_8);
        Dist.Result r = Dist.run(checkout, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString());
        assertThat(r.exit()).as("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).isEqualTo(1);
        Matcher done = Pattern.compile("line (\\d+) done").matcher(r.err());
        int last = -1;
        while (done.find()) {
            last = Integer.parseInt(done.group(1));
        }
        assertThat(last).as("every line but the last passed: %s", r.err()).isEqualTo(lines.size() - 2);
        assertThat(lines.get(lines.size() - 1)).contains("--fail-on-grant");
        assertThat(r.out()).contains("channel-reader").containsPattern("granted.*export");
        assertThat(checkout.resolve("build/warden-tests.xml")).isRegularFile();
        assertThat(new ObjectMapper().readTree(checkout.resolve("warden.sarif").toFile()).path("version").asText()).isEqualTo("2.1.0");
    }

    /** The first ```yaml block after {@code heading} in docs/ci.md. */
    private static String yamlBlock(String heading) throws IOException {
        String doc = Files.readString(CI_MD, StandardCharsets.UTF_8);
        int at = doc.indexOf("\n" + heading + "\n");
        assertThat(at).as("%s in docs/ci.md", heading).isNotNegative();
        int start = doc.indexOf("```yaml\n", at);
        int end = doc.indexOf("\n```\n", start);
        assertThat(start).isNotNegative();
        return doc.substring(start + "```yaml\n".length(), end + 1);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=ci", "-c", "user.email=ci@example.com",
                "-c", "init.defaultBranch=main", "-c", "advice.detachedHead=false"));
        command.addAll(List.of(args));
        Map<String, String> env = Dist.bare();
        env.put("HOME", dir.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Dist.run(dir, env, null, command).requireExit(0);
    }
}
