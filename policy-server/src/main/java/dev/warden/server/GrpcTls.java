package dev.warden.server;

import dev.warden.gateway.ConfigurationException;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS of the Envoy gRPC listener: the key material of the forward-auth listener ({@link Tls},
 * read by {@link TlsContext#load}), client certificates required when a client CA is given.
 * Its key and trust managers hand every handshake to the material last loaded, so {@link #reload}
 * serves a changed certificate from the next handshake on, with the material {@link
 * TlsContext#reload} read once for both listeners; material that cannot be used is logged and the
 * one before serves on.
 */
final class GrpcTls {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    private final Tls tls;
    private volatile X509ExtendedKeyManager keys;
    private volatile X509ExtendedTrustManager trust;

    GrpcTls(Tls tls) throws ConfigurationException {
        this.tls = tls;
        use(TlsContext.load(tls));
    }

    /** Serves {@code m}, the material {@link TlsContext#reload} read, from the next handshake on; never throws. */
    void reload(TlsContext.Material m) {
        try {
            use(m);
        } catch (ConfigurationException | RuntimeException e) {
            LOG.log(Level.WARNING, "TLS certificate reload failed for envoy grpc (" + e.getMessage()
                    + "); the certificate loaded before serves on");
        }
    }

    private void use(TlsContext.Material m) throws ConfigurationException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(m.keys(), m.password().toCharArray());
            X509ExtendedKeyManager k = null;
            for (KeyManager km : kmf.getKeyManagers()) {
                if (km instanceof X509ExtendedKeyManager x) {
                    k = x;
                }
            }
            X509ExtendedTrustManager t = null;
            if (m.trust() != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(m.trust());
                for (TrustManager tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509ExtendedTrustManager x) {
                        t = x;
                    }
                }
            }
            if (k == null || (m.trust() != null && t == null)) {
                throw new ConfigurationException("no X.509 key or trust manager for " + tls.files());
            }
            keys = k;
            trust = t;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot use the TLS key material " + tls.files() + ": " + e.getMessage());
        }
    }

    ServerCredentials credentials() {
        TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder().keyManager(new Keys());
        if (tls.clientCa().isPresent()) {
            b.trustManager(new Trust()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        }
        return b.build();
    }

    /** The key manager of the material last loaded, asked anew on each handshake. */
    private final class Keys extends X509ExtendedKeyManager {
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return keys.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keys.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return keys.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    /** The trust manager of the client CA last loaded. */
    private final class Trust extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            trust.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            trust.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            trust.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            trust.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust.getAcceptedIssuers();
        }
    }
}
