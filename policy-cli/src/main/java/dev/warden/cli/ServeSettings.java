package dev.warden.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the settings of {@code warden serve} come from besides its flags: {@code WARDEN_*}
 * environment variables and a YAML file ({@code --config FILE}, or {@code WARDEN_CONFIG}), the
 * flag first, then the variable, then the file. Every serve option is a setting: its long name
 * without the dashes in the file ({@code port: 8400}, {@code policies: [a, b]}, {@code no-watch:
 * true}), and {@code WARDEN_} plus the name in upper case with underscores in the environment
 * ({@code WARDEN_PORT=8400}, {@code WARDEN_POLICIES=a,b}: a list is split on commas).
 *
 * <p>{@link #expand} turns them into command-line arguments placed before the user's own, for
 * every option the command line does not give, so that picocli converts and checks a setting from
 * anywhere alike, and a usage error names the option.
 */
final class ServeSettings {
    static final String ENV_PREFIX = "WARDEN_";
    /** Options that are no settings: what the command line alone says. */
    private static final List<String> NOT_SETTINGS = List.of("--help", "--version", "--config", "--print-config");
    /** Settings whose values {@link #print} hides. */
    static final List<String> SECRETS = List.of("--tls-keystore-password");

    private ServeSettings() {}

    /**
     * The arguments of a {@code serve} command line with the settings of the environment and the
     * config file added before them; any other command line as it is.
     *
     * @throws IllegalArgumentException when the config file cannot be read, is not a map of
     *     settings, or names a setting that does not exist, naming the file and the setting
     */
    static String[] expand(String[] args, Map<String, String> env) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return args;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h") || rest.contains("--version") || rest.contains("-V")) {
            return args;
        }
        List<OptionSpec> options = settings();
        Optional<String> configFile = valueOnCommandLine(rest, "--config");
        if (configFile.isEmpty() && env.containsKey(ENV_PREFIX + "CONFIG")) {
            configFile = Optional.of(env.get(ENV_PREFIX + "CONFIG"));
        }
        Map<String, Object> file = configFile.isPresent() ? read(Path.of(configFile.get()), options) : Map.of();
        List<String> added = new ArrayList<>();
        for (OptionSpec o : options) {
            if (given(rest, o)) {
                continue;
            }
            String name = o.longestName().substring(2);
            String variable = envName(o);
            List<String> values;
            String where;
            if (env.containsKey(variable)) {
                String v = env.get(variable);
                values = o.isMultiValue() ? List.of(v.split(",", -1)) : List.of(v);
                where = "the environment variable `" + variable + "`";
            } else if (file.containsKey(name) && file.get(name) != null) {
                Object v = file.get(name);
                values = new ArrayList<>();
                if (v instanceof Collection<?> list) {
                    if (!o.isMultiValue()) {
                        throw new IllegalArgumentException("the setting `" + name + "` in `" + configFile.get()
                                + "` takes one value, not a list");
                    }
                    list.forEach(item -> values.add(String.valueOf(item)));
                } else if (v instanceof Map<?, ?>) {
                    throw new IllegalArgumentException("the setting `" + name + "` in `" + configFile.get()
                            + "` takes a value, not a map");
                } else {
                    values.add(String.valueOf(v));
                }
                where = "the setting `" + name + "` in `" + configFile.get() + "`";
            } else {
                continue;
            }
            if (o.arity().max() == 0) {
                String v = values.get(0).strip().toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException(where + " takes true or false, not `" + values.get(0) + "`");
                }
                if (v.equals("true")) {
                    added.add(o.longestName());
                }
            } else {
                for (String v : values) {
                    added.add(o.longestName() + "=" + v);
                }
            }
        }
        List<String> all = new ArrayList<>();
        all.add("serve");
        all.addAll(added);
        all.addAll(rest);
        return all.toArray(new String[0]);
    }

    /** The options of {@code warden serve} that are settings, in their order. */
    static List<OptionSpec> settings() {
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec o : new CommandLine(new ServeCommand()).getCommandSpec().options()) {
            if (!NOT_SETTINGS.contains(o.longestName())) {
                options.add(o);
            }
        }
        return options;
    }

    /** {@code WARDEN_} and the option's long name in upper case, dashes as underscores. */
    static String envName(OptionSpec o) {
        return ENV_PREFIX + o.longestName().substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static boolean given(List<String> args, OptionSpec o) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            for (String n : o.names()) {
                if (a.equals(n) || a.startsWith(n + "=") || (!n.startsWith("--") && a.startsWith(n) && a.length() > n.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> valueOnCommandLine(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith(name + "=")) {
                return Optional.of(args.get(i).substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> read(Path file, List<OptionSpec> options) {
        Object root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), Object.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the config file `" + file + "` is not YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the config file `" + file + "`: " + e.getMessage());
        }
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the config file `" + file + "` must be a map of settings (`port: 8400`)");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            boolean known = options.stream().anyMatch(o -> o.longestName().equals("--" + key));
            if (!known) {
                throw new IllegalArgumentException("unknown setting `" + key + "` in the config file `" + file + "`");
            }
            settings.put(key, e.getValue());
        }
        return settings;
    }

    /**
     * The effective settings of a parsed serve command as YAML that {@code --config} reads back:
     * every setting, {@code null} where none is set, secrets as {@code ***}.
     */
    static String print(CommandLine.Model.CommandSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (NOT_SETTINGS.contains(o.longestName())) {
                continue;
            }
            Object v = o.getValue();
            if (v != null && SECRETS.contains(o.longestName())) {
                v = "***";
            }
            out.put(o.longestName().substring(2), plain(v));
        }
        try {
            return new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build()).writeValueAsString(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object plain(Object v) {
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>();
            c.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (v instanceof Duration d) {
            return DurationOption.text(d);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Path) {
            return v.toString();
        }
        return v;
    }
}
