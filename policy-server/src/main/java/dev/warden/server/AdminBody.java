package dev.warden.server;

import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * How the admin endpoints that take a body read it: whole, at most {@link WardenServer#MAX_BODY}
 * bytes, within the body deadline, without holding a thread ({@link BodyReader}); else 413, 408
 * or 400, and the connection is closed.
 */
final class AdminBody {
    private final GatewayMetrics metrics;
    private final Duration deadline;

    AdminBody(GatewayMetrics metrics, Duration deadline) {
        this.metrics = metrics;
        this.deadline = deadline;
    }

    /** Reads the body, then runs {@code then} with it, or answers 413, 408 or 400. */
    void read(Request request, Response response, Callback callback, Consumer<byte[]> then) {
        BodyReader.read(request, WardenServer.MAX_BODY, deadline, (outcome, body) -> {
            switch (outcome) {
                case READ -> {
                    try {
                        then.accept(body);
                    } catch (RuntimeException e) {
                        callback.failed(e);
                    }
                }
                case TOO_LARGE -> {
                    metrics.refused(413);
                    Replies.closing(response, callback, 413, "a request must be at most 1 MiB");
                }
                case TOO_SLOW -> {
                    metrics.refused(408);
                    Replies.closing(response, callback, 408,
                            "the request body did not arrive within " + deadline.toMillis() + " ms");
                }
                case FAILED -> Replies.closing(response, callback, 400, "the request body could not be read");
            }
        });
    }
}
