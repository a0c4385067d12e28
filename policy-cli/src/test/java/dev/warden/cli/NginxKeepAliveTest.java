package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.AccessKeys;
import dev.warden.server.WardenServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real NGINX with examples/gateway/nginx.conf (upstream {@code keepalive 32}, {@code
 * proxy_http_version 1.1}, {@code Connection ""}) reuses one connection to {@code warden serve}
 * for request after request, because forward auth answers without a body; with {@code
 * --forward-auth-body}, NGINX's {@code auth_request} discards the body and opens a new connection
 * for every request. Between NGINX and Warden sits a relay that counts the connections NGINX opens.
 * Skipped, loudly, without NGINX (as {@link NginxEndToEndTest} is).
 */
class NginxKeepAliveTest {
    private static final int REQUESTS = 20;

    /** A TCP relay to {@code target} that counts the connections made to it. */
    static final class CountingRelay implements AutoCloseable {
        private final ServerSocket listener;
        private final AtomicInteger accepted = new AtomicInteger();

        CountingRelay(int target) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket in = listener.accept();
                        accepted.incrementAndGet();
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                        pipe(in, out);
                        pipe(out, in);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ended) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closed already
                    }
                }
            }, "relay-pipe");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    /** The connections NGINX opened to Warden for {@link #REQUESTS} requests, one after the other. */
    private static int connectionsFor(Path dir, boolean forwardAuthBody) throws Exception {
        Optional<Path> nginx = Nginx.binary();
        if (nginx.isEmpty()) {
            String msg = "\n\n*** NGINX IS NOT INSTALLED: the NGINX keep-alive test is SKIPPED. ***\n"
                    + "*** .ci/run installs it with `apt-get install -y nginx`; install it to run this test. ***\n\n";
            System.err.println(msg);
            Assumptions.abort(msg);
        }
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("gateway.policy"), GatewayEndToEnd.POLICIES);
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [{\"id\": \"ak_reader\", \"hash\": \"" + AccessKeys.hash(GatewayEndToEnd.READER_KEY)
                + "\", \"roles\": [\"reader\"]}]}");
        try (Backend backend = new Backend();
                WardenServer warden = WardenServer.builder().policies(List.of(policies)).keysFile(keys).port(0).watch(false)
                        .forwardAuthBody(forwardAuthBody).start();
                CountingRelay relay = new CountingRelay(warden.port());
                Nginx gateway = Nginx.start(nginx.get(), dir.resolve("nginx"), relay.port(), backend.port())) {
            List<String> auth = List.of("Authorization: AccessKey " + GatewayEndToEnd.READER_KEY);
            for (int i = 0; i < REQUESTS; i++) {
                // an allow and a deny in turn: neither may cost a connection
                boolean allow = i % 2 == 0;
                String target = allow ? "/workspaces/w1/channels/c" + i : "/workspaces/w1/settings";
                assertThat(RawHttp.send(gateway.port(), "GET", target, auth).status()).as(target).isEqualTo(allow ? 200 : 403);
            }
            assertThat(backend.received()).hasSize(REQUESTS / 2);
            return relay.accepted();
        }
    }

    @Test
    void nginx_reusesOneConnectionToWarden_forRequestAfterRequest(@TempDir Path dir) throws Exception {
        assertThat(connectionsFor(dir, false)).isEqualTo(1);
    }

    @Test
    void nginx_opensAConnectionPerRequest_whenTheAnswerHasABody(@TempDir Path dir) throws Exception {
        // why forward auth has no body: NGINX's auth_request cannot keep a connection whose answer had one
        assertThat(connectionsFor(dir, true)).isEqualTo(REQUESTS);
    }
}
