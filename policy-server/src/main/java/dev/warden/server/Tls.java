package dev.warden.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on the forward-auth listener ({@link WardenServer.Builder#tls}): the server's key and
 * certificate chain, as PEM files or a PKCS#12 key store, and optionally the certificate
 * authorities whose client certificates it requires (mutual TLS between the gateway and Warden).
 * TLS 1.2 and 1.3 only. The files are watched and loaded again when they change.
 *
 * @param key the server's key and certificate chain
 * @param clientCa PEM certificates of the authorities a client certificate must chain to; when
 *     present, a client without such a certificate is refused during the handshake
 */
public record Tls(KeyMaterial key, Optional<Path> clientCa) {
    /**
     * Checks that neither part is null.
     *
     * @param key the server's key and certificate chain
     * @param clientCa the client certificates' authorities, or empty for no client certificates
     */
    public Tls {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clientCa, "clientCa");
    }

    /**
     * PEM files: the certificate chain (the server's first) and its PKCS#8 private key, unencrypted.
     *
     * @param certificate the PEM file of the certificate chain, the server's certificate first
     * @param privateKey the PEM file of the server's PKCS#8 private key, unencrypted
     * @return TLS with that key and no client certificates
     */
    public static Tls pem(Path certificate, Path privateKey) {
        return new Tls(new Pem(certificate, privateKey), Optional.empty());
    }

    /**
     * A PKCS#12 key store holding one private key entry, and its password.
     *
     * @param keystore the PKCS#12 file
     * @param password the key store's password (also the key entry's)
     * @return TLS with that key and no client certificates
     */
    public static Tls pkcs12(Path keystore, String password) {
        return new Tls(new Pkcs12(keystore, password), Optional.empty());
    }

    /**
     * This, requiring client certificates that chain to the PEM certificates of {@code caFile}.
     *
     * @param caFile a PEM file of the authorities' certificates
     * @return TLS with this key that refuses a client without such a certificate
     */
    public Tls withClientCa(Path caFile) {
        return new Tls(key, Optional.of(caFile));
    }

    /** Every file read, to be watched. */
    List<Path> files() {
        List<Path> files = new java.util.ArrayList<>(key.files());
        clientCa.ifPresent(files::add);
        return List.copyOf(files);
    }

    /** Where the server's key and certificates come from. */
    public sealed interface KeyMaterial permits Pem, Pkcs12 {
        /**
         * The files it is read from.
         *
         * @return the files, to be watched
         */
        List<Path> files();
    }

    /**
     * A PEM certificate chain and a PKCS#8 PEM private key.
     *
     * @param certificate the PEM file of the certificate chain, the server's certificate first
     * @param privateKey the PEM file of the PKCS#8 private key, unencrypted
     */
    public record Pem(Path certificate, Path privateKey) implements KeyMaterial {
        /**
         * Checks that neither path is null.
         *
         * @param certificate the PEM file of the certificate chain
         * @param privateKey the PEM file of the private key
         */
        public Pem {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }

        @Override
        public List<Path> files() {
            return List.of(certificate, privateKey);
        }
    }

    /**
     * A PKCS#12 key store and its password (never shown by {@link #toString}).
     *
     * @param keystore the PKCS#12 file
     * @param password its password
     */
    public record Pkcs12(Path keystore, String password) implements KeyMaterial {
        /**
         * Checks that neither part is null.
         *
         * @param keystore the PKCS#12 file
         * @param password its password
         */
        public Pkcs12 {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public List<Path> files() {
            return List.of(keystore);
        }

        @Override
        public String toString() {
            return "Pkcs12[keystore=" + keystore + ", password=***]";
        }
    }
}
