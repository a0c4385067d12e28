package dev.warden.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The service behind the gateway: answers 200 to everything and records every request that
 * reaches it, with the raw request target as it arrived and every request header.
 */
final class Backend implements AutoCloseable {
    /** The method-override headers some frameworks honour: a backend that reads one acts on its method. */
    static final List<String> METHOD_OVERRIDES = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    /**
     * One request as the backend received it.
     *
     * @param method the request method
     * @param target the raw request target of the request line (java.net.URI keeps the text it was read from)
     * @param headers every header, names in lower case, values in order
     */
    record Received(String method, String target, Map<String, List<String>> headers) {
        Received {
            headers = Map.copyOf(headers);
        }

        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The method a backend that honours method overrides acts on. */
        String effectiveMethod() {
            for (String h : METHOD_OVERRIDES) {
                List<String> v = header(h);
                if (!v.isEmpty()) {
                    return v.get(0);
                }
            }
            return method;
        }

        /** {@code METHOD raw-path[?query]}. */
        String line() {
            return method + " " + target;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    Backend() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers));
            byte[] body = "backend\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every request that reached the backend, as {@code METHOD raw-path[?query]}, in order. */
    List<String> seen() {
        List<String> lines = new ArrayList<>();
        for (Received r : received) {
            lines.add(r.line());
        }
        return lines;
    }

    /** Every request that reached the backend, in order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
