package dev.warden.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over one kept-alive socket to 127.0.0.1, the request line exactly as given (characters
 * up to U+00FF go out as single bytes), for tests that send thousands of requests. A connection
 * the server closes (it answers {@code Connection: close}, as Jetty does after refusing a request
 * line) is opened again for the next request.
 */
final class KeepAliveHttp implements AutoCloseable {
    /**
     * An answer.
     *
     * @param status the status code
     * @param headers names in lower case, the last value of each
     * @param body the body, as ISO-8859-1 text
     */
    record Answer(int status, Map<String, String> headers, String body) {
        Answer {
            headers = Map.copyOf(headers);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveHttp(int port) {
        this.port = port;
    }

    /** Sends {@code METHOD TARGET HTTP/1.1} with {@code Host: 127.0.0.1:PORT}, the header lines and the body (none when null). */
    Answer send(String method, String target, List<String> headerLines, String body) throws IOException {
        StringBuilder req = new StringBuilder(256);
        req.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
        for (String h : headerLines) {
            req.append(h).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            req.append("Content-Length: ").append(content.length).append("\r\n");
        }
        req.append("\r\n");
        byte[] head = req.toString().getBytes(StandardCharsets.ISO_8859_1);
        boolean reused = socket != null;
        try {
            return exchange(head, content);
        } catch (IOException stale) {
            closeSocket();
            if (!reused) {
                throw stale;
            }
            return exchange(head, content); // the server had closed the kept-alive connection
        }
    }

    private Answer exchange(byte[] head, byte[] content) throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        out.write(head);
        out.write(content);
        out.flush();
        String status = line();
        String[] parts = status.split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("no HTTP status line: `" + status + "`");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean close = headers.getOrDefault("connection", "").equalsIgnoreCase("close");
        if (headers.containsKey("content-length")) {
            int n = Integer.parseInt(headers.get("content-length"));
            b.write(in.readNBytes(n));
        } else if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            for (int n = Integer.parseInt(line().strip(), 16); n > 0; n = Integer.parseInt(line().strip(), 16)) {
                b.write(in.readNBytes(n));
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers: none expected
            }
        } else {
            b.write(in.readAllBytes());
            close = true;
        }
        if (close) {
            closeSocket();
        }
        return new Answer(Integer.parseInt(parts[1]), headers, b.toString(StandardCharsets.ISO_8859_1));
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("connection closed");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }

    @Override
    public void close() {
        closeSocket();
    }
}
