package dev.warden.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The files a command reads from its PATH arguments, for the commands that take one kind of file. */
final class InputFiles {
    private InputFiles() {}

    /**
     * The files named by {@code paths}, named as given, each once: a file as it is, a directory's
     * files ending in {@code extension} (any case), sorted by name.
     *
     * @param wrongKind the message for a named file that does not end in {@code extension}
     * @throws ParameterException for a missing path, an unreadable or empty directory, or a file of another kind
     */
    static List<String> list(CommandSpec spec, List<Path> paths, String extension, UnaryOperator<String> wrongKind) {
        List<String> files = new ArrayList<>();
        for (Path p : paths) {
            String name = p.toString();
            if (Files.isDirectory(p)) {
                List<String> inDir = new ArrayList<>();
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(f -> hasExtension(f.getFileName().toString(), extension) && Files.isRegularFile(f))
                            .map(f -> f.getFileName().toString())
                            .sorted()
                            .forEach(inDir::add);
                } catch (IOException e) {
                    throw new ParameterException(spec.commandLine(), "cannot read directory `" + name + "`");
                }
                if (inDir.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "directory `" + name + "` holds no `" + extension + "` file");
                }
                String dir = name.endsWith("/") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
                inDir.forEach(f -> files.add(dir + "/" + f));
            } else if (!Files.exists(p)) {
                throw new ParameterException(spec.commandLine(), "cannot find `" + name + "`");
            } else if (!hasExtension(name, extension)) {
                throw new ParameterException(spec.commandLine(), wrongKind.apply(name));
            } else if (!files.contains(name)) {
                files.add(name);
            }
        }
        return files;
    }

    static boolean hasExtension(String name, String extension) {
        return name.toLowerCase(Locale.ROOT).endsWith(extension);
    }
}
