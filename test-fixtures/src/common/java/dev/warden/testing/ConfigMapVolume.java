package dev.warden.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The layout the kubelet writes for a ConfigMap volume: {@code ..<timestamp>/} holds the files,
 * {@code ..data -> ..<timestamp>}, and each file is {@code name -> ..data/name}. In the test-jar,
 * for policy-server's tests of {@code warden serve} as wired.
 */
public final class ConfigMapVolume {
    private final Path mount;
    private int generation;

    public ConfigMapVolume(Path mount, String text) throws IOException {
        this.mount = Files.createDirectories(mount);
        Path first = data(text);
        Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(file(), Path.of("..data", "gateway.policy"));
    }

    /** The volume's directory. */
    public Path mount() {
        return mount;
    }

    /** The policy file as an application names it: {@code mount/gateway.policy}. */
    public Path file() {
        return mount.resolve("gateway.policy");
    }

    private Path data(String text) throws IOException {
        generation++;
        Path d = Files.createDirectory(mount.resolve(String.format("..2026_12_01_08_00_%02d.00000000%d",
                generation, generation)));
        Files.writeString(d.resolve("gateway.policy"), text);
        return d;
    }

    /** What the kubelet does on an update: a new directory, {@code ..data} swapped by a rename, the old one removed. */
    public void update(String text) throws IOException {
        Path old = mount.resolve("..data").toRealPath();
        Path next = data(text);
        Path tmp = mount.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, next.getFileName());
        Files.move(tmp, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        Files.delete(old.resolve("gateway.policy"));
        Files.delete(old);
    }
}
