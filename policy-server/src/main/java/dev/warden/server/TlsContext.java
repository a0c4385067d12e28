package dev.warden.server;

import dev.warden.gateway.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS side of the forward-auth listener: a Jetty {@link SslContextFactory.Server} built from
 * {@link Tls} (PEM files read into a key store in memory, or the PKCS#12 file), TLS 1.2 and 1.3
 * only, client certificates required when a client CA is given; {@link #reload} reads the files
 * again and swaps the new key material in for new handshakes, or keeps the old on any error.
 */
final class TlsContext {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    /** The password of the key store made in memory from PEM files: it never leaves the process. */
    private static final String IN_MEMORY = "warden";
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Tls tls;
    private final SslContextFactory.Server factory = new SslContextFactory.Server();

    TlsContext(Tls tls) throws ConfigurationException {
        this.tls = tls;
        Material m = load(tls);
        factory.setIncludeProtocols(PROTOCOLS);
        apply(factory, m);
        if (tls.clientCa().isPresent()) {
            factory.setNeedClientAuth(true);
        }
    }

    SslContextFactory.Server factory() {
        return factory;
    }

    /**
     * Reads the files again and serves the new certificate from the next handshake on; never throws.
     * Returns what it read, for the gRPC listener to serve too ({@link GrpcTls#reload}), or empty
     * when the files did not load.
     */
    java.util.Optional<Material> reload() {
        try {
            Material m = load(tls);
            factory.reload(f -> apply((SslContextFactory.Server) f, m));
            LOG.log(Level.INFO, "TLS certificate reloaded from " + tls.key().files());
            return java.util.Optional.of(m);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "TLS certificate reload failed (" + e.getMessage()
                    + "); the certificate loaded before serves on");
            return java.util.Optional.empty();
        }
    }

    private static void apply(SslContextFactory.Server f, Material m) {
        f.setKeyStore(m.keys());
        f.setKeyStorePassword(m.password());
        f.setKeyManagerPassword(m.password());
        if (m.trust() != null) {
            f.setTrustStore(m.trust());
        }
    }

    /** The key store and its password, and the client CAs' trust store or null; {@link GrpcTls} uses it too. */
    record Material(KeyStore keys, String password, KeyStore trust) {}

    static Material load(Tls tls) throws ConfigurationException {
        KeyStore keys;
        String password;
        if (tls.key() instanceof Tls.Pem pem) {
            keys = pemKeyStore(pem.certificate(), pem.privateKey());
            password = IN_MEMORY;
        } else {
            Tls.Pkcs12 p12 = (Tls.Pkcs12) tls.key();
            password = p12.password();
            try (InputStream in = Files.newInputStream(p12.keystore())) {
                keys = KeyStore.getInstance("PKCS12");
                keys.load(in, password.toCharArray());
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigurationException("cannot read the key store `" + p12.keystore() + "`: " + e.getMessage());
            }
        }
        KeyStore trust = null;
        if (tls.clientCa().isPresent()) {
            trust = emptyStore();
            int i = 0;
            for (Certificate c : certificates(tls.clientCa().get())) {
                try {
                    trust.setCertificateEntry("ca-" + i++, c);
                } catch (GeneralSecurityException e) {
                    throw new ConfigurationException("cannot use the client CA `" + tls.clientCa().get() + "`: " + e.getMessage());
                }
            }
        }
        return new Material(keys, password, trust);
    }

    /** A key store in memory with one entry: the private key of {@code keyFile} and the chain of {@code certFile}. */
    static KeyStore pemKeyStore(Path certFile, Path keyFile) throws ConfigurationException {
        List<Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        KeyStore store = emptyStore();
        try {
            store.setKeyEntry("warden", key, IN_MEMORY.toCharArray(), chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("the key `" + keyFile + "` does not go with the certificate `" + certFile
                    + "`: " + e.getMessage());
        }
        return store;
    }

    /** The password of the key stores {@link #pemKeyStore} makes. */
    static String password() {
        return IN_MEMORY;
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("no PKCS12 key store in this JVM", e);
        }
    }

    private static List<Certificate> certificates(Path file) throws ConfigurationException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (all.isEmpty()) {
                throw new ConfigurationException("no certificate in `" + file + "`");
            }
            return List.copyOf(all);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException("cannot read the certificates in `" + file + "`: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) throws ConfigurationException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the private key `" + file + "`: " + e.getMessage());
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            String hint = text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")
                    || text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
                    ? ": it is not an unencrypted PKCS#8 key (`openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY8`)" : "";
            throw new ConfigurationException("no `" + begin + "` block in `" + file + "`" + hint);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the private key `" + file + "` is not valid base64");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new ConfigurationException("the private key `" + file + "` is not an RSA, EC or EdDSA key");
    }
}
