package dev.warden.server;

import java.util.Locale;
import java.util.Optional;

/**
 * The gateway in front of {@code warden serve}, which fixes where a forward-auth request carries
 * the method and target of the original request. Each mode reads one source only: a header of
 * another gateway's kind on the same request is refused (400), because some gateways pass the
 * client's own headers through to the auth request and a client could otherwise name the request
 * that gets decided.
 *
 * <ul>
 *   <li>{@link #NGINX}: {@code X-Original-Method} and {@code X-Original-URI}, which the NGINX
 *       configuration sets with {@code proxy_set_header} ({@code $request_method}, {@code
 *       $request_uri}) on {@code /v1/authz};
 *   <li>{@link #TRAEFIK}, {@link #CADDY}: {@code X-Forwarded-Method} and {@code X-Forwarded-Uri},
 *       which Traefik ForwardAuth and Caddy {@code forward_auth} set on {@code /v1/authz}; both pass
 *       every other header of the client through, {@code X-Original-*} included;
 *   <li>{@link #ENVOY}: the method and path of the request itself under {@code
 *       /v1/authz/envoy/...} (Envoy {@code ext_authz} with {@code path_prefix: /v1/authz/envoy});
 *       no header names the original request.
 * </ul>
 */
public enum ForwardAuth {
    /** NGINX {@code auth_request}: {@code X-Original-Method} and {@code X-Original-URI}. */
    NGINX,
    /** Traefik ForwardAuth: {@code X-Forwarded-Method} and {@code X-Forwarded-Uri}. */
    TRAEFIK,
    /** Caddy {@code forward_auth}: {@code X-Forwarded-Method} and {@code X-Forwarded-Uri}. */
    CADDY,
    /** Envoy {@code ext_authz}: the method and path of the request under {@code /v1/authz/envoy}. */
    ENVOY;

    /**
     * The name as {@code warden serve --forward-auth} takes it: {@code nginx}, {@code traefik}...
     *
     * @return the mode's name in lower case
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode of a {@link #word()}, case-insensitively; empty for any other text.
     *
     * @param word a mode's name, as {@code --forward-auth} takes it
     * @return the mode, or empty
     */
    public static Optional<ForwardAuth> of(String word) {
        for (ForwardAuth f : values()) {
            if (f.word().equalsIgnoreCase(word)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
