package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.ConfigurationException;
import dev.warden.gateway.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the forward-auth listener: PEM and PKCS#12, TLS 1.2+ only, client certificates, a certificate replaced. */
class TlsTest {
    static final Path OPENSSL = Path.of("/usr/bin/openssl");

    /** A self-signed EC certificate for 127.0.0.1 and localhost: {@code dir/NAME.crt} and {@code dir/NAME.key} (PKCS#8). */
    static Path[] certificate(Path dir, String name) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "openssl at /usr/bin/openssl");
        Path crt = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        run(dir, OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", crt.toString(), "-days", "2", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        return new Path[] {crt, key};
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
    }

    static SSLContext client(Path trusted, Path[] clientCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(trusted)));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientCertificate != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(TlsContext.pemKeyStore(clientCertificate[0], clientCertificate[1]), TlsContext.password().toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    static HttpResponse<String> healthz(WardenServer s, SSLContext ctx) throws Exception {
        return HttpClient.newBuilder().sslContext(ctx).build().send(HttpRequest.newBuilder(s.uri().resolve("/healthz"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static WardenServer.Builder builder(Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        return WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json")).port(0).watch(false);
    }

    @Test
    void pem_servesHttps_andNotPlainHttp(@TempDir Path dir) throws Exception {
        Path[] server = certificate(dir, "server");
        try (WardenServer s = builder(dir).tls(Tls.pem(server[0], server[1])).start()) {
            assertThat(s.uri().getScheme()).isEqualTo("https");
            assertThat(healthz(s, client(server[0], null)).statusCode()).isEqualTo(200);
            HttpClient plain = HttpClient.newHttpClient();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port()
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void pkcs12_servesHttps(@TempDir Path dir) throws Exception {
        Path[] server = certificate(dir, "server");
        Path p12 = dir.resolve("server.p12");
        run(dir, OPENSSL.toString(), "pkcs12", "-export", "-in", server[0].toString(), "-inkey", server[1].toString(),
                "-out", p12.toString(), "-passout", "pass:s3cret", "-name", "warden");
        try (WardenServer s = builder(dir).tls(Tls.pkcs12(p12, "s3cret")).start()) {
            assertThat(healthz(s, client(server[0], null)).statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> builder(dir).tls(Tls.pkcs12(p12, "wrong")).start())
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("cannot read the key store `" + p12 + "`");
    }

    @Test
    void tls11_isRefused_whileTls12IsAnswered(@TempDir Path dir) throws Exception {
        Path[] server = certificate(dir, "server");
        try (WardenServer s = builder(dir).tls(Tls.pem(server[0], server[1])).start()) {
            assertThat(firstRecordType(s.port(), 0x0303)).as("a TLS 1.2 hello gets a ServerHello").isEqualTo(0x16);
            assertThat(firstRecordType(s.port(), 0x0302)).as("a TLS 1.1 hello gets an alert or nothing")
                    .isIn(0x15, -1);
            assertThat(firstRecordType(s.port(), 0x0301)).as("a TLS 1.0 hello gets an alert or nothing")
                    .isIn(0x15, -1);
        }
    }

    @Test
    void clientCa_refusesAClientWithoutACertificate_andServesOneWith(@TempDir Path dir) throws Exception {
        Path[] server = certificate(dir, "server");
        Path[] gateway = certificate(dir, "gateway"); // self-signed: its own CA
        try (WardenServer s = builder(dir).tls(Tls.pem(server[0], server[1]).withClientCa(gateway[0])).start()) {
            assertThatThrownBy(() -> healthz(s, client(server[0], null))).isInstanceOf(IOException.class);
            Path[] stranger = certificate(dir, "stranger");
            assertThatThrownBy(() -> healthz(s, client(server[0], stranger))).isInstanceOf(IOException.class);
            assertThat(healthz(s, client(server[0], gateway)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aReplacedCertificate_isServedAfterTheReload(@TempDir Path dir) throws Exception {
        Path[] first = certificate(dir, "warden-a");
        Path crt = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Files.copy(first[0], crt);
        Files.copy(first[1], key);
        try (WardenServer s = builder(dir).tls(Tls.pem(crt, key)).start()) {
            assertThat(servedSubject(s.port())).isEqualTo("CN=warden-a");
            Path[] second = certificate(dir, "warden-b");
            Files.copy(second[1], dir.resolve("tls.key.new"));
            Files.copy(second[0], dir.resolve("tls.crt.new"));
            Files.move(dir.resolve("tls.key.new"), key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(dir.resolve("tls.crt.new"), crt, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            for (int i = 0; i < 400 && !servedSubject(s.port()).equals("CN=warden-b"); i++) {
                Thread.sleep(25);
            }
            assertThat(servedSubject(s.port())).isEqualTo("CN=warden-b");
        }
    }

    /** The subject of the certificate the server presents, read without checking it. */
    static String servedSubject(int port) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String auth) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String auth) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    /**
     * Sends a ClientHello whose highest version is {@code version} (0x0303 TLS 1.2, 0x0302 TLS 1.1)
     * and returns the type of the first record back: 0x16 a handshake (ServerHello), 0x15 an
     * alert, -1 when the server closed the connection.
     */
    static int firstRecordType(int port, int version) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.write(random);
        body.write(0); // no session id
        int[] suites = {0xC02B, 0xC02F, 0xC009, 0xC013, 0xC00A, 0xC014};
        u16(body, suites.length * 2);
        for (int suite : suites) {
            u16(body, suite);
        }
        body.write(1); // compression methods: null
        body.write(0);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        u16(ext, 0x000a); // supported_groups: secp256r1
        u16(ext, 4);
        u16(ext, 2);
        u16(ext, 0x0017);
        u16(ext, 0x000b); // ec_point_formats: uncompressed
        u16(ext, 2);
        ext.write(1);
        ext.write(0);
        u16(ext, 0x000d); // signature_algorithms
        int[] schemes = {0x0403, 0x0804, 0x0401, 0x0203, 0x0201};
        u16(ext, 2 + schemes.length * 2);
        u16(ext, schemes.length * 2);
        for (int scheme : schemes) {
            u16(ext, scheme);
        }
        u16(body, ext.size());
        ext.writeTo(body);
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16);
        u16(record, 0x0301);
        u16(record, body.size() + 4);
        record.write(1); // ClientHello
        record.write(0);
        u16(record, body.size());
        body.writeTo(record);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(record.toByteArray());
            socket.getOutputStream().flush();
            try {
                return new DataInputStream(socket.getInputStream()).read();
            } catch (java.net.SocketException reset) {
                return -1;
            }
        }
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }
}
