package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.AccessKeys;
import dev.warden.server.ForwardAuth;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real gateways with the configurations of examples/gateway reuse one connection to {@code warden
 * serve} for request after request, because forward auth answers without a body: NGINX (upstream
 * {@code keepalive 32}, {@code proxy_http_version 1.1}, {@code Connection ""}) and Caddy ({@code
 * forward_auth}, which keeps connections alive by default). With {@code --forward-auth-body},
 * NGINX's {@code auth_request} discards the body and opens a new connection for every request,
 * and Caddy one for about every allow.
 * Between the gateway and Warden sits a relay that counts the connections the gateway opens.
 * Skipped, loudly, without the gateway (as {@link NginxEndToEndTest} and {@link
 * CaddyEndToEndTest} are).
 */
class GatewayKeepAliveTest {
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

    /** How a test starts one gateway in front of a Warden port and a backend port. */
    @FunctionalInterface
    interface Starter {
        Gateway start(Path binary, Path dir, int wardenPort, int backendPort) throws Exception;
    }

    /** The gateways, with the Debian package that brings each and the {@code --forward-auth} mode it needs. */
    enum Front {
        NGINX("NGINX", "nginx", Nginx::binary, Nginx::start, ForwardAuth.NGINX),
        CADDY("Caddy", "caddy", Caddy::binary, Caddy::start, ForwardAuth.CADDY);

        final String title;
        final String debianPackage;
        final java.util.function.Supplier<Optional<Path>> binary;
        final Starter starter;
        final ForwardAuth mode;

        Front(String title, String debianPackage, java.util.function.Supplier<Optional<Path>> binary, Starter starter,
                ForwardAuth mode) {
            this.title = title;
            this.debianPackage = debianPackage;
            this.binary = binary;
            this.starter = starter;
            this.mode = mode;
        }
    }

    /** The connections a gateway opened to Warden for {@link #REQUESTS} requests, one after the other. */
    private static int connectionsFor(Front gateway, Path dir, boolean forwardAuthBody) throws Exception {
        Path binary = Gateway.installedOrSkip(gateway.title, gateway.debianPackage, "keep-alive", gateway.binary.get());
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("gateway.policy"), GatewayEndToEnd.POLICIES);
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [{\"id\": \"ak_reader\", \"hash\": \"" + AccessKeys.hash(GatewayEndToEnd.READER_KEY)
                + "\", \"roles\": [\"reader\"]}]}");
        try (Backend backend = new Backend();
                WardenServer warden = WardenServer.builder().policies(List.of(policies)).keysFile(keys).port(0).watch(false)
                        .forwardAuth(gateway.mode).forwardAuthBody(forwardAuthBody).start();
                CountingRelay relay = new CountingRelay(warden.port());
                Gateway front = gateway.starter.start(binary, dir.resolve("gateway"), relay.port(), backend.port())) {
            List<String> auth = List.of("Authorization: AccessKey " + GatewayEndToEnd.READER_KEY);
            for (int i = 0; i < REQUESTS; i++) {
                // an allow and a deny in turn: neither may cost a connection
                boolean allow = i % 2 == 0;
                String target = allow ? "/workspaces/w1/channels/c" + i : "/workspaces/w1/settings";
                assertThat(RawHttp.send(front.port(), "GET", target, auth).status()).as(target).isEqualTo(allow ? 200 : 403);
            }
            assertThat(backend.received()).hasSize(REQUESTS / 2);
            return relay.accepted();
        }
    }

    @Test
    void nginx_reusesOneConnectionToWarden_forRequestAfterRequest(@TempDir Path dir) throws Exception {
        assertThat(connectionsFor(Front.NGINX, dir, false)).isEqualTo(1);
    }

    @Test
    void nginx_opensAConnectionPerRequest_whenTheAnswerHasABody(@TempDir Path dir) throws Exception {
        // why forward auth has no body: NGINX's auth_request cannot keep a connection whose answer had one
        assertThat(connectionsFor(Front.NGINX, dir, true)).isEqualTo(REQUESTS);
    }

    @Test
    void caddy_reusesOneConnectionToWarden_forRequestAfterRequest(@TempDir Path dir) throws Exception {
        assertThat(connectionsFor(Front.CADDY, dir, false)).isEqualTo(1);
    }

    @Test
    void caddy_opensConnectionsAgain_whenTheAnswerHasABody(@TempDir Path dir) throws Exception {
        // Caddy passes a deny's body on to the client, but leaves an allow's unread, and Go's
        // transport closes a connection whose body was not read: about one connection per allow
        assertThat(connectionsFor(Front.CADDY, dir, true)).isGreaterThan(REQUESTS / 4);
    }
}
