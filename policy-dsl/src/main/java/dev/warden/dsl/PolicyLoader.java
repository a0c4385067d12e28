package dev.warden.dsl;

import dev.warden.core.Actions;
import dev.warden.core.PolicySet;
import dev.warden.core.PolicySetException;
import dev.warden.core.Suggestions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads policy files into one {@link PolicySet}, reporting every error of every file.
 *
 * <p>The format follows the extension: {@code .policy} is the policy language, {@code .json} is
 * Bird JSON (either case). A directory loads every {@code .policy} and {@code .json} file directly
 * in it (not in its subdirectories), sorted by name, and ignores other files; a directory with none
 * is an error. A file named twice (directly and through its directory, say) is read once. Files and
 * statement sources are named as the user gave them: {@code dir/name} for a file found in {@code
 * dir}.
 *
 * <pre>{@code
 * LoadResult result = PolicyLoader.load(List.of(Path.of("policies")));
 * if (!result.ok()) {
 *     System.err.print(Diagnostics.render(result.diagnostics()));
 * }
 * }</pre>
 */
public final class PolicyLoader {
    private PolicyLoader() {}

    /** Loads files and directories, named in diagnostics as given. */
    public static LoadResult load(List<Path> paths) {
        List<String> names = new ArrayList<>(paths.size());
        for (Path p : paths) {
            names.add(p.toString());
        }
        return load(null, names);
    }

    /**
     * Loads in-memory files: each entry's key is the file name (its extension picks the format),
     * its value the text. For tests and for services that keep policies elsewhere.
     */
    public static LoadResult loadTexts(Map<String, String> filesByName) {
        List<ParsedFile> parsed = new ArrayList<>();
        List<Diagnostic> io = new ArrayList<>();
        if (filesByName.size() > Limits.MAX_FILES) {
            String over = filesByName.keySet().stream().sorted().skip(Limits.MAX_FILES).findFirst().orElseThrow();
            return merge(parsed, List.of(tooManyFiles(over)));
        }
        for (Map.Entry<String, String> e : filesByName.entrySet()) {
            Optional<Format> format = Format.of(e.getKey());
            if (format.isEmpty()) {
                io.add(unknownFormat(e.getKey()));
            } else if (tooLarge(e.getKey(), e.getValue(), format.get().maxBytes(), io)) {
                continue;
            } else {
                parsed.add(format.get().read(e.getKey(), stripBom(e.getValue())));
            }
        }
        return merge(parsed, io);
    }

    /**
     * Whether an in-memory text is over {@code limit} bytes in UTF-8, after adding the {@code E301}
     * that says so to {@code io}. Counts without encoding.
     */
    static boolean tooLarge(String name, String text, long limit, List<Diagnostic> io) {
        if (text.length() <= limit / 3) {
            return false; // at most 3 bytes per UTF-16 unit
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        if (bytes <= limit) {
            return false;
        }
        io.add(SourceText.fileError(name, Codes.FILE_TOO_LARGE, SourceText.quote(name) + " is larger than "
                + limit / (1024 * 1024) + " MiB (" + bytes + " bytes)", "split it into several files"));
        return true;
    }

    /** {@code E309}, at the first file over the limit (in load order; for in-memory files, in name order). */
    private static Diagnostic tooManyFiles(String first) {
        return SourceText.fileError(first, Codes.TOO_MANY_FILES, "a load names more than " + Limits.MAX_FILES
                + " files; nothing was read", "merge small files, or load fewer at once");
    }

    /**
     * Loads {@code paths}, each resolved against {@code base} (the working directory when null)
     * but named in diagnostics as written. For tests that must not depend on the working directory.
     */
    static LoadResult load(Path base, List<String> paths) {
        List<ParsedFile> parsed = new ArrayList<>();
        List<Diagnostic> io = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        // the files to read, directories listed, before any is read: too many is one error, nothing read
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Set<Path> distinct = new HashSet<>();
        for (String name : paths) {
            Path path = base == null ? Path.of(name) : base.resolve(name);
            if (Files.isDirectory(path)) {
                List<Path> inDir = new ArrayList<>();
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(f -> Format.of(f.getFileName().toString()).isPresent() && Files.isRegularFile(f))
                            .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                            .forEach(inDir::add);
                } catch (IOException e) {
                    io.add(SourceText.fileError(name, Codes.UNREADABLE, "cannot read directory " + SourceText.quote(name)
                            + ": " + reason(e), ""));
                    continue;
                }
                if (inDir.isEmpty()) {
                    io.add(SourceText.fileError(name, Codes.EMPTY_DIRECTORY, "directory " + SourceText.quote(name)
                            + " holds no `.policy` or `.json` file", ""));
                }
                String dir = name.endsWith("/") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
                for (Path f : inDir) {
                    add(dir + "/" + f.getFileName(), f, names, files, distinct);
                    if (distinct.size() > Limits.MAX_FILES) {
                        break;
                    }
                }
            } else {
                add(name, path, names, files, distinct);
            }
            if (distinct.size() > Limits.MAX_FILES) { // the file just named is the first one over
                return merge(parsed, List.of(tooManyFiles(names.get(names.size() - 1))));
            }
        }
        for (int i = 0; i < names.size(); i++) {
            readFile(names.get(i), files.get(i), seen, parsed, io);
        }
        return merge(parsed, io);
    }

