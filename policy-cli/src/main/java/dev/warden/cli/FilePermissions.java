package dev.warden.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the files {@code warden serve} trusts that any user of the host may write: whoever can
 * write the keys file or a policy decides who is allowed what. On a file system without POSIX
 * permissions nothing is found.
 */
final class FilePermissions {
    /** At most this many entries are looked at under one directory. */
    static final int MAX_ENTRIES = 10_000;

    private FilePermissions() {}

    /**
     * The paths among {@code paths}, and the files and directories under those that are
     * directories, that are world-writable, in order; a path that cannot be read is left out
     * (loading it reports it).
     */
    static List<Path> worldWritable(List<Path> paths) {
        List<Path> found = new ArrayList<>();
        for (Path p : paths) {
            if (writableByOthers(p)) {
                found.add(p);
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> under = Files.walk(p)) {
                    under.skip(1).limit(MAX_ENTRIES).filter(FilePermissions::writableByOthers).forEach(found::add);
                } catch (IOException | RuntimeException e) {
                    // unreadable: the load reports it
                }
            }
        }
        return found;
    }

    private static boolean writableByOthers(Path p) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        try {
            return view.readAttributes().permissions().contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The warning for one such path. */
    static String warning(Path p) {
        return "`" + p + "` is writable by any user of this host, who could change what is allowed; "
                + "remove the write permission of others (chmod o-w)";
    }
}
