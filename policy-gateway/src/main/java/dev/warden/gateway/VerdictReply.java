package dev.warden.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * How a {@link Verdict} is answered over HTTP, by the servlet filter (its denies) and by {@code
 * warden serve}'s forward auth alike: the status, the {@code X-Warden-Decision} and {@code
 * X-Warden-Reason} headers, {@code X-Warden-Key-Id} on an allow, {@code WWW-Authenticate:
 * AccessKey} on a 401, and a one-line plain-text body {@code <decision> <reason>}. Forward auth
 * answers without the body unless asked for it (a gateway discards it, and a body keeps NGINX from
 * reusing the connection): it sets the {@link #headers(Verdict, BiConsumer) headers} alone.
 *
 * @param status the status to send
 * @param headers the headers to set, in order (the content type apart)
 * @param contentType {@value #TEXT}
 * @param body the body, one line with its line feed
 */
public record VerdictReply(int status, Map<String, String> headers, String contentType, String body) {
    /** The content type of every verdict's body. */
    public static final String TEXT = "text/plain; charset=utf-8";

    /**
     * Copies the headers, keeping their order, and requires the rest.
     *
     * @param status the status to send
     * @param headers the headers to set, in order
     * @param contentType the body's content type
     * @param body the body
     */
    public VerdictReply {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The answer to {@code v}.
     *
     * @param v the verdict to answer
     * @param withDetail whether the body of a 400 goes on with {@code : <detail>} (what is wrong
     *     with the request; never a key): forward auth tells the gateway, the filter does not
     * @return the status, the headers of {@link #headers(Verdict, BiConsumer)} and the body
     */
    public static VerdictReply of(Verdict v, boolean withDetail) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers(v, headers::put);
        String detail = withDetail && v.status() == 400 && !v.detail().isEmpty() ? ": " + v.detail() : "";
        return new VerdictReply(v.status(), headers, TEXT, v.decisionWord() + " " + v.reason() + detail + "\n");
    }

    /**
     * The headers of the answer to {@code v}, in order, each given to {@code sink} as a name and a
     * value: those {@link #of} holds. For an answer without a body, set straight on the response,
     * with no map and no text built.
     *
     * @param v the verdict to answer
     * @param sink what sets each header, called once per header, in order
     */
    public static void headers(Verdict v, BiConsumer<String, String> sink) {
        sink.accept("X-Warden-Decision", v.decisionWord());
        sink.accept("X-Warden-Reason", v.reason());
        if (v.allowed()) {
            sink.accept("X-Warden-Key-Id", v.keyId());
        }
        if (v.status() == 401) {
            sink.accept("WWW-Authenticate", Gate.SCHEME);
        }
    }
}
