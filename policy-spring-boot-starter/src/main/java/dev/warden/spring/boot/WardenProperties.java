package dev.warden.spring.boot;

import dev.warden.core.Authorizer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Warden's settings in {@code application.properties}: {@code warden.*}. */
@ConfigurationProperties("warden")
public class WardenProperties {
    /**
     * Where the policies are: {@code classpath:} locations (a directory such as {@code
     * classpath:policies/}, whose .policy and .json files are read, or one file), or file-system
     * paths (a directory or a file, with or without {@code file:}). One kind or the other, not both.
     */
    private List<String> policies = new ArrayList<>(List.of("classpath:policies/"));

    /**
     * Whether file-system policies are watched and reloaded when they change (atomically; a change
     * that does not load keeps the serving set). Classpath policies are never reloaded.
     */
    private boolean reload = true;

    /** The most decisions to cache; 0 turns the cache off. */
    private long cacheSize = Authorizer.DEFAULT_CACHE_SIZE;

    /**
     * Whether the starter secures every HTTP request with Warden (HTTP Basic, error dispatches
     * let through) when the application declares no SecurityFilterChain of its own.
     */
    private boolean defaultSecurity = true;

    /**
     * {@code warden.policies}: where the policies are.
     *
     * @return the locations, {@code classpath:policies/} by default
     */
    public List<String> getPolicies() {
        return policies;
    }

    /**
     * Sets {@code warden.policies}.
     *
     * @param policies {@code classpath:} locations, or file-system paths
     */
    public void setPolicies(List<String> policies) {
        this.policies = policies;
    }

    /**
     * {@code warden.reload}: whether file-system policies are watched and reloaded.
     *
     * @return true by default
     */
    public boolean isReload() {
        return reload;
    }

    /**
     * Sets {@code warden.reload}.
     *
     * @param reload false to load file-system policies once
     */
    public void setReload(boolean reload) {
        this.reload = reload;
    }

    /**
     * {@code warden.cache-size}: the most decisions to cache.
     *
     * @return the cache size, {@value Authorizer#DEFAULT_CACHE_SIZE} by default
     */
    public long getCacheSize() {
        return cacheSize;
    }

    /**
     * Sets {@code warden.cache-size}.
     *
     * @param cacheSize the most decisions to cache; 0 turns the cache off
     */
    public void setCacheSize(long cacheSize) {
        this.cacheSize = cacheSize;
    }

    /**
     * {@code warden.default-security}: whether the starter secures every request when the
     * application has no SecurityFilterChain.
     *
     * @return true by default
     */
    public boolean isDefaultSecurity() {
        return defaultSecurity;
    }

    /**
     * Sets {@code warden.default-security}.
     *
     * @param defaultSecurity false to leave HTTP security to the application
     */
    public void setDefaultSecurity(boolean defaultSecurity) {
        this.defaultSecurity = defaultSecurity;
    }
}
