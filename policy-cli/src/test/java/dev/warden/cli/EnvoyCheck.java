package dev.warden.cli;

import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Envoy's side of the ext_authz gRPC service, for the tests of {@code --envoy-grpc-port}. */
final class EnvoyCheck {
    /** What {@code warden serve} prints once the gRPC listener is up; group 1 is the port. */
    static final Pattern LISTENING = Pattern.compile("envoy grpc listening on 127\\.0\\.0\\.1:(\\d+)\n");

    private EnvoyCheck() {}

    /** A {@code CheckRequest} as Envoy's filter sends it: the original {@code method path}, with {@code authorization} unless empty. */
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

    /** Calls Check once on {@code 127.0.0.1:port} over a channel of its own. */
    static CheckResponse check(int port, CheckRequest request) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            return AuthorizationGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).check(request);
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
