package dev.warden.cli;

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
 * One HTTP/1.1 request over a plain socket to 127.0.0.1, the request line exactly as given (no
 * client-side normalisation or encoding: a raw {@code #}, {@code \} or non-ASCII byte goes out as
 * it is), and the status and headers of the answer.
 */
final class RawHttp {
    private RawHttp() {}

    /**
     * An answer.
     *
     * @param status the status code
     * @param headers the answer's headers, names in lower case, the last value of each
     */
    record Answer(int status, Map<String, String> headers) {
        Answer {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Sends {@code METHOD TARGET HTTP/1.1} with {@code Host: 127.0.0.1}, {@code Connection:
     * close}, the given header lines ({@code Name: value}) and an empty body for methods that
     * carry one. Characters up to U+00FF go out as single bytes (write UTF-8 bytes as such).
     */
    static Answer send(int port, String method, String target, List<String> headerLines) throws IOException {
        return send(null, port, method, target, headerLines);
    }

    /** The same, from the local address {@code from} (a loopback address such as 127.0.0.2); null for any. */
    static Answer send(InetAddress from, int port, String method, String target, List<String> headerLines) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder();
            req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1\r\n")
                    .append("Connection: close\r\n");
            for (String h : headerLines) {
                req.append(h).append("\r\n");
            }
            if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                req.append("Content-Length: 0\r\n");
            }
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String status = line(in);
            String[] parts = status.split(" ");
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("no HTTP status line: `" + status + "`");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
                }
            }
            return new Answer(Integer.parseInt(parts[1]), headers);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
