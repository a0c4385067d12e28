package dev.warden.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches the policy paths and runs a reload after they change: a directory given as a policy path
 * is watched whole (any change in it, a Kubernetes ConfigMap's symlink swap included), a file
 * through its directory. Changes that come together (an editor's write and rename, a {@code git
 * checkout}) are gathered until {@value #QUIET_MILLIS} ms pass without one, then one reload runs.
 */
final class PolicyWatcher implements Closeable {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    static final long QUIET_MILLIS = 100;

    private final WatchService watch;
    private final Set<Path> files = new LinkedHashSet<>();
    private final Set<Path> wholeDirectories = new LinkedHashSet<>();
    private final Runnable reload;
    private final Thread thread;

    PolicyWatcher(List<Path> paths, Runnable reload) throws IOException {
        this.reload = reload;
        this.watch = FileSystems.getDefault().newWatchService();
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                wholeDirectories.add(abs);
                dirs.add(abs);
            } else {
                files.add(abs);
                dirs.add(abs.getParent());
            }
        }
        for (Path d : dirs) {
            d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
        this.thread = new Thread(this::run, "warden-policy-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean relevant = relevant(key);
                // gather what follows until it is quiet
                WatchKey more;
                while ((more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    relevant |= relevant(more);
                }
                if (relevant) {
                    reload.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the policy file watcher stopped; use SIGHUP or POST /v1/reload to reload", e);
        }
    }

    private boolean relevant(WatchKey key) {
        boolean relevant = false;
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW || wholeDirectories.contains(dir)) {
                relevant = true;
            } else if (e.context() instanceof Path name && files.contains(dir.resolve(name))) {
                relevant = true;
            }
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
