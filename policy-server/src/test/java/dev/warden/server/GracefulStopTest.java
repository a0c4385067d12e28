package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WardenServer#close}: stop accepting, let the requests in flight finish, then stop. */
class GracefulStopTest {
    static final String DECIDE = "{\"principal\": {\"id\": \"svc\", \"policies\": [\"everything\"]}, "
            + "\"method\": \"GET\", \"path\": \"/workspaces/w1/channels\"}";

    @Test
    void close_letsASlowRequestFinishWithItsAnswer_andRefusesNewConnections(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).adminPort(0).watch(false).bodyDeadline(Duration.ofSeconds(60)).drainTime(Duration.ofSeconds(60))
                .start();
        int port = s.port();
        int adminPort = s.adminPort().getAsInt();
        byte[] body = DECIDE.getBytes(StandardCharsets.UTF_8);
        Thread closing = new Thread(s::close, "test-close");
        try (Socket slow = new Socket("127.0.0.1", adminPort); Socket open = new Socket("127.0.0.1", adminPort)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1:" + adminPort + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            for (int i = 0; i < 400 && s.requestsInFlight() < 1; i++) {
                Thread.sleep(25);
            }
            assertThat(s.requestsInFlight()).as("the slow request is being handled").isEqualTo(1);

            closing.start();
            for (int i = 0; i < 400 && accepts(adminPort); i++) {
                Thread.sleep(25);
            }
            assertThat(s.draining()).isTrue();
            assertThatThrownBy(() -> new Socket("127.0.0.1", adminPort).close()).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            assertThat(closing.isAlive()).as("the stop waits for the slow request").isTrue();

            // a request on a connection opened before the stop: 503, the server is draining
            String ready = exchange(open, "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:" + adminPort + "\r\nConnection: close\r\n\r\n");
            assertThat(ready).startsWith("HTTP/1.1 503");

            out.write(body, 10, body.length - 10);
            out.flush();
            String answer = read(slow.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200").contains("{\"decision\": \"allow\", \"reason\": \"allowed\"");
        } finally {
            if (closing.isAlive() || closing.getState() == Thread.State.NEW) {
                s.close();
            }
            closing.join(30_000);
        }
        assertThat(closing.isAlive()).isFalse();
        s.close(); // a second close returns at once
    }

    @Test
    void close_withADrainTimeOfZero_stopsAtOnce_evenWithARequestInFlight(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).adminPort(0).watch(false).bodyDeadline(Duration.ofSeconds(60)).drainTime(Duration.ZERO)
                .start();
        try (Socket slow = new Socket("127.0.0.1", s.adminPort().getAsInt())) {
            slow.getOutputStream().write(("POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1:" + s.adminPort().getAsInt() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            for (int i = 0; i < 400 && s.requestsInFlight() < 1; i++) {
                Thread.sleep(25);
            }
            assertThat(s.requestsInFlight()).isEqualTo(1);
            s.close();
            assertThat(read(slow.getInputStream())).doesNotStartWith("HTTP/1.1 200");
        }
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return read(socket.getInputStream());
    }

    /** What the server sends until it closes the connection, or the response's end by its Content-Length. */
    private static String read(InputStream in) throws IOException {
        StringBuilder got = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (java.net.SocketException reset) {
                break;
            }
            if (n < 0) {
                break;
            }
            got.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            int head = got.indexOf("\r\n\r\n");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(got);
            if (head >= 0 && m.find() && got.length() - head - 4 >= Integer.parseInt(m.group(1))) {
                break;
            }
        }
        return got.toString();
    }
}
