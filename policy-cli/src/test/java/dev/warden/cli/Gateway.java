package dev.warden.cli;

/** A real gateway (NGINX, Caddy) run by a test in front of a {@link Backend}, asking {@code warden serve}. */
interface Gateway extends AutoCloseable {
    /** The port it listens on, on 127.0.0.1. */
    int port();

    /** Its logs, for a failure message. */
    String logs();

    @Override
    void close();
}
