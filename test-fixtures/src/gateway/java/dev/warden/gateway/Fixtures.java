package dev.warden.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Policies, keys and a raw HTTP client for the gateway and server tests (policy-gateway's test-jar). */
public final class Fixtures {
    /** Secrets: they must never show up in a log, a metric or a message. */
    public static final String SUPPORT_KEY = "wk_SUPPORT_secret_0f4b2d9e7a61c3";
    public static final String ADMIN_KEY = "wk_ADMIN_secret_9a8b7c6d5e4f3a2b";
    public static final String GHOST_KEY = "wk_GHOST_secret_1234567890abcdef";
    public static final String UNKNOWN_KEY = "wk_UNKNOWN_secret_ffffeeeeddddcccc";
    public static final List<String> SECRETS = List.of(SUPPORT_KEY, ADMIN_KEY, GHOST_KEY, UNKNOWN_KEY);

    public static final String POLICIES = """
            policy channels-read {
                allow view on /workspaces/*/channels, /workspaces/*/channels/*
            }
            policy no-connectors {
                deny any on /workspaces/*/connectors/**
            }
            policy everything {
                allow any on /workspaces/**
            }
            role support { policies channels-read, no-connectors }
            """;

    private Fixtures() {}

    public static String keysJson() {
        return "{\"keys\": [\n"
                + "  {\"id\": \"ak_support\", \"hash\": \"" + AccessKeys.hash(SUPPORT_KEY) + "\", \"roles\": [\"support\"]},\n"
                + "  {\"id\": \"ak_admin\", \"hash\": \"" + AccessKeys.hash(ADMIN_KEY)
                + "\", \"policies\": [\"everything\", \"no-connectors\"], \"attributes\": {\"team\": \"ops\"}},\n"
                + "  {\"id\": \"ak_ghost\", \"hash\": \"" + AccessKeys.hash(GHOST_KEY) + "\", \"policies\": [\"missing\"]}\n"
                + "]}\n";
    }

    /** {@code dir/policies/main.policy} and {@code dir/keys.json}; returns the policies directory. */
    public static Path write(Path dir) throws IOException {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("main.policy"), POLICIES);
        Files.writeString(dir.resolve("keys.json"), keysJson());
        return policies;
    }

    public static AccessKeys keys() throws ConfigurationException {
        return AccessKeys.parse("keys.json", keysJson());
    }

    public static String auth(String key) {
        return "AccessKey " + key;
    }

    /** Captures what Warden logs (java.util.logging logger {@code dev.warden}). */
    /** A response read off a raw socket. */
    public record Raw(int status, String head) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /**
     * Sends bytes as written (no client normalises or refuses the target), e.g. {@code GET
     * /a/..;/b HTTP/1.1}, and reads the status line and headers. Header values are sent as UTF-8.
     */
    public static Raw raw(int port, String requestLine, String... headers) throws IOException {
        return send(null, port, requestLine, "127.0.0.1", null, 5_000, headers);
    }

    /**
     * Like {@link #raw(int, String, String...)} with the {@code Host} header given (none when null)
     * and a body with its {@code Content-Length} (none when null).
     */
    public static Raw request(int port, String requestLine, String host, String body, String... headers) throws IOException {
        return send(null, port, requestLine, host, body, 10_000, headers);
    }

    /** The same, from the local address {@code from} (a loopback address such as 127.0.0.2). */
    public static Raw requestFrom(String from, int port, String requestLine, String... headers) throws IOException {
        return send(java.net.InetAddress.getByName(from), port, requestLine, "127.0.0.1", null, 10_000, headers);
    }

    private static Raw send(java.net.InetAddress from, int port, String requestLine, String host, String body, int timeoutMillis,
            String... headers) throws IOException {
        StringBuilder req = new StringBuilder(requestLine).append("\r\n");
        if (host != null) {
            req.append("Host: ").append(host).append("\r\n");
        }
        req.append("Connection: close\r\n");
        for (String h : headers) {
            req.append(h).append("\r\n");
        }
        if (body != null) {
            req.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        req.append("\r\n");
        if (body != null) {
            req.append(body);
        }
        try (Socket s = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port, from, 0)) {
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            String head = end < 0 ? all : all.substring(0, end);
            return new Raw(Integer.parseInt(head.split(" ", 3)[1]), head);
        }
    }
}
