package dev.warden.spring.boot;

import dev.warden.core.Authorizer;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyFilesException;
import dev.warden.dsl.PolicyLoader;
import dev.warden.dsl.ReloadResult;
import dev.warden.dsl.WatchedPolicies;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The policies the application decides with, as {@code warden.policies} names them: the {@link
 * Authorizer} bean, the serving version, and for file-system policies the reloads ({@link
 * WatchedPolicies}). Classpath policies are read once, at the start: they are version 1 for the
 * life of the application.
 */
public final class WardenPolicies implements Closeable {
    private static final System.Logger LOG = System.getLogger("dev.warden.spring");
    private static final String CLASSPATH = "classpath:";

    private final List<String> locations;
    private final Authorizer authorizer;
    private final Optional<WatchedPolicies> watched;
    private final ReloadResult initial;

    private WardenPolicies(List<String> locations, Authorizer authorizer, Optional<WatchedPolicies> watched) {
        this.locations = List.copyOf(locations);
        this.authorizer = authorizer;
        this.watched = watched;
        this.initial = new ReloadResult(true, 1, Instant.now(), List.of(), "initial policy set");
    }

    /**
     * Loads the policies at {@code locations}; file-system ones are watched after {@link #start}
     * when {@code reload}.
     *
     * @throws PolicyFilesException when they do not load, with every diagnostic
     * @throws IllegalArgumentException when the locations mix the classpath and the file system, or are empty
     */
    static WardenPolicies load(List<String> locations, boolean reload, Authorizer.Builder builder, ClassLoader classLoader)
            throws PolicyFilesException, IOException {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("warden.policies names no location");
        }
        long onClasspath = locations.stream().filter(l -> l.startsWith(CLASSPATH)).count();
        if (onClasspath > 0 && onClasspath < locations.size()) {
            throw new IllegalArgumentException("warden.policies mixes classpath and file locations: " + locations);
        }
        if (onClasspath == 0) {
            List<Path> paths = new ArrayList<>();
            for (String l : locations) {
                paths.add(Path.of(l.startsWith("file:") ? l.substring("file:".length()) : l));
            }
            WatchedPolicies w = WatchedPolicies.builder(paths).authorizer(builder).watch(reload).build();
            return new WardenPolicies(locations, w.authorizer(), Optional.of(w));
        }
        if (reload) {
            LOG.log(Level.INFO, "warden.reload: classpath policies " + locations + " are read once and not reloaded");
        }
        LoadResult loaded = PolicyLoader.loadTexts(classpathTexts(locations, classLoader));
        if (!loaded.ok()) {
            throw new PolicyFilesException(loaded);
        }
        return new WardenPolicies(locations, builder.build(loaded.policySet().get()), Optional.empty());
    }

    /** Each .policy and .json file at the classpath locations (a directory's, sorted by name), by its location. */
    private static Map<String, String> classpathTexts(List<String> locations, ClassLoader classLoader) throws IOException {
        ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        Map<String, String> texts = new LinkedHashMap<>();
        for (String location : locations) {
            String path = location.substring(CLASSPATH.length());
            List<Resource> found = new ArrayList<>();
            boolean directory = path.endsWith("/") || path.isEmpty();
            if (directory) {
                found.addAll(Arrays.asList(resolver.getResources("classpath*:" + path + "*.policy")));
                found.addAll(Arrays.asList(resolver.getResources("classpath*:" + path + "*.json")));
                found.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
            } else {
                found.add(resolver.getResource(location));
            }
            for (Resource r : found) {
                String name = directory ? CLASSPATH + path + r.getFilename() : location;
                if (!r.exists()) {
                    throw new IOException("no policy file at `" + location + "`");
                }
                try (InputStream in = r.getInputStream()) {
                    texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        if (texts.isEmpty()) {
            throw new IOException("no .policy or .json file at " + locations);
        }
        return texts;
    }

    /** Starts watching file-system policies (when {@code warden.reload}); nothing for classpath ones. */
    void start() {
        watched.ifPresent(WatchedPolicies::start);
    }

    /**
     * The authorizer: the same object after every reload.
     *
     * @return the authorizer that decides with the serving set
     */
    public Authorizer authorizer() {
        return authorizer;
    }

    /**
     * {@code warden.policies} as given.
     *
     * @return the policy locations
     */
    public List<String> locations() {
        return locations;
    }

    /**
     * Whether the policies can reload: file-system policies (watched or not).
     *
     * @return false for classpath policies
     */
    public boolean reloadable() {
        return watched.isPresent();
    }

    /**
     * The version serving: 1 at the start, one more after each successful reload.
     *
     * @return the serving policy-set version
     */
    public long version() {
        return watched.map(w -> w.current().version()).orElse(1L);
    }

    /**
     * The last reload's result (the start counts as a successful one).
     *
     * @return the result of the last load to finish
     */
    public ReloadResult lastResult() {
        return watched.map(WatchedPolicies::lastResult).orElse(initial);
    }

    /**
     * Successful reloads so far.
     *
     * @return the number of reloads swapped in; 0 for classpath policies
     */
    public long reloadSuccesses() {
        return watched.map(w -> w.reloader().successes()).orElse(0L);
    }

    /**
     * Failed reloads so far.
     *
     * @return the number of reloads that left the serving set in place; 0 for classpath policies
     */
    public long reloadFailures() {
        return watched.map(w -> w.reloader().failures()).orElse(0L);
    }

    /**
     * Loads file-system policies again now; for classpath ones, the initial result.
     *
     * @return what the load did: the new version, or why the serving set stays
     */
    public ReloadResult reload() {
        return watched.map(WatchedPolicies::reload).orElse(initial);
    }

    /**
     * Tells {@code listener} of every reload of file-system policies (none for classpath ones).
     *
     * @param listener given each reload's result, on the thread that ran it
     */
    public void onReload(Consumer<ReloadResult> listener) {
        watched.ifPresent(w -> w.onReload(listener));
    }

    @Override
    public void close() throws IOException {
        if (watched.isPresent()) {
            watched.get().close();
        }
    }
}