    private static void add(String name, Path path, List<String> names, List<Path> files, Set<Path> distinct) {
        names.add(name);
        files.add(path);
        distinct.add(path.toAbsolutePath().normalize());
    }

    private static void readFile(String name, Path path, Set<Path> seen, List<ParsedFile> parsed, List<Diagnostic> io) {
        if (!Files.exists(path)) {
            io.add(SourceText.fileError(name, Codes.NOT_FOUND, "cannot find " + SourceText.quote(name), ""));
            return;
        }
        Optional<Format> format = Format.of(name);
        if (format.isEmpty()) {
            io.add(unknownFormat(name));
            return;
        }
        if (!seen.add(path.toAbsolutePath().normalize())) {
            return;
        }
        readText(name, path, format.get().maxBytes(), io)
                .ifPresent(text -> parsed.add(format.get().read(name, text)));
    }

    /**
     * The text of a file as UTF-8, a leading byte order mark dropped; or empty after adding to
     * {@code io} why it cannot be read (missing, unreadable, over {@code limit} bytes, not UTF-8).
     */
    static Optional<String> readText(String name, Path path, long limit, List<Diagnostic> io) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > limit) {
                io.add(SourceText.fileError(name, Codes.FILE_TOO_LARGE, SourceText.quote(name) + " is larger than "
                        + limit / (1024 * 1024) + " MiB (" + size + " bytes)", "split it into several files"));
                return Optional.empty();
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            io.add(SourceText.fileError(name, Codes.NOT_FOUND, "cannot find " + SourceText.quote(name), ""));
            return Optional.empty();
        } catch (IOException e) {
            io.add(SourceText.fileError(name, Codes.UNREADABLE, "cannot read " + SourceText.quote(name) + ": "
                    + reason(e), ""));
            return Optional.empty();
        }
        if (bytes.length > limit) {
            io.add(SourceText.fileError(name, Codes.FILE_TOO_LARGE, SourceText.quote(name) + " is larger than "
                    + limit / (1024 * 1024) + " MiB", "split it into several files"));
            return Optional.empty();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(stripBom(text));
        } catch (CharacterCodingException e) {
            io.add(SourceText.fileError(name, Codes.NOT_UTF8, SourceText.quote(name) + " is not valid UTF-8",
                    "save it as UTF-8"));
            return Optional.empty();
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT);
    }

    static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Diagnostic unknownFormat(String name) {
        return SourceText.fileError(name, Codes.UNKNOWN_FORMAT, SourceText.quote(name)
                + " is neither a `.policy` nor a `.json` file",
                "policy files end in `.policy` (the policy language) or `.json` (Bird JSON)");
    }

    /** The two input formats, by extension. */
    private enum Format {
        POLICY,
        JSON;

        static Optional<Format> of(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".policy")) {
                return Optional.of(POLICY);
            }
            if (lower.endsWith(".json")) {
                return Optional.of(JSON);
            }
            return Optional.empty();
        }

        /** The largest file of this format ({@code E301}). */
        long maxBytes() {
            return this == JSON ? Limits.MAX_JSON_FILE_BYTES : Limits.MAX_FILE_BYTES;
        }

        ParsedFile read(String name, String text) {
            return this == POLICY ? LanguageReader.read(name, text) : JsonReader.read(name, text);
        }
    }

    // ---- merging the files of a load

    /** Merges parsed files: checks names and actions across files, then builds the set if all is well. */
    static LoadResult merge(List<ParsedFile> files, List<Diagnostic> io) {
        List<Diagnostic> all = new ArrayList<>(io);
        Map<String, ParsedFile> byName = new LinkedHashMap<>();
        for (ParsedFile f : files) {
            all.addAll(f.diagnostics());
            byName.put(f.file(), f);
        }
        Map<String, SourceText> sources = new LinkedHashMap<>();
        for (ParsedFile f : files) {
            sources.put(f.file(), new SourceText(f.file(), String.join("\n", f.lines())));
        }

        // declared actions: the built-in ones cannot be declared; the rest are known in every file
        Map<String, ParsedFile.ActionDecl> declared = new LinkedHashMap<>();
        boolean tooManyActions = false;
        for (ParsedFile f : files) {
            for (ParsedFile.ActionDecl a : f.actions()) {
                String lower = a.name().toLowerCase(Locale.ROOT);
                if (lower.equals(Actions.ANY) || lower.equals("*") || Actions.BUILT_IN.contains(lower)) {
                    sources.get(f.file()).error(Codes.BUILT_IN_ACTION, a.at(), a.name().length(),
                            "`" + lower + "` is a built-in action and cannot be declared", "remove it from `actions`");
                } else if (!declared.containsKey(lower) && declared.size() == Limits.MAX_DECLARED_ACTIONS) {
                    if (tooManyActions) {
                        continue; // said once
                    }
                    tooManyActions = true;
                    sources.get(f.file()).error(Codes.TOO_MANY_DECLARED_ACTIONS, a.at(), a.name().length(),
                            "more than " + Limits.MAX_DECLARED_ACTIONS + " actions are declared: "
                                    + SourceText.quote(lower) + " is one too many",
                            "declare fewer actions; `any` covers every action");
                } else {
                    declared.putIfAbsent(lower, a);
                }
            }
        }
        List<String> known = new ArrayList<>(Actions.BUILT_IN);
        known.addAll(declared.keySet());

        // policies: one definition per name; identical embedded copies are one policy
        Map<String, ParsedFile.PolicyDef> policies = new LinkedHashMap<>();
        for (ParsedFile f : files) {
            SourceText src = sources.get(f.file());
            checkActions(src, f.unbuilt(), known);
            for (ParsedFile.PolicyDef def : f.policies()) {
                checkActions(src, def.statements(), known);
                String name = def.policy().name();
                ParsedFile.PolicyDef first = policies.get(name);
                if (first == null) {
                    policies.put(name, def);
                } else if (!first.copy() && !def.copy()) {
                    src.error(Codes.DUPLICATE_POLICY, def.at(), width(src, name, def.at()),
                            "duplicate policy " + SourceText.quote(name),
                            "it is first defined at " + first.at() + "; rename one of them");
                } else if (!first.policy().equals(def.policy())) {
                    src.error(Codes.CONFLICTING_COPIES, def.at(), width(src, name, def.at()),
                            "policy " + SourceText.quote(name) + " is defined differently at " + first.at(),
                            "copies of a policy embedded in roles must be identical to each other and to the policy");
                } else if (first.copy() && !def.copy()) {
                    policies.put(name, def);
                }
            }
        }

        Map<String, ParsedFile.RoleDef> roles = new LinkedHashMap<>();
        for (ParsedFile f : files) {
            SourceText src = sources.get(f.file());
            for (ParsedFile.RoleDef def : f.roles()) {
                String name = def.role().name();
                ParsedFile.RoleDef first = roles.putIfAbsent(name, def);
                if (first != null) {
                    src.error(Codes.DUPLICATE_ROLE, def.at(), width(src, name, def.at()),
                            "duplicate role " + SourceText.quote(name),
                            "it is first defined at " + first.at() + "; rename one of them");
                }
                List<String> refs = def.role().policies();
                for (int i = 0; i < refs.size(); i++) {
                    String ref = refs.get(i);
                    if (!policies.containsKey(ref)) {
                        SourceLocation at = def.policyRefs().get(i);
                        src.error(Codes.UNKNOWN_POLICY, at, width(src, ref, at), "role " + SourceText.quote(name)
                                + " names policy " + SourceText.quote(ref) + ", which is not loaded",
                                Suggestions.closest(ref, policies.keySet()).map(s -> "did you mean `" + s + "`?")
                                        .orElse("load the file that defines it, or remove it from the role"));
                    }
                }
            }
        }
        for (SourceText src : sources.values()) {
            all.addAll(src.diagnostics());
        }

        List<String> fileNames = new ArrayList<>(byName.keySet());
        if (!all.isEmpty()) {
            return new LoadResult(Optional.empty(), capped(all), fileNames);
        }
        PolicySet.Builder builder = PolicySet.builder();
        for (ParsedFile.ActionDecl a : declared.values()) {
            builder.declareAction(a.name(), a.at().toString());
        }
        for (ParsedFile.PolicyDef def : policies.values()) {
            List<String> statementSources = new ArrayList<>(def.statements().size());
            for (ParsedFile.StatementDef s : def.statements()) {
                statementSources.add(s.at().toString());
            }
            builder.add(def.policy(), def.at().toString(), statementSources);
        }
        for (ParsedFile.RoleDef def : roles.values()) {
            builder.add(def.role(), def.at().toString());
        }
        try {
            return new LoadResult(Optional.of(builder.build()), List.of(), fileNames);
        } catch (PolicySetException e) {
            List<Diagnostic> problems = new ArrayList<>();
            for (PolicySetException.Problem p : e.problems()) {
                problems.add(problem(p, byName));
            }
            return new LoadResult(Optional.empty(), capped(problems), fileNames);
        }
    }

    private static void checkActions(SourceText src, List<ParsedFile.StatementDef> statements, List<String> known) {
        for (ParsedFile.StatementDef s : statements) {
            for (int i = 0; i < s.actionNames().size(); i++) {
                String written = s.actionNames().get(i);
                String lower = Actions.normalize(written);
                if (!lower.equals(Actions.ANY) && !known.contains(lower)) {
                    SourceLocation at = s.actions().get(i);
                    src.error(Codes.UNKNOWN_ACTION, at, width(src, written, at), "unknown action " + SourceText.quote(written),
                            Suggestions.closest(lower, known).map(k -> "did you mean `" + k + "`?")
                                    .orElse("declare it with `actions " + lower + "`, or use one of "
                                            + String.join(", ", known)));
                }
            }
        }
    }

    /** The caret width for a name or action at {@code at}: its length, quotes included when it is quoted there. */
    private static int width(SourceText src, String name, SourceLocation at) {
        int length = name.codePointCount(0, name.length());
        String line = src.line(at.line());
        int i = at.column() - 1;
        boolean quoted = i < line.codePointCount(0, line.length()) && line.codePointAt(line.offsetByCodePoints(0, i)) == '"';
        return quoted ? length + 2 : length;
    }

    /** A problem the core found that the checks above did not: shown at its source when it has one. */
    private static Diagnostic problem(PolicySetException.Problem p, Map<String, ParsedFile> files) {
        String source = p.source();
        int c2 = source.lastIndexOf(':');
        int c1 = c2 > 0 ? source.lastIndexOf(':', c2 - 1) : -1;
        if (c1 > 0) {
            try {
                String file = source.substring(0, c1);
                int line = Integer.parseInt(source.substring(c1 + 1, c2));
                int column = Integer.parseInt(source.substring(c2 + 1));
                ParsedFile f = files.get(file);
                String text = f != null && line >= 1 && line <= f.lines().size() ? f.lines().get(line - 1) : "";
                return new Diagnostic(Severity.ERROR, Codes.INVALID_SET, new SourceLocation(file, line, column), 1,
                        p.message(), p.hint(), text);
            } catch (IllegalArgumentException e) {
                // not file:line:col: shown without a location below
            }
        }
        return SourceText.fileError(source, Codes.INVALID_SET, p.message(), p.hint());
    }

    /** Sorts, keeping at most {@link Limits#MAX_ERRORS_PER_FILE} per file and saying so when some were left out. */
    static List<Diagnostic> capped(List<Diagnostic> all) {
        List<Diagnostic> sorted = new ArrayList<>(all);
        sorted.sort(Diagnostic.ORDER);
        List<Diagnostic> out = new ArrayList<>();
        Map<String, Integer> perFile = new LinkedHashMap<>();
        Set<String> noted = new LinkedHashSet<>();
        for (Diagnostic d : sorted) {
            String file = d.location().file();
            int n = perFile.merge(file, 1, Integer::sum);
            if (n <= Limits.MAX_ERRORS_PER_FILE) {
                out.add(d);
            } else if (noted.add(file)) {
                out.add(new Diagnostic(Severity.ERROR, Codes.TOO_MANY_ERRORS, d.location(), 1,
                        "too many errors in " + SourceText.quote(file) + "; only the first "
                                + Limits.MAX_ERRORS_PER_FILE + " are shown", "fix these and load again", ""));
            }
        }
        return out;
    }
}
