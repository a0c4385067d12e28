package dev.warden.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.gateway.AccessKeys;
import dev.warden.gateway.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden keys}: helpers for the access keys file of {@code warden serve}. */
@Command(name = "keys", description = "Helpers for the access keys file of `warden serve`.",
        synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true)
final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * {@code warden keys hash}: reads one key from standard input (never from the command line, where
     * it would stay in the shell history and the process list) and prints its hash, or with {@code
     * --id} a whole keys-file entry. The key itself is never printed. A key estimated under 128 bits
     * ({@link AccessKeys#estimatedBits}) is hashed with a warning; an attribute value that no request
     * path segment can equal (empty, {@code .}, {@code ..}, holding {@code /} and the like) is refused.
     */
    @Command(name = "hash",
            description = {
                "Read an access key from standard input (its first line) and print its hash for the keys file: "
                        + "`sha256:` and 64 hex digits; with --id, a whole entry of the keys file.",
                "",
                "Example: openssl rand -base64 32 | tr '+/' '-_' | tr -d '=' > key.txt; "
                        + "warden keys hash --id ak_ci --role support < key.txt"
            },
            sortOptions = false, mixinStandardHelpOptions = true)
    static final class Hash implements Callable<Integer> {
        private final Io io;

        @Spec
        CommandSpec spec;

        @Option(names = "--id", paramLabel = "ID", description = "print a keys-file entry with this key id")
        String id;

        @Option(names = "--role", paramLabel = "ROLE", description = "a role of the entry; repeat for more")
        List<String> roles = new ArrayList<>();

        @Option(names = "--policy", paramLabel = "POLICY", description = "a policy of the entry; repeat for more")
        List<String> policies = new ArrayList<>();

        @Option(names = "--attribute", paramLabel = "NAME=VALUE", description = "an attribute of the entry; repeat for more")
        Map<String, String> attributes = new LinkedHashMap<>();

        Hash(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (id == null && (!roles.isEmpty() || !policies.isEmpty() || !attributes.isEmpty())) {
                err.println("error: --role, --policy and --attribute need --id");
                return ExitCode.USAGE;
            }
            if (id != null && id.isEmpty()) {
                err.println("error: --id must not be empty");
                return ExitCode.USAGE;
            }
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                Optional<String> why = AccessKeys.unmatchableAttribute(a.getKey(), a.getValue());
                if (why.isPresent()) {
                    err.println("error: " + why.get());
                    return ExitCode.USAGE;
                }
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            String key = in.readLine();
            if (key != null && key.startsWith("\uFEFF")) {
                key = key.substring(1);
            }
            if (key == null || key.isEmpty()) {
                err.println("error: no key on standard input: write the key as its first line");
                return ExitCode.USAGE;
            }
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c <= ' ' || c == ',' || c >= 0x7F) {
                    err.println("error: the key on standard input holds a space, a comma, a control or a non-ASCII "
                            + "character (at offset " + i + "); an `Authorization: AccessKey <key>` header cannot carry it");
                    return ExitCode.USAGE;
                }
            }
            int bits = AccessKeys.estimatedBits(key);
            if (bits < AccessKeys.MIN_KEY_BITS) {
                err.println("warning: the key is short: about " + bits + " bits of randomness at most (" + key.length()
                        + " characters), under " + AccessKeys.MIN_KEY_BITS + "; make a longer random key, e.g. "
                        + "openssl rand -base64 32 | tr '+/' '-_' | tr -d '='");
            }
            String hash = AccessKeys.hash(key);
            if (id == null) {
                out.println(hash);
                return ExitCode.OK;
            }
            StringWriter s = new StringWriter();
            try (JsonGenerator json = new JsonFactory().createGenerator(s)) {
                json.writeStartObject();
                json.writeStringField("id", id);
                json.writeStringField("hash", hash);
                json.writeArrayFieldStart("roles");
                for (String r : roles) {
                    json.writeString(r);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("policies");
                for (String p : policies) {
                    json.writeString(p);
                }
                json.writeEndArray();
                json.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> a : attributes.entrySet()) {
                    json.writeStringField(a.getKey(), a.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            out.println(s);
            return ExitCode.OK;
        }
    }

    /**
     * {@code warden keys check FILE}: reads a keys file as {@code warden serve} does and prints its
     * errors and warnings ({@code K0xx}, {@code K1xx}, {@code K2xx}) as diagnostics, for humans or
     * as JSON. Exits 2 when the file does not load, 0 when it does (with warnings or not).
     */
    @Command(name = "check",
            description = "Read an access keys file as `warden serve` does and print its errors and warnings; "
                    + "exit 2 when it does not load.",
            sortOptions = false, mixinStandardHelpOptions = true)
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the keys file")
        Path file;

        @Option(names = "--error-format", paramLabel = "FORMAT", defaultValue = "human",
                converter = Format.Converter.class,
                description = "how the diagnostics are printed on standard error: human or json (default: human)")
        Format errorFormat = Format.HUMAN;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Diagnostic> diagnostics;
            Map<String, String> texts;
            int exit;
            try {
                AccessKeys keys = AccessKeys.read(file);
                diagnostics = keys.warnings();
                texts = diagnostics.isEmpty() ? Map.of() : text();
                exit = ExitCode.OK;
                out.println(keys.size() + (keys.size() == 1 ? " key" : " keys") + " in `" + file + "`");
            } catch (ConfigurationException e) {
                diagnostics = e.diagnostics();
                texts = e.texts();
                exit = ExitCode.USAGE;
            }
            if (!diagnostics.isEmpty() || errorFormat == Format.JSON) {
                err.print(errorFormat == Format.JSON ? DiagnosticRenderer.json(diagnostics)
                        : DiagnosticRenderer.human(diagnostics, texts));
            }
            out.flush();
            err.flush();
            return exit;
        }

        /** The file's text for the warnings' carets, as the reader saw it (a leading byte order mark dropped). */
        private Map<String, String> text() {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                return Map.of(file.toString(), text.startsWith("\uFEFF") ? text.substring(1) : text);
            } catch (IOException e) {
                return Map.of(); // changed since it was read: the warnings keep their places, without carets
            }
        }
    }
}
