package dev.warden.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /v1/authz/envoy/...} (any method, {@link ForwardAuth#ENVOY} mode only): forward auth for
 * Envoy's {@code ext_authz}, the original method and the rest of the path being the original request's.
 */
final class EnvoyEndpoint implements Endpoint {
    static final String PREFIX = "/v1/authz/envoy";
    private final ForwardAuthCheck check;

    EnvoyEndpoint(ForwardAuthCheck check) {
        this.check = check;
    }

    @Override
    public void handle(Request request, Response response, Callback callback) {
        String rest = request.getHttpURI().getPath().substring(PREFIX.length());
        String query = request.getHttpURI().getQuery();
        String fragment = request.getHttpURI().getFragment();
        // a fragment is put back so that the one canonicalisation refuses it, never dropped
        String target = (query == null ? rest : rest + "?" + query) + (fragment == null ? "" : "#" + fragment);
        OriginalRequest original = OriginalRequest.envoy(request.getHeaders(), request.getMethod(), target);
        check.answer(Decisions.ENVOY, original, request, response, callback);
    }
}
