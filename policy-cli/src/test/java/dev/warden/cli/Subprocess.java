package dev.warden.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program in a working directory and collects its exit code and output. */
record Subprocess(int exitCode, String out, String err) {

    static Subprocess run(Path workingDirectory, Map<String, String> env, String stdin, List<String> command) {
        try {
            Path outFile = Files.createTempFile("warden-out", ".txt");
            Path errFile = Files.createTempFile("warden-err", ".txt");
            Path inFile = Files.createTempFile("warden-in", ".txt");
            try {
                Files.writeString(inFile, stdin, StandardCharsets.UTF_8);
                ProcessBuilder pb = new ProcessBuilder(command)
                        .directory(workingDirectory.toFile())
                        .redirectInput(inFile.toFile())
                        .redirectOutput(outFile.toFile())
                        .redirectError(errFile.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + command);
                }
                return new Subprocess(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                        Files.readString(errFile, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(outFile);
                Files.deleteIfExists(errFile);
                Files.deleteIfExists(inFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The java that runs the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath the tests run with: this module's classes and every dependency. Surefire
     * puts it in {@code java.class.path} of the forked test JVM.
     */
    static String testClasspath() {
        return System.getProperty("java.class.path");
    }
}
