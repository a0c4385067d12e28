package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code warden completion}: every command and option of the real command tree, in each shell's script. */
class CompletionCommandTest {
    private static final CommandLine TREE = WardenCommand.commandLine(new Io(System.in, new ByteArrayOutputStream(), new ByteArrayOutputStream()));

    @Test
    void everyShell_namesEverySubcommandAndOption() {
        List<CommandLine> commands = CompletionCommand.tree(TREE);
        assertThat(commands).extracting(CommandLine::getCommandName).contains("eval", "version", "completion", "hash");
        for (String shell : List.of("bash", "zsh", "fish")) {
            CliRun r = CliRun.of("completion", shell);
            assertThat(r.exitCode()).as(shell).isZero();
            assertThat(r.err()).as(shell).isEmpty();
            for (CommandLine c : commands) {
                assertThat(r.out()).as("%s: %s", shell, c.getCommandSpec().qualifiedName()).contains(c.getCommandName());
                for (OptionSpec o : c.getCommandSpec().options()) {
                    assertThat(r.out()).as("%s: %s %s", shell, c.getCommandSpec().qualifiedName(), o.longestName())
                            .contains(o.longestName().replaceFirst("^--?", ""));
                }
            }
        }
    }

    @Test
    void fish_offersEachCommandsOptionsOnlyUnderThatCommand() {
        String fish = CliRun.of("completion", "fish").out();
        for (CommandLine c : CompletionCommand.tree(TREE)) {
            String when = "-n 'test (__warden_command) = \"" + c.getCommandSpec().qualifiedName(" ") + "\"'";
            for (CommandLine sub : CompletionCommand.visible(c)) {
                assertThat(fish).contains("complete -c warden " + when + " -a '" + sub.getCommandName() + "'");
                assertThat(fish).contains("case '" + c.getCommandSpec().qualifiedName(" ") + ":" + sub.getCommandName() + "'");
            }
            for (OptionSpec o : c.getCommandSpec().options()) {
                String name = o.longestName().startsWith("--") ? " -l " + o.longestName().substring(2) : " -s " + o.longestName().substring(1);
                // a hidden option (an old spelling kept working) is not offered
                assertThat(fish.lines().filter(l -> l.startsWith("complete -c warden " + when) && l.contains(name + " ")))
                        .as("%s %s", c.getCommandSpec().qualifiedName(), o.longestName()).hasSize(o.hidden() ? 0 : 1);
            }
        }
        assertThat(fish).contains("-l error-format -x -a 'human json'");
        assertThat(fish).contains("complete -c warden -n 'test (__warden_command) = \"warden completion\"' -a 'bash zsh fish'");
    }

    @Test
    void fish_isValidFish_whereFishIsInstalled(@TempDir Path dir) throws IOException, InterruptedException {
        Path fish = Path.of("/usr/bin/fish");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(fish), "fish is not installed: its syntax check is skipped");
        Path script = dir.resolve("warden.fish");
        Files.writeString(script, CliRun.of("completion", "fish").out(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(fish.toString(), "-n", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("fish -n: %s", out).isZero();
    }

    @Test
    void bashAndZsh_areValidBash(@TempDir Path dir) throws IOException, InterruptedException {
        for (String shell : List.of("bash", "zsh")) {
            Path script = dir.resolve(shell);
            Files.writeString(script, CliRun.of("completion", shell).out(), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("bash -n on the %s script: %s", shell, out).isZero();
        }
    }

    @Test
    void bash_completesSubcommandsAndOptions(@TempDir Path dir) throws IOException, InterruptedException {
        Path script = dir.resolve("warden.bash");
        Files.writeString(script, CliRun.of("completion", "bash").out(), StandardCharsets.UTF_8);
        String probe = "source " + script + "\n"
                + "COMP_WORDS=(warden ''); COMP_CWORD=1; COMP_LINE='warden '; COMP_POINT=${#COMP_LINE}; _complete_warden; echo \"top: ${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(warden lint --fa); COMP_CWORD=2; COMP_LINE='warden lint --fa'; COMP_POINT=${#COMP_LINE}; _complete_warden; echo \"lint: ${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("lint: --fail-on").containsPattern("top: .*\\beval\\b.*\\bcompletion\\b");
    }

    @Test
    void unknownShell_isAUsageError() {
        CliRun r = CliRun.of("completion", "powershell");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("`powershell`".replace("`", "'")).containsIgnoringCase("bash");
    }
}
