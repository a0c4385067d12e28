package dev.warden.cli;

import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import java.util.Objects;

/** One line of batch input, read: a request, or why the line is not one. */
sealed interface RequestLine permits RequestLine.Valid, RequestLine.Invalid {

    /** The decision for this line: the authorizer's, or {@code invalid_request}. */
    Decision decide(Authorizer authorizer);

    /** A line that holds a request. */
    record Valid(Request request) implements RequestLine {
        public Valid {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public Decision decide(Authorizer authorizer) {
            return request.decide(authorizer);
        }
    }

    /**
     * A line that is not a request (bad JSON, a missing or mistyped field, a blank line).
     *
     * @param error what is wrong, lower case, field names in backticks
     */
    record Invalid(String error) implements RequestLine {
        public Invalid {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public Decision decide(Authorizer authorizer) {
            return Decision.deny(Reason.INVALID_REQUEST, error);
        }
    }
}
