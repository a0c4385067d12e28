package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forward-auth answers have no body ({@code Content-Length: 0}, status and {@code X-Warden-*}
 * headers only) at every forward-auth entry point, for allow and deny alike, so that one
 * persistent HTTP/1.1 connection serves request after request; {@code forwardAuthBody(true)}
 * brings back the one-line body. Everything is read off raw sockets, so nothing is hidden by a
 * client's own handling of bodies and connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardAuthAnswerTest {
    private static final String SUPPORT = "Authorization: " + Fixtures.auth(Fixtures.SUPPORT_KEY);
    private WardenServer nginx;
    private WardenServer traefik;
    private WardenServer caddy;
    private WardenServer envoy;
    private WardenServer withBody;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Fixtures.write(dir);
        nginx = WardenServerTest.started(dir, ForwardAuth.NGINX);
        traefik = WardenServerTest.started(dir, ForwardAuth.TRAEFIK);
        caddy = WardenServerTest.started(dir, ForwardAuth.CADDY);
        envoy = WardenServerTest.started(dir, ForwardAuth.ENVOY);
        withBody = WardenServer.builder().policies(List.of(dir.resolve("policies"))).keysFile(dir.resolve("keys.json"))
                .port(0).watch(false).forwardAuthBody(true).start();
    }

    @AfterAll
    void stop() {
        for (WardenServer s : new WardenServer[] {nginx, traefik, caddy, envoy, withBody}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** One answer read off a connection: status, the head (status line and headers), the body. */
    record Answer(int status, String head, String body) {
        String header(String name) {
            String found = null;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    assertThat(found).as("`%s` sent twice in %s", name, head).isNull();
                    found = line.substring(colon + 1).strip();
                }
            }
            return found;
        }
    }

    /** A persistent HTTP/1.1 connection: requests written one after the other, each answer read whole. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        Answer send(String method, String path, String... headers) throws IOException {
            StringBuilder req = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String head = readHead();
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            Answer headOnly = new Answer(status, head, "");
            String length = headOnly.header("Content-Length");
            assertThat(length).as("Content-Length in %s", head).isNotNull();
            assertThat(headOnly.header("Transfer-Encoding")).as(head).isNull();
            byte[] body = in.readNBytes(Integer.parseInt(length));
            return new Answer(status, head, new String(body, StandardCharsets.UTF_8));
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the connection closed after `" + head + "`");
                }
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            String s = head.toString(StandardCharsets.ISO_8859_1);
            return s.substring(0, s.length() - 4);
        }

        /**
         * What the server sent after the last answer, within a moment: empty while the connection
         * is open and quiet, {@code <closed>} once the server has closed it, else the first byte.
         */
        String pending() throws IOException {
            socket.setSoTimeout(200);
            try {
                int b = in.read();
                return b < 0 ? "<closed>" : String.valueOf((char) b);
            } catch (java.net.SocketTimeoutException quiet) {
                return "";
            } finally {
                socket.setSoTimeout(10_000);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The forward-auth requests of a mode: an allow, a deny, a 401 and a 400, in that order. */
    private static List<String[]> requests(ForwardAuth mode) {
        List<String[]> r = new ArrayList<>();
        switch (mode) {
            case NGINX, TRAEFIK, CADDY -> {
                String m = mode == ForwardAuth.NGINX ? "X-Original-Method: " : "X-Forwarded-Method: ";
                String u = mode == ForwardAuth.NGINX ? "X-Original-URI: " : "X-Forwarded-Uri: ";
                r.add(new String[] {"GET", "/v1/authz", m + "GET", u + "/workspaces/w1/channels?limit=5", SUPPORT});
                r.add(new String[] {"GET", "/v1/authz", m + "DELETE", u + "/workspaces/w1/channels/c1", SUPPORT});
                r.add(new String[] {"GET", "/v1/authz", m + "GET", u + "/workspaces/w1/channels"});
                r.add(new String[] {"GET", "/v1/authz", m + "GET", u + "/workspaces/w1/../w2/channels", SUPPORT});
            }
            case ENVOY -> {
                r.add(new String[] {"GET", "/v1/authz/envoy/workspaces/w1/channels?limit=5", SUPPORT});
                r.add(new String[] {"DELETE", "/v1/authz/envoy/workspaces/w1/channels/c1", SUPPORT});
                r.add(new String[] {"GET", "/v1/authz/envoy/workspaces/w1/channels"});
                r.add(new String[] {"GET", "/v1/authz/envoy/workspaces/w1/channels", SUPPORT, "X-Original-Method: GET"});
            }
            default -> throw new IllegalStateException(mode.word());
        }
        return r;
    }

    private WardenServer server(ForwardAuth mode) {
        return switch (mode) {
            case NGINX -> nginx;
            case TRAEFIK -> traefik;
            case CADDY -> caddy;
            case ENVOY -> envoy;
        };
    }

    private static Answer send(Connection c, String[] request) throws IOException {
        String[] headers = java.util.Arrays.copyOfRange(request, 2, request.length);
        return c.send(request[0], request[1], headers);
    }

    @Test
    void forwardAuth_answersWithoutABody_forAllowAndDeny_inEveryMode() throws Exception {
        for (ForwardAuth mode : ForwardAuth.values()) {
            try (Connection c = new Connection(server(mode).port())) {
                List<Answer> answers = new ArrayList<>();
                for (String[] request : requests(mode)) {
                    answers.add(send(c, request));
                }
                assertThat(answers).extracting(Answer::status).as(mode.word()).containsExactly(200, 403, 401, 400);
                assertThat(answers).extracting(a -> a.header("X-Warden-Decision")).as(mode.word())
                        .containsExactly("allow", "deny", "deny", "deny");
                assertThat(answers).extracting(a -> a.header("X-Warden-Reason")).as(mode.word())
                        .containsExactly("allowed", "no_match", "missing_credentials", "malformed_request");
                for (Answer a : answers) {
                    assertThat(a.header("Content-Length")).as(a.head()).isEqualTo("0");
                    assertThat(a.header("Content-Type")).as(a.head()).isNull();
                    assertThat(a.body()).isEmpty();
                }
                assertThat(answers.get(0).header("X-Warden-Key-Id")).isEqualTo("ak_support");
                assertThat(answers.get(2).header("WWW-Authenticate")).isEqualTo("AccessKey");
                // nothing after the last answer (no body after a Content-Length of 0), and still open
                assertThat(c.pending()).as(mode.word()).isEmpty();
            }
        }
    }

    @Test
    void aPersistentConnection_servesManyForwardAuthRequests_inARow() throws Exception {
        for (ForwardAuth mode : ForwardAuth.values()) {
            List<String[]> requests = requests(mode);
            try (Connection c = new Connection(server(mode).port())) {
                for (int i = 0; i < 50; i++) {
                    // a 400 closes no connection either: every kind of answer, allow first, over and over
                    Answer a = send(c, requests.get(i % requests.size()));
                    assertThat(a.status()).as("%s request %d", mode.word(), i).isEqualTo(List.of(200, 403, 401, 400).get(i % 4));
                    assertThat(String.valueOf(a.header("Connection")).toLowerCase(Locale.ROOT)).doesNotContain("close");
                }
                assertThat(c.pending()).as(mode.word()).isEmpty();
            }
        }
    }

    @Test
    void forwardAuthBody_addsTheOneLineBody_withTheDetailOfA400() throws Exception {
        try (Connection c = new Connection(withBody.port())) {
            Answer allowed = send(c, requests(ForwardAuth.NGINX).get(0));
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.body()).isEqualTo("allow allowed\n");
            assertThat(allowed.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(allowed.header("X-Warden-Key-Id")).isEqualTo("ak_support");
            Answer denied = send(c, requests(ForwardAuth.NGINX).get(1));
            assertThat(denied.body()).isEqualTo("deny no_match\n");
            Answer none = c.send("GET", "/v1/authz", SUPPORT);
            assertThat(none.status()).isEqualTo(400);
            assertThat(none.body()).startsWith("deny malformed_request: the gateway sent no original-request headers");
        }
    }
}
