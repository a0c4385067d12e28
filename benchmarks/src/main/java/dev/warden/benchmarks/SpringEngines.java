package dev.warden.benchmarks;

import dev.warden.benchmarks.Workload.Request;
import org.springframework.http.server.PathContainer;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What a careful service would hand-roll with Spring's matchers: the key's patterns, per action,
 * scanned linearly, denies first (a matching deny decides), then allows.
 *
 * <p>Translation: literal and {@code *} segments mean the same in both matchers; Warden's
 * {@code **} (one or more segments) becomes {@code /*}{@code /**} (Spring's {@code **} alone
 * also matches zero segments, which would grant the parent).
 */
final class SpringEngines {
    private SpringEngines() {}

    static String translate(String wardenPattern) {
        return wardenPattern.endsWith("/**")
                ? wardenPattern.substring(0, wardenPattern.length() - 3) + "/*/**"
                : wardenPattern;
    }

    /** Pre-parsed {@link PathPattern}s; the request path is parsed into a {@link PathContainer} per call. */
    static final class PathPatterns implements Engine {
        private final KeyPatterns<PathPattern> patterns;

        PathPatterns(Workload w) {
            PathPatternParser parser = new PathPatternParser();
            this.patterns = new KeyPatterns<>(w, p -> parser.parse(translate(p)), PathPattern[]::new);
        }

        @Override
        public boolean allowed(Request r) {
            String path = Canonical.path(r.request().resource());
            int a = Canonical.action(r.request().action());
            if (path == null || a < 0) {
                return false;
            }
            PathContainer container = PathContainer.parsePath(path);
            for (PathPattern p : patterns.deny[r.key()][a]) {
                if (p.matches(container)) {
                    return false;
                }
            }
            for (PathPattern p : patterns.allow[r.key()][a]) {
                if (p.matches(container)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@link AntPathMatcher} over pattern strings (it caches their tokenisation itself). */
    static final class AntPaths implements Engine {
        private final AntPathMatcher matcher = new AntPathMatcher();
        private final KeyPatterns<String> patterns;

        AntPaths(Workload w) {
            this.patterns = new KeyPatterns<>(w, SpringEngines::translate, String[]::new);
        }

        @Override
        public boolean allowed(Request r) {
            String path = Canonical.path(r.request().resource());
            int a = Canonical.action(r.request().action());
            if (path == null || a < 0) {
                return false;
            }
            for (String p : patterns.deny[r.key()][a]) {
                if (matcher.match(p, path)) {
                    return false;
                }
            }
            for (String p : patterns.allow[r.key()][a]) {
                if (matcher.match(p, path)) {
                    return true;
                }
            }
            return false;
        }
    }
}
