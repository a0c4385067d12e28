package dev.warden.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.SegmentAlphabet;
import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.Severity;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The access keys a gateway accepts, read from a keys file that holds only a hash of each key:
 *
 * <pre>{@code
 * {"keys": [
 *   {"id": "ak_support_1",
 *    "hash": "sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
 *    "roles": ["support"], "policies": [], "attributes": {"workspace": "w1"}}
 * ]}
 * }</pre>
 *
 * <p>{@code id} and {@code hash} are required; {@code roles}, {@code policies} and {@code
 * attributes} may be left out. The hash is {@code sha256:} and the SHA-256 of the key's UTF-8
 * bytes in hex ({@code warden keys hash} computes it from a key read from standard input). SHA-256
 * and not a slow password hash, because access keys are long random tokens, not passwords: nobody
 * can guess one from its hash, and a slow hash would cost every request milliseconds. The reading
 * is strict: an unknown field, a repeated id or hash, or a hash that is not 64 hex digits is an
 * error that names {@code file:line:col}.
 *
 * <p>An attribute value that no request path segment can equal (empty, {@code .}, {@code ..}, or
 * holding {@code /}, {@code \}, {@code ;}, {@code %}, {@code ?}, {@code #}, a control or a
 * non-ASCII character) is a warning, not an error ({@link #warnings}): the policies treat such a
 * value as missing for {@code ${principal.ATTR}}, so an allow with it never applies and a deny
 * with it applies to every segment.
 *
 * <p>A presented key is hashed and looked up by its digest, which is compared with the stored
 * digests in constant time ({@link MessageDigest#isEqual}). A key is never logged, never put in a
 * message, and never kept: only its hash is. Resolving a key costs one SHA-256 (on a digest kept
 * per thread, not one made per request) and one map lookup; no text is built.
 */
public final class AccessKeys {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    /** The prefix of a stored hash: the algorithm. */
    public static final String HASH_PREFIX = "sha256:";
    /** Keys estimated below this many bits ({@link #estimatedBits}) are warned about. */
    public static final int MIN_KEY_BITS = 128;
    /** Presented keys longer than this are unknown without being hashed. */
    static final int MAX_KEY_LENGTH = 1024;
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    /** A keys file that does not exist. */
    static final String NOT_FOUND = "K001";
    /** A keys file that cannot be read (a directory, an I/O error). */
    static final String UNREADABLE = "K002";
    /** A keys file larger than 16 MiB. */
    static final String TOO_LARGE = "K003";
    /** A keys file that is not UTF-8. */
    static final String NOT_UTF8 = "K004";
    /** Not JSON, or more after the keys object. */
    static final String BAD_JSON = "K101";
    /** A JSON value of the wrong type (a key that is not an object, an id that is not a string...). */
    static final String JSON_TYPE = "K102";
    /** A field a keys file or key does not have. */
    static final String UNKNOWN_FIELD = "K103";
    /** A required field left out ({@code keys}, a key's {@code id} or {@code hash}). */
    static final String MISSING_FIELD = "K104";
    /** A value of the right type but not an allowed one: an empty id or name, a hash that is not {@code sha256:} and 64 hex digits. */
    static final String BAD_VALUE = "K105";
    /** Two keys with one id. */
    static final String DUPLICATE_ID = "K106";
    /** Two keys with one hash. */
    static final String DUPLICATE_HASH = "K107";
    /** A warning: an attribute value that no request path segment can equal. */
    static final String UNMATCHABLE_ATTRIBUTE = "K201";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * An access key: its id and the principal it stands for. Holds no secret.
     *
     * @param id the key's id, as the keys file gives it
     * @param principal the principal a request with the key acts as: the key's id, roles, policies
     *     and attributes
     */
    public record AccessKey(String id, Principal principal) {
        /**
         * Requires both parts.
         *
         * @param id the key's id
         * @param principal the principal the key stands for
         */
        public AccessKey {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * A SHA-256 digest as a map key: equal when the bytes are, compared in constant time ({@link
     * MessageDigest#isEqual}), so that a lookup tells nothing of how much of a stored digest a
     * presented one shares; the hash code is the first four bytes (a digest's bytes are uniform).
     */
    private record Digest(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d && MessageDigest.isEqual(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return (bytes[0] << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        }

        @Override
        public String toString() {
            return "Digest[" + HexFormat.of().formatHex(bytes) + "]";
        }
    }

    /** One SHA-256 per thread: {@link MessageDigest#getInstance} looks up a provider each call. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private record Entry(byte[] hash, AccessKey key) {}

    private final Map<Digest, Entry> byHash;
    private final List<Diagnostic> warnings;

    private AccessKeys(Map<Digest, Entry> byHash, List<Diagnostic> warnings) {
        this.byHash = Map.copyOf(byHash);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * No keys: every request is unauthenticated.
     *
     * @return keys that resolve no presented key, with no warnings
     */
    public static AccessKeys none() {
        return new AccessKeys(Map.of(), List.of());
    }

    /**
     * Reads a keys file.
     *
     * @throws ConfigurationException naming the file, and line and column where they are known,
     *     when the file cannot be read or is not a valid keys file; its {@link
     *     ConfigurationException#diagnostics() diagnostics} are the problems with their codes
     *     ({@code K0xx}, {@code K1xx}) and places
     *
     * @param file the keys file; messages name it as given
     * @return the keys, after logging each of their {@link #warnings} at {@code WARNING}
     */
    public static AccessKeys load(Path file) throws ConfigurationException {
        AccessKeys keys = read(file);
        for (Diagnostic w : keys.warnings) {
            LOG.log(Level.WARNING, line(w));
        }
        return keys;
    }

    /**
     * Reads a keys file as {@link #load} does, without logging its {@link #warnings} (for {@code
     * warden keys check}, which prints them).
     *
     * @param file the keys file; messages name it as given
     * @return the keys, with their {@link #warnings}
     * @throws ConfigurationException as {@link #load} does
     */
    public static AccessKeys read(Path file) throws ConfigurationException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw fileProblem(name, UNREADABLE, "cannot read keys file `" + name + "`: it is a directory");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw fileProblem(name, TOO_LARGE, "keys file `" + name + "` is larger than 16 MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(name, NOT_FOUND, "cannot find keys file `" + name + "`");
        } catch (IOException e) {
            throw fileProblem(name, UNREADABLE, "cannot read keys file `" + name + "`: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(name + ": the keys file is not UTF-8",
                    List.of(Diagnostic.fileError(name, NOT_UTF8, "the keys file is not UTF-8")), Map.of());
        }
        return parse(name, text);
    }

    /** A problem of the whole file, before any of it is read: the message is the diagnostic's. */
    private static ConfigurationException fileProblem(String name, String code, String message) {
        return new ConfigurationException(message, List.of(Diagnostic.fileError(name, code, message)), Map.of());
    }

    /** A diagnostic on one line, as the exception's message and the log write it: {@code name:line:col: what}. */
    private static String line(Diagnostic d) {
        return d.location().map(at -> d.excerpt() ? at.toString() : at.file()).orElse("") + ": " + d.message();
    }

    /**
     * Reads the text of a keys file; {@code name} is how messages name it. Unlike {@link #load},
     * does not log its {@link #warnings}.
     *
     * @throws ConfigurationException listing every problem found, each as {@code name:line:col: what},
     *     and holding them as {@link ConfigurationException#diagnostics() diagnostics}
     *
     * @param name how diagnostics name the text: a file's name
     * @param text a keys file's text; a leading byte order mark is dropped
     * @return the keys, with their {@link #warnings}
     */
    public static AccessKeys parse(String name, String text) throws ConfigurationException {
        return new Reader(name).read(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /**
     * How many keys there are.
     *
     * @return the number of keys
     */
    public int size() {
        return byHash.size();
    }

    /**
     * The key ids, sorted.
     *
     * @return every key's id, in natural order
     */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        byHash.values().forEach(e -> ids.add(e.key.id()));
        ids.sort(null);
        return ids;
    }

    /**
     * What the keys file holds that is legal but cannot work as meant, as warnings ({@code K201}):
     * attribute values that no request path segment can equal. {@link #load} logs them, one line
     * each, {@code name:line:col: what}.
     *
     * @return the warnings, in file order; empty for a file without any
     */
    public List<Diagnostic> warnings() {
        return warnings;
    }

    /**
     * The role and policy names the keys give that {@code set} does not have, one line per key and
     * name ({@code key `ak_1` names policy `p`, which is not loaded}), by key id, then roles before
     * policies in the key's order. A request with such a key is denied ({@code unknown_policy}).
     * For policy-server's {@code PolicyReloader}: a reload after which a key names a role or policy the
     * serving set lacks is refused.
     *
     * @param set the policy set the keys are to be used with
     * @return one line per missing name, in words; empty when {@code set} has every name the keys give
     */
    public List<String> unknownReferences(PolicySet set) {
        List<AccessKey> sorted = new ArrayList<>();
        byHash.values().forEach(e -> sorted.add(e.key));
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        List<String> out = new ArrayList<>();
        for (AccessKey k : sorted) {
            for (String role : k.principal().roles()) {
                if (set.role(role).isEmpty()) {
                    out.add("key `" + k.id() + "` names role `" + role + "`, which is not loaded");
                }
            }
            for (String policy : k.principal().policies()) {
                if (set.policy(policy).isEmpty()) {
                    out.add("key `" + k.id() + "` names policy `" + policy + "`, which is not loaded");
                }
            }
        }
        return out;
    }

    /**
     * Whether a principal attribute value can equal a segment of a well-formed request path, and
     * so can ever match {@code ${principal.ATTR}}: a value that is empty, {@code .} or {@code ..},
     * or holds {@code /}, {@code \}, {@code ;}, {@code %}, {@code ?}, {@code #}, a control or a
     * non-ASCII character cannot, and the policies treat it as missing.
     *
     * @param value an attribute's value
     * @return true when a well-formed path could have it as a segment
     */
    public static boolean canMatchSegment(String value) {
        Objects.requireNonNull(value, "value");
        return SegmentAlphabet.isWellFormedSegment(value);
    }

    /**
     * A value shown in a message: in backticks, each control and non-ASCII character written as a
     * backslash, {@code u} and four hex digits, so that it cannot disturb a terminal or a log line.
     */
    static String shown(String value) {
        StringBuilder s = new StringBuilder("`");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                s.append(String.format("\\u%04X", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('`').toString();
    }

    /**
     * Why attribute {@code name}'s value can never match {@code ${principal.NAME}}, for a message;
     * empty when it can.
     *
     * @param name the attribute's name
     * @param value its value
     * @return the message of a {@code K201} warning, or empty when the value can match a segment
     */
    public static Optional<String> unmatchableAttribute(String name, String value) {
        if (canMatchSegment(value)) {
            return Optional.empty();
        }
        String what = value.isEmpty() ? "is empty" : "is " + shown(value);
        return Optional.of("attribute `" + name + "` " + what + ": no request path segment can equal it "
                + "(an empty value, `.`, `..`, or one holding `/`, `\\`, `;`, `%`, `?`, `#`, a control or a non-ASCII "
                + "character), so `${principal." + name + "}` counts as missing: an allow with it never applies "
                + "and a deny with it applies to every segment");
    }

    /**
     * An estimate of the randomness in a key, in bits: its length times the log2 of the smallest
     * of these alphabets that holds all its characters: hex digits (16), base64 or base64url (64),
     * printable ASCII (95). An upper bound for a random key; a key that is not random has less.
     *
     * @param key a key as presented
     * @return the estimate, rounded down; below {@link #MIN_KEY_BITS} is warned about
     */
    public static int estimatedBits(String key) {
        boolean hex = true;
        boolean base64 = true;
        boolean base64url = true;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            hex &= digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            boolean common = digit || letter || c == '=';
            base64 &= common || c == '+' || c == '/';
            base64url &= common || c == '-' || c == '_';
        }
        double perChar = hex ? 4 : base64 || base64url ? 6 : Math.log(95) / Math.log(2);
        return (int) Math.floor(key.length() * perChar);
    }

    /**
     * The access key a presented secret stands for: found by its SHA-256, then checked against the
     * stored hash in constant time. Empty for an unknown key.
     *
     * @param presented the key as the request presents it; null, empty or longer than 1024
     *     characters is unknown without being hashed
     * @return the key, or empty when no stored hash is the presented key's
     */
    public Optional<AccessKey> resolve(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        Entry e = byHash.get(new Digest(digest));
        // the lookup compares in constant time already; the check is made again here, where the
        // answer is given, so that no change to the map's key can turn it into a timing oracle
        if (e == null || !MessageDigest.isEqual(e.hash, digest)) {
            return Optional.empty();
        }
        return Optional.of(e.key);
    }

    /**
     * The stored form of a key: {@code sha256:} and the hex SHA-256 of its UTF-8 bytes.
     *
     * @param key the secret key
     * @return the value of a keys-file entry's {@code hash}, lower-case hex
     */
    public static String hash(String key) {
        Objects.requireNonNull(key, "key");
        return HASH_PREFIX + HexFormat.of().formatHex(sha256(key));
    }

    static byte[] sha256(String key) {
        // digest() resets it for the next call on this thread
        return SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AccessKeys[" + byHash.size() + " keys]";
    }

    /** Reads the keys file with Jackson's streaming parser, so that every problem has a line and column. */
    private static final class Reader {
        private final String name;
        private final List<Diagnostic> problems = new ArrayList<>();
        private final List<Diagnostic> warnings = new ArrayList<>();
        private final Map<Digest, Entry> byHash = new LinkedHashMap<>();
        private final Map<String, String> idPlaces = new HashMap<>();

        Reader(String name) {
            this.name = name;
        }

        AccessKeys read(String text) throws ConfigurationException {
            AccessKeys keys = readAll(text);
            if (!problems.isEmpty()) {
                List<String> lines = new ArrayList<>();
                problems.forEach(d -> lines.add(line(d)));
                List<Diagnostic> all = new ArrayList<>(problems);
                all.addAll(warnings);
                all.sort(Diagnostic.ORDER);
                throw new ConfigurationException(String.join("\n", lines), all, Map.of(name, text));
            }
            return keys;
        }

        private AccessKeys readAll(String text) {
            try (JsonParser p = JSON.createParser(text)) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    problem(p, t == null ? MISSING_FIELD : JSON_TYPE, t == null
                            ? "the keys file is empty: expected {\"keys\": [...]}"
                            : "expected a JSON object {\"keys\": [...]}, not " + kind(t));
                } else {
                    boolean sawKeys = false;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonLocation at = p.currentTokenLocation();
                        JsonToken v = p.nextToken();
                        if (field.equals("keys")) {
                            sawKeys = true;
                            readKeys(p, v);
                        } else {
                            problem(at, UNKNOWN_FIELD, "unknown field `" + field + "`: a keys file has only `keys`");
                            p.skipChildren();
                        }
                    }
                    if (!sawKeys) {
                        problem(p, MISSING_FIELD, "missing `keys`");
                    }
                    JsonToken after = p.nextToken();
                    if (after != null) {
                        problem(p, BAD_JSON, "unexpected content after the keys object");
                    }
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                // Jackson quotes the offending token: a key pasted where its hash belongs would be
                // printed, so quoted text is left out
                problem(at, BAD_JSON, "invalid JSON: "
                        + firstLine(e.getOriginalMessage()).replaceAll("'[^']*'", "'...'").replaceAll("\"[^\"]*\"", "\"...\""));
            } catch (IOException e) {
                throw new IllegalStateException("reading a string does no I/O", e);
            }
            return new AccessKeys(byHash, warnings);
        }

        private void readKeys(JsonParser p, JsonToken t) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                problem(p, JSON_TYPE, "`keys` must be an array of key objects, not " + kind(t));
                p.skipChildren();
                return;
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    problem(p, JSON_TYPE, "a key must be an object with `id` and `hash`, not " + kind(t));
                    p.skipChildren();
                    continue;
                }
                readKey(p);
            }
        }

        private void readKey(JsonParser p) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            String id = null;
            String hash = null;
            JsonLocation hashAt = null;
            List<String> roles = List.of();
            List<String> policies = List.of();
            Map<String, String> attributes = Map.of();
            int before = problems.size();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "id":
                        id = string(p, v, "id");
                        if (id != null && id.isEmpty()) {
                            problem(p, BAD_VALUE, "`id` must not be empty");
                            id = null;
                        }
                        break;
                    case "hash":
                        hashAt = p.currentTokenLocation();
                        hash = string(p, v, "hash");
                        break;
                    case "roles":
                        roles = strings(p, v, "roles");
                        break;
                    case "policies":
                        policies = strings(p, v, "policies");
                        break;
                    case "attributes":
                        attributes = attributes(p, v);
                        break;
                    default:
                        problem(at, UNKNOWN_FIELD, "unknown field `" + field
                                + "`: a key has `id`, `hash`, `roles`, `policies` and `attributes`");
                        p.skipChildren();
                }
            }
            if (id == null && problems.size() == before) {
                problem(start, MISSING_FIELD, "a key needs an `id`");
            }
            if (hash == null && problems.size() == before) {
                problem(start, MISSING_FIELD, "a key needs a `hash` (`warden keys hash` prints it)");
            }
            byte[] digest = null;
            if (hash != null) {
                digest = parseHash(hash);
                if (digest == null) {
                    problem(hashAt, BAD_VALUE,
                            "`hash` must be `sha256:` followed by 64 hex digits (`warden keys hash` prints it)");
                }
            }
            if (problems.size() != before || id == null || digest == null) {
                return;
            }
            String here = place(start);
            String earlier = idPlaces.putIfAbsent(id, here);
            if (earlier != null) {
                problem(start, DUPLICATE_ID, "key id `" + id + "` is also defined at " + earlier);
                return;
            }
            Entry same = byHash.get(new Digest(digest));
            if (same != null) {
                problem(hashAt, DUPLICATE_HASH, "key `" + id + "` has the same hash as key `" + same.key.id()
                        + "`: one key would stand for two principals");
                return;
            }
            Principal principal = Principal.builder(id).roles(roles).policies(policies).attributes(attributes).build();
            byHash.put(new Digest(digest), new Entry(digest, new AccessKey(id, principal)));
        }

        private static byte[] parseHash(String hash) {
            if (!hash.startsWith(HASH_PREFIX) || hash.length() != HASH_PREFIX.length() + 64) {
                return null;
            }
            try {
                return HexFormat.of().parseHex(hash.substring(HASH_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private String string(JsonParser p, JsonToken t, String field) throws IOException {
            if (t != JsonToken.VALUE_STRING) {
                problem(p, JSON_TYPE, "`" + field + "` must be a string, not " + kind(t));
                p.skipChildren();
                return null;
            }
            return p.getText();
        }

        private List<String> strings(JsonParser p, JsonToken t, String field) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                problem(p, JSON_TYPE, "`" + field + "` must be an array of strings, not " + kind(t));
                p.skipChildren();
                return List.of();
            }
            List<String> out = new ArrayList<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_STRING) {
                    problem(p, JSON_TYPE, "`" + field + "` must hold strings, not " + kind(t));
                    p.skipChildren();
                } else if (p.getText().isEmpty()) {
                    problem(p, BAD_VALUE, "`" + field + "` must not hold an empty name");
                } else {
                    out.add(p.getText());
                }
            }
            return out;
        }

        private Map<String, String> attributes(JsonParser p, JsonToken t) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                problem(p, JSON_TYPE, "`attributes` must be an object of strings, not " + kind(t));
                p.skipChildren();
                return Map.of();
            }
            Map<String, String> out = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String attribute = p.currentName();
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_STRING) {
                    problem(p, JSON_TYPE, "`attributes." + attribute + "` must be a string, not " + kind(v));
                    p.skipChildren();
                } else {
                    String value = p.getText();
                    Optional<String> why = unmatchableAttribute(attribute, value);
                    if (why.isPresent()) {
                        warnings.add(diagnostic(p.currentTokenLocation(), Severity.WARNING, UNMATCHABLE_ATTRIBUTE,
                                why.get()));
                    }
                    out.put(attribute, value);
                }
            }
            return out;
        }

        private void problem(JsonParser p, String code, String message) {
            problem(p.currentTokenLocation(), code, message);
        }

        private void problem(JsonLocation at, String code, String message) {
            problems.add(diagnostic(at, Severity.ERROR, code, message));
        }

        /** A diagnostic at a place of the file; one with no line known is about the whole file. */
        private Diagnostic diagnostic(JsonLocation at, Severity severity, String code, String message) {
            if (at == null || at.getLineNr() < 1) {
                return Diagnostic.of(severity, code, new SourceLocation(name, 1, 1), message).withoutExcerpt();
            }
            return Diagnostic.of(severity, code, new SourceLocation(name, at.getLineNr(), Math.max(1, at.getColumnNr())),
                    message);
        }

        private String place(JsonLocation at) {
            if (at == null || at.getLineNr() < 1) {
                return name;
            }
            return name + ":" + at.getLineNr() + ":" + Math.max(1, at.getColumnNr());
        }

        private static String firstLine(String s) {
            if (s == null) {
                return "";
            }
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }

        private static String kind(JsonToken t) {
            if (t == null) {
                return "the end of the file";
            }
            switch (t) {
                case START_ARRAY:
                    return "an array";
                case START_OBJECT:
                    return "an object";
                case VALUE_STRING:
                    return "a string";
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return "a number";
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return "a boolean";
                case VALUE_NULL:
                    return "null";
                default:
                    return t.asString() == null ? t.name().toLowerCase(java.util.Locale.ROOT) : "`" + t.asString() + "`";
            }
        }
    }
}
