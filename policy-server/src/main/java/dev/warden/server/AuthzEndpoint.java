package dev.warden.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /v1/authz} (any method): forward auth, the original request read from the headers of the {@link ForwardAuth} mode. */
final class AuthzEndpoint implements Endpoint {
    static final String PATH = "/v1/authz";
    private final ForwardAuth mode;
    private final ForwardAuthCheck check;

    AuthzEndpoint(ForwardAuth mode, ForwardAuthCheck check) {
        this.mode = mode;
        this.check = check;
    }

    @Override
    public void handle(Request request, Response response, Callback callback) {
        OriginalRequest original = OriginalRequest.fromHeaders(mode, request.getHeaders());
        check.answer(Decisions.AUTHZ, original, request, response, callback);
    }
}
