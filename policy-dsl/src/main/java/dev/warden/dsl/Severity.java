package dev.warden.dsl;

/** How bad a diagnostic is. Load errors are {@link #ERROR}; lint findings may be any. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** Lower case, as printed: {@code error}, {@code warning}, {@code info}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
