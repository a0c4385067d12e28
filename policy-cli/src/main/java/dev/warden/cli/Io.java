package dev.warden.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The streams a command reads and writes: the process's own in {@link Main}, buffers in tests.
 * Standard output and error are raw streams (not {@link java.io.PrintStream}s, which swallow write
 * errors), so that a closed pipe stops {@code eval} instead of going on deciding for nobody.
 */
record Io(InputStream in, OutputStream out, OutputStream err) {
    Io {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** The process's standard streams. */
    static Io system() {
        return new Io(System.in, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
    }
}
