package dev.warden.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a command writes on request ({@code -o}, {@code --junit}, {@code --write-baseline}...):
 * missing parent directories are created, and a file that cannot be written is an {@link
 * Unwritable} whose message the command prints before it exits 2 ({@link ExitCode#USAGE}: the
 * command line named a place it cannot write, not a bug).
 */
final class OutputFiles {
    private OutputFiles() {}

    /** A file the command line named that cannot be written; the message is the whole error line. */
    static final class Unwritable extends Exception {
        private static final long serialVersionUID = 1L;

        Unwritable(Path file, IOException cause) {
            super("error: cannot write `" + file + "`: " + EvalCommand.describe(cause), cause);
        }
    }

    /** Writes {@code text} (UTF-8) to {@code file}, creating its missing parent directories. */
    static void write(Path file, String text) throws Unwritable {
        try {
            createParents(file);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unwritable(file, e);
        }
    }

    /** Opens {@code file} for writing, creating its missing parent directories. */
    static OutputStream open(Path file) throws Unwritable {
        try {
            createParents(file);
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new Unwritable(file, e);
        }
    }

    /** Creates the missing parent directories of {@code file}. */
    static void createParents(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        for (Path above = parent; above != null; above = above.getParent()) {
            if (Files.exists(above)) {
                if (!Files.isDirectory(above)) {
                    throw new FileSystemException(file.toString(), null, "`" + above.getFileName() + "` is not a directory");
                }
                break;
            }
        }
        Files.createDirectories(parent);
    }
}
