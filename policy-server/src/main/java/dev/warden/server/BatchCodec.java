package dev.warden.server;

import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import java.util.Objects;

/**
 * Reads one request in the batch format of docs/cli.md and writes its decision in the same
 * shape as {@code warden eval}: what {@code POST /v1/decide} answers with. The command line supplies
 * it (its batch reader and writer), so the server and {@code warden eval} share one format.
 */
@FunctionalInterface
public interface BatchCodec {
    /**
     * Decides one request.
     *
     * @param line the request, one JSON object
     * @return the decision and its JSON line (without the line feed)
     */
    Decided decide(Authorizer authorizer, String line);

    /**
     * A decided request.
     *
     * @param decision the decision ({@code invalid_request} when the line is not a request)
     * @param principalId the request's principal id, empty when it could not be read
     * @param method the HTTP method of a request in the HTTP form, else empty
     * @param action the action (lower case), or the action the HTTP method maps to; empty when
     *     there is none or the request could not be read
     * @param path the resource (or HTTP path) as written, empty when it could not be read
     * @param json the decision as {@code warden eval} writes it
     */
    record Decided(Decision decision, String principalId, String method, String action, String path, String json) {
        public Decided {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(principalId, "principalId");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(json, "json");
        }
    }
}
