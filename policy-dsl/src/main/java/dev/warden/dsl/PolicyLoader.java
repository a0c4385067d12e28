package dev.warden.dsl;

import dev.warden.core.PolicySet;
import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
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
 * locations are named as the user gave them: {@code dir/name} for a file found in {@code dir}.
 * The result keeps each text it read ({@link LoadResult#texts()}), so that renderers draw carets
 * from what was loaded.
 *
 * <pre>{@code
 * LoadResult result = PolicyLoader.load(List.of(Path.of("policies")));
 * if (!result.ok()) {
 *     System.err.print(DiagnosticRenderer.human(result.diagnostics(), result.texts()));
 * }
 * }</pre>
 */
public final class PolicyLoader {
    private PolicyLoader() {}

    /**
     * Loads files and directories, named in diagnostics as given.
     *
     * @param paths policy files, and directories whose {@code .policy} and {@code .json} files are read
     * @return the policy set, or every diagnostic of every file
     */
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
     *
     * @param filesByName each file's text, by its name
     * @return the policy set, or every diagnostic of every file
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
            return this == POLICY ? LanguageReader.read(name, text) : BirdJsonReader.read(name, text);
        }
    }

    // ---- merging the files of a load

    /** Merges parsed files into one set, or the diagnostics of every file and of the set ({@link Merge}). */
    static LoadResult merge(List<ParsedFile> files, List<Diagnostic> io) {
        return Merge.merge(files, io);
    }

    /** Sorts, keeping at most {@link Limits#MAX_ERRORS_PER_FILE} per file and saying so when some were left out. */
    static List<Diagnostic> capped(List<Diagnostic> all) {
        List<Diagnostic> sorted = new ArrayList<>(all);
        sorted.sort(Diagnostic.ORDER);
        List<Diagnostic> out = new ArrayList<>();
        Map<String, Integer> perFile = new LinkedHashMap<>();
        Set<String> noted = new LinkedHashSet<>();
        for (Diagnostic d : sorted) {
            SourceLocation at = d.location().orElseThrow();
            String file = at.file();
            int n = perFile.merge(file, 1, Integer::sum);
            if (n <= Limits.MAX_ERRORS_PER_FILE) {
                out.add(d);
            } else if (noted.add(file)) {
                out.add(Diagnostic.error(Codes.TOO_MANY_ERRORS, new SourceLocation(file, at.line(), at.column()),
                        "too many errors in " + SourceText.quote(file) + "; only the first "
                                + Limits.MAX_ERRORS_PER_FILE + " are shown")
                        .withHint("fix these and load again").withoutExcerpt());
            }
        }
        return out;
    }
}
