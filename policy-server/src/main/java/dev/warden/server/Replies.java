package dev.warden.server;

import dev.warden.gateway.Verdict;
import dev.warden.gateway.VerdictReply;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The plain answers both listeners of {@code warden serve} send. */
final class Replies {
    static final String TEXT = VerdictReply.TEXT;
    static final String JSON = "application/json";

    private Replies() {}

    static void text(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        Content.Sink.write(response, true, body, callback);
    }

    /** A forward-auth answer with a body ({@code --forward-auth-body}): the verdict's status, headers and body. */
    static void verdict(Response response, Callback callback, VerdictReply reply) {
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            response.getHeaders().put(h.getKey(), h.getValue());
        }
        text(response, callback, reply.status(), reply.contentType(), reply.body());
    }

    /**
     * A forward-auth answer without a body: the verdict's status and headers, {@code
     * Content-Length: 0}. A gateway can then keep the connection for its next request (NGINX's
     * {@code auth_request} discards a body, and closes a connection that had one).
     */
    static void verdictHeaders(Response response, Callback callback, Verdict v) {
        response.setStatus(v.status());
        HttpFields.Mutable headers = response.getHeaders();
        VerdictReply.headers(v, headers::put);
        headers.put(HttpFields.CONTENT_LENGTH_0);
        response.write(true, null, callback);
    }

    /** 404, for every path no route takes. */
    static void notFound(Request request, Response response, Callback callback) {
        notFound(response, callback);
    }

    static void notFound(Response response, Callback callback) {
        text(response, callback, 404, TEXT, "not found\n");
    }

    static void methodNotAllowed(Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        text(response, callback, 405, TEXT, "method not allowed: use " + allowed + "\n");
    }

    /** An error answer after which the connection is closed (a body may be left unread). */
    static void closing(Response response, Callback callback, int status, String message) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        text(response, callback, status, TEXT, message + "\n");
    }
}
