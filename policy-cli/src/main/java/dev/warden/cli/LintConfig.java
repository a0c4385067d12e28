package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.analysis.Rule;
import dev.warden.analysis.Suppressions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The project's lint settings, {@code .warden.yaml}: found by walking up from the working directory
 * (or named with {@code --config}), YAML as {@code warden serve --config} reads it. Only the
 * {@code lint} key is read:
 *
 * <pre>
 * lint:
 *   rules:
 *     W004: error          # or by name: overbroad-write: error
 *     I002: "off"          # off, info, warning or error
 * </pre>
 */
final class LintConfig {
    static final String FILE_NAME = ".warden.yaml";

    private LintConfig() {}

    /** The config file to read: {@code named}, else the nearest {@code .warden.yaml} from {@code from} up. */
    static Optional<Path> find(Optional<Path> named, Path from) {
        if (named.isPresent()) {
            return named;
        }
        for (Path dir = from.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Each rule's level, by code.
     *
     * @throws IllegalArgumentException with the message to print when the file cannot be read or says something else
     */
    static Map<String, Suppressions.Level> levels(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the config file `" + file + "`: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                            : EvalCommand.describe(e)));
        }
        Map<String, Suppressions.Level> levels = new LinkedHashMap<>();
        JsonNode rules = root == null ? null : root.path("lint").path("rules");
        if (rules == null || rules.isMissingNode()) {
            return levels;
        }
        if (!rules.isObject()) {
            throw new IllegalArgumentException("the config file `" + file + "`: `lint.rules` maps rule codes to levels");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Rule rule = Rule.named(e.getKey()).orElseThrow(() -> new IllegalArgumentException("the config file `"
                    + file + "`: `" + e.getKey() + "` is not a lint rule's code or name"));
            // YAML 1.1 reads an unquoted `off` as false
            String word = e.getValue().isBoolean() && !e.getValue().asBoolean() ? "off" : e.getValue().asText();
            Suppressions.Level level = Suppressions.Level.ofWord(word).orElseThrow(() -> new IllegalArgumentException(
                    "the config file `" + file + "`: the level of `" + e.getKey() + "` is `" + word
                            + "`; expected off, info, warning or error"));
            levels.put(rule.code(), level);
        }
        return levels;
    }
}
