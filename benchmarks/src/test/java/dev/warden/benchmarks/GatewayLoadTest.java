package dev.warden.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewayLoadTest {
    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void answers_areReadWhole_oneAfterTheOther_onOneStream() throws IOException {
        InputStream in = bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"
                + "HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ndeny\r\n1;x=y\r\n\n\r\n0\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(GatewayLoad.Answer.read(in)).isEqualTo(new GatewayLoad.Answer(200, false));
        assertThat(GatewayLoad.Answer.read(in)).isEqualTo(new GatewayLoad.Answer(403, false));
        assertThat(GatewayLoad.Answer.read(in)).isEqualTo(new GatewayLoad.Answer(204, false));
        assertThat(GatewayLoad.Answer.read(in)).isEqualTo(new GatewayLoad.Answer(401, true));
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void percentiles_areNearestRank_inMilliseconds() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = (i + 1) * 1_000_000L;
        }
        GatewayLoad.Result r = new GatewayLoad.Result(2, sorted, 5, 2, 0);
        assertThat(r.percentileMillis(0.50)).isEqualTo(50.0);
        assertThat(r.percentileMillis(0.99)).isEqualTo(99.0);
        assertThat(r.requestsPerSecond()).isEqualTo(50.0);
        assertThat(r.line()).isEqualTo("50\t50.00\t99.00\t5\t2\t0");
        assertThat(new GatewayLoad.Result(1, new long[0], 0, 0, 0).percentileMillis(0.99)).isZero();
    }

    @Test
    void run_keepsEachConnection_andCountsTheAnswersThatAreNot2xx() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger seen = new AtomicInteger();
        server.createContext("/", exchange -> {
            // a POST (one request in five) is 403, the others 204
            boolean post = exchange.getRequestMethod().equals("POST");
            if (post) {
                exchange.getRequestBody().readAllBytes();
            }
            seen.incrementAndGet();
            exchange.getResponseHeaders().add("X-Key", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(post ? 403 : 204, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            GatewayLoad.Result r = GatewayLoad.run(GatewayLoad.Options.parse(new String[] {
                "--url", url.toString(), "--connections", "2", "--duration", "0.5", "--warmup", "0.1", "--key", "k"}));
            assertThat(r.failures()).isZero();
            assertThat(r.connectionsOpened()).isEqualTo(2);
            assertThat(r.latenciesNanos()).isNotEmpty().isSorted();
            assertThat(seen.get()).isGreaterThanOrEqualTo(r.latenciesNanos().length);
            // one request in five is a POST
            assertThat(r.non2xx()).isBetween(r.latenciesNanos().length / 5 - 2L, r.latenciesNanos().length / 5 + 2L);
        } finally {
            server.stop(0);
        }
    }
}
