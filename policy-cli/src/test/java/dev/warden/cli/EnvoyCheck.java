package dev.warden.cli;

import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;

/** A {@code CheckRequest} as Envoy's ext_authz filter sends it, for the tests of {@code --envoy-grpc-port}. */
final class EnvoyCheck {
    private EnvoyCheck() {}

    /** The original request {@code method path}, with {@code authorization} unless it is empty. */
    static CheckRequest request(String method, String path, String authorization) {
        AttributeContext.HttpRequest.Builder http = AttributeContext.HttpRequest.newBuilder().setMethod(method).setPath(path)
                .setHost("127.0.0.1:8000").setScheme("http").setProtocol("HTTP/1.1")
                .putHeaders(":authority", "127.0.0.1:8000").putHeaders(":method", method).putHeaders(":path", path)
                .putHeaders("x-forwarded-proto", "http").putHeaders("x-request-id", "7d1f0c52-6a3b-4a47-9a8e-5d0f3f1b2c11");
        if (!authorization.isEmpty()) {
            http.putHeaders("authorization", authorization);
        }
        return CheckRequest.newBuilder().setAttributes(AttributeContext.newBuilder()
                .setRequest(AttributeContext.Request.newBuilder().setHttp(http))).build();
    }
}
