package dev.warden.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the report says about the machine: cores, CPU model, memory, load, the JVM. */
final class Machine {
    private Machine() {}

    static void describe(ObjectNode run) {
        run.put("cpus", Runtime.getRuntime().availableProcessors());
        run.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")));
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal").orElse("");
        if (mem.endsWith("kB")) {
            double gib = Long.parseLong(mem.replace("kB", "").trim()) / (1024.0 * 1024.0);
            mem = String.format(Locale.ROOT, "%.1f GiB", gib);
        }
        run.put("memory", mem);
        run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        run.put("loadAverage", firstLine(Path.of("/proc/loadavg")));
        run.put("nice", niceness());
        run.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " (" + System.getProperty("java.vendor") + ")");
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String l : lines) {
                int colon = l.indexOf(':');
                if (colon > 0 && l.substring(0, colon).trim().equals(key)) {
                    return java.util.Optional.of(l.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: say less
        }
        return java.util.Optional.empty();
    }

    /** This process's nice value (its forks inherit it); 0 when unknown. */
    static int niceness() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[16]); // field 19 of proc(5), counted after the command name
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
