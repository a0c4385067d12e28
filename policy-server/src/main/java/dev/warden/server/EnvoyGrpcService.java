package dev.warden.server;

import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.warden.gateway.Verdict;
import dev.warden.gateway.VerdictReply;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;

/**
 * Envoy's {@code ext_authz} gRPC service, {@code envoy.service.auth.v3.Authorization/Check}: the
 * same decision as the HTTP service under {@link EnvoyEndpoint#PREFIX}, read from the {@code
 * CheckRequest} instead of a request line. The original method and target are {@code
 * attributes.request.http.method} and {@code .path} (the request target as the client sent it,
 * query included, which Envoy puts there undecoded), checked by {@link OriginalRequest#envoy}
 * against the request's headers as the HTTP mode checks them; the key, the request id and, with
 * {@code --client-address-header}, the client's address come from those headers; {@code
 * attributes.source.address} is never read. The decision is {@link ForwardAuthCheck#decide}'s,
 * logged with the source {@value #SOURCE}.
 *
 * <p>The answer: {@code status} {@code OK} with an {@code ok_response} for an allow, whose {@code
 * X-Warden-*} headers overwrite any of the same name on the request sent upstream; else {@code
 * PERMISSION_DENIED} (403), {@code UNAUTHENTICATED} (401) or {@code INVALID_ARGUMENT} (400) with a
 * {@code denied_response} of that HTTP status, the same headers, and with {@code
 * --forward-auth-body} the same body as the HTTP mode.
 */
final class EnvoyGrpcService extends AuthorizationGrpc.AuthorizationImplBase {
    /** {@code source} of a decision through this service in the decision log. */
    static final String SOURCE = "envoy_grpc";
    private final ForwardAuthCheck check;

    EnvoyGrpcService(ForwardAuthCheck check) {
        this.check = check;
    }

    @Override
    public void check(CheckRequest request, StreamObserver<CheckResponse> answer) {
        answer.onNext(check(request));
        answer.onCompleted();
    }

    CheckResponse check(CheckRequest request) {
        AttributeContext.HttpRequest http = request.getAttributes().getRequest().getHttp();
        HttpFields headers = headers(http);
        OriginalRequest original = OriginalRequest.envoy(headers, http.getMethod(), http.getPath());
        return response(check.decide(SOURCE, original, headers), check.withBody());
    }

    /**
     * The request's headers: {@code header_map} when Envoy sends it ({@code encode_raw_headers}),
     * one field per value, else the {@code headers} map, where Envoy has joined a repeated header's
     * values with commas.
     */
    static HttpFields headers(AttributeContext.HttpRequest http) {
        HttpFields.Mutable fields = HttpFields.build();
        if (http.hasHeaderMap() && http.getHeaderMap().getHeadersCount() > 0) {
            for (HeaderValue h : http.getHeaderMap().getHeadersList()) {
                ByteString raw = h.getRawValue();
                fields.add(h.getKey(), raw.isEmpty() ? h.getValue() : raw.toString(StandardCharsets.ISO_8859_1));
            }
        } else {
            for (Map.Entry<String, String> h : http.getHeadersMap().entrySet()) {
                fields.add(h.getKey(), h.getValue());
            }
        }
        return fields;
    }

    /** The answer to Envoy for {@code v}, as the HTTP mode answers it. */
    static CheckResponse response(Verdict v, boolean withBody) {
        CheckResponse.Builder r = CheckResponse.newBuilder();
        if (v.allowed()) {
            OkHttpResponse.Builder ok = OkHttpResponse.newBuilder();
            VerdictReply.headers(v, (name, value) -> ok.addHeaders(header(name, value)));
            return r.setStatus(Status.newBuilder().setCode(Code.OK_VALUE)).setOkResponse(ok).build();
        }
        DeniedHttpResponse.Builder denied = DeniedHttpResponse.newBuilder()
                .setStatus(HttpStatus.newBuilder().setCode(httpStatus(v.status())));
        VerdictReply.headers(v, (name, value) -> denied.addHeaders(header(name, value)));
        if (withBody) {
            VerdictReply reply = VerdictReply.of(v, true);
            denied.addHeaders(header("Content-Type", reply.contentType())).setBody(reply.body());
        }
        return r.setStatus(Status.newBuilder().setCode(rpcCode(v.status()).getNumber()).setMessage(v.reason()))
                .setDeniedResponse(denied).build();
    }

    /** The {@code google.rpc} code of a deny's HTTP status: 401, 400, else (403) {@code PERMISSION_DENIED}. */
    static Code rpcCode(int status) {
        return switch (status) {
            case 401 -> Code.UNAUTHENTICATED;
            case 400 -> Code.INVALID_ARGUMENT;
            default -> Code.PERMISSION_DENIED;
        };
    }

    private static StatusCode httpStatus(int status) {
        StatusCode code = StatusCode.forNumber(status);
        return code == null ? StatusCode.Forbidden : code;
    }

    private static HeaderValueOption header(String name, String value) {
        return HeaderValueOption.newBuilder().setHeader(HeaderValue.newBuilder().setKey(name).setValue(value))
                .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD).build();
    }
}
