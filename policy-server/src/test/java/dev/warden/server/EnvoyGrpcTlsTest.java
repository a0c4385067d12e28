package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Code;
import dev.warden.gateway.Fixtures;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the Envoy gRPC listener: the main listener's certificate, client certificates, a certificate replaced. */
class EnvoyGrpcTlsTest {
    /** One Check over TLS, trusting {@code trusted}, presenting {@code client} when given; the gRPC code. */
    static int check(WardenServer s, Path trusted, Path[] client) throws Exception {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(trusted.toFile());
        if (client != null) {
            ssl.keyManager(client[0].toFile(), client[1].toFile());
        }
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", s.envoyGrpcPort().getAsInt())
                .overrideAuthority("localhost").sslContext(ssl.build()).build();
        try {
            return AuthorizationGrpc.newBlockingStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .check(EnvoyGrpcServiceTest.request("GET", "/workspaces/w1/channels",
                            "authorization: " + EnvoyGrpcServiceTest.SUPPORT)).getStatus().getCode();
        } finally {
            ch.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pem_servesTheGrpcListenerOverTls_andNotPlaintext(@TempDir Path dir) throws Exception {
        Path[] server = TlsTest.certificate(dir, "server");
        try (WardenServer s = TlsTest.builder(dir).envoyGrpcPort(0).tls(Tls.pem(server[0], server[1])).start()) {
            assertThat(check(s, server[0], null)).isEqualTo(Code.OK_VALUE);
            ManagedChannel plain = EnvoyGrpcServiceTest.channel(s);
            try {
                assertThatThrownBy(() -> AuthorizationGrpc.newBlockingStub(plain).withDeadlineAfter(20, TimeUnit.SECONDS)
                        .check(EnvoyGrpcServiceTest.request("GET", "/workspaces/w1/channels")))
                        .isInstanceOf(StatusRuntimeException.class);
            } finally {
                plain.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void clientCa_refusesAClientWithoutACertificate_andServesOneWith(@TempDir Path dir) throws Exception {
        Path[] server = TlsTest.certificate(dir, "server");
        Path[] gateway = TlsTest.certificate(dir, "gateway");
        try (WardenServer s = TlsTest.builder(dir).envoyGrpcPort(0).tls(Tls.pem(server[0], server[1]).withClientCa(gateway[0]))
                .start()) {
            assertThatThrownBy(() -> check(s, server[0], null)).isInstanceOf(StatusRuntimeException.class);
            Path[] stranger = TlsTest.certificate(dir, "stranger");
            assertThatThrownBy(() -> check(s, server[0], stranger)).isInstanceOf(StatusRuntimeException.class);
            assertThat(check(s, server[0], gateway)).isEqualTo(Code.OK_VALUE);
        }
    }

    @Test
    void aReplacedCertificate_isServedAfterTheReload(@TempDir Path dir) throws Exception {
        Path[] first = TlsTest.certificate(dir, "warden-a");
        Path crt = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Files.copy(first[0], crt);
        Files.copy(first[1], key);
        try (WardenServer s = TlsTest.builder(dir).envoyGrpcPort(0).tls(Tls.pem(crt, key)).start()) {
            int port = s.envoyGrpcPort().getAsInt();
            assertThat(TlsTest.servedSubject(port)).isEqualTo("CN=warden-a");
            Path[] second = TlsTest.certificate(dir, "warden-b");
            Files.copy(second[1], dir.resolve("tls.key.new"));
            Files.copy(second[0], dir.resolve("tls.crt.new"));
            Files.move(dir.resolve("tls.key.new"), key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(dir.resolve("tls.crt.new"), crt, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            for (int i = 0; i < 400 && !TlsTest.servedSubject(port).equals("CN=warden-b"); i++) {
                Thread.sleep(25);
            }
            assertThat(TlsTest.servedSubject(port)).isEqualTo("CN=warden-b");
            assertThat(check(s, second[0], null)).isEqualTo(Code.OK_VALUE);
        }
    }
}
