package dev.warden.dsl;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The batch format of {@code warden eval} and {@code POST /v1/decide} (docs/cli.md, "warden eval"):
 * one request per line in, one decision per line out.
 *
 * <pre>{@code
 * {"principal": {"id": "ak_1", "roles": ["support"], "attributes": {"workspace": "w1"}}, "action": "view", "resource": "/workspaces/w1/channels/c1"}
 * {"principal": {"id": "ak_1"}, "method": "GET", "path": "/workspaces/w1/channels?limit=5"}
 *
 * {"decision": "allow", "reason": "allowed", "matched": [{"policy": "channels-read", "effect": "allow", "source": "read.policy:2:9"}]}
 * {"decision": "deny", "reason": "invalid_request", "error": "missing `resource`"}
 * }</pre>
 *
 * <p>A line is read strictly into an {@link AccessRequest} ({@link Line.Valid}) or is not a request
 * ({@link Line.Invalid}, decided {@code invalid_request} with what is wrong); whether its action is
 * known and its path well formed is for {@link Authorizer#decide} to say. A line over one of the
 * limits below is not a request either.
 *
 * <pre>{@code
 * BatchFormat.Line line = BatchFormat.read(body);
 * Decision d = line.decide(authorizer);
 * String json = BatchFormat.write(d);
 * }</pre>
 */
public final class BatchFormat {
    /**
     * The longest line, in characters (without its line terminator). A longer line is {@code
     * invalid_request}; in a stream ({@link #decideAll}) it is not read whole: its first {@value}
     * characters are kept, the rest skipped as it streams by.
     */
    public static final int MAX_LINE = 1 << 20;
    /**
     * The deepest JSON nesting in one line. A request is 3 levels deep (the request, its principal,
     * a list of roles); the margin lets a mistaken line get a precise message about its shape.
     */
    public static final int MAX_JSON_DEPTH = 16;
    /** Roles named by one principal. */
    public static final int MAX_ROLES = 1_000;
    /** Policies attached to one principal directly. */
    public static final int MAX_POLICIES = 1_000;
    /** Attributes of one principal. */
    public static final int MAX_ATTRIBUTES = 1_000;

    private static final RequestParser PARSER = new RequestParser();
    private static final Line TOO_LONG = new Line.Invalid("line is longer than " + MAX_LINE + " characters");

    private BatchFormat() {}

    /** One line of batch input, read: a request, or why the line is not one. */
    public sealed interface Line permits Line.Valid, Line.Invalid {

        /**
         * The decision for this line: {@link Authorizer#decide}'s, or {@code invalid_request}.
         *
         * @param authorizer the authorizer that decides a request
         * @return the request's decision, or a deny {@code invalid_request} with what is wrong as its detail
         */
        Decision decide(Authorizer authorizer);

        /**
         * A line that holds a request.
         *
         * @param request the request the line holds
         */
        record Valid(AccessRequest request) implements Line {
            /**
             * Requires the request.
             *
             * @param request the request the line holds
             */
            public Valid {
                Objects.requireNonNull(request, "request");
            }

            @Override
            public Decision decide(Authorizer authorizer) {
                return authorizer.decide(request);
            }
        }

        /**
         * A line that is not a request (bad JSON, a missing or mistyped field, a blank line, a
         * line over a limit).
         *
         * @param error what is wrong, lower case, field names in backticks
         */
        record Invalid(String error) implements Line {
            /**
             * Requires the error.
             *
             * @param error what is wrong
             */
            public Invalid {
                Objects.requireNonNull(error, "error");
            }

            @Override
            public Decision decide(Authorizer authorizer) {
                return Decision.deny(Reason.INVALID_REQUEST, error);
            }
        }
    }

    /**
     * Reads one line, without its line terminator: a request in the action form ({@link
     * AccessRequest.OnResource}) or the HTTP form ({@link AccessRequest.Http}), or why it is not one.
     *
     * @param line one line of batch input, a JSON object
     * @return {@link Line.Valid} with the request, or {@link Line.Invalid} with what is wrong
     */
    public static Line read(String line) {
        return line.length() > MAX_LINE ? TOO_LONG : PARSER.parse(line);
    }

    /**
     * A decision as one line of output, without the line feed.
     *
     * @param decision the decision to write
     * @return the decision as one compact JSON object
     */
    public static String write(Decision decision) {
        StringWriter json = new StringWriter();
        try (DecisionWriter w = DecisionWriter.to(json)) {
            w.write(decision);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does no I/O
        }
        return json.toString().stripTrailing();
    }

    /**
     * Writes a decision as one JSON object with {@code json}, in the shape of an output line, for
     * a document that holds one (its pretty printer, if any, is the document's).
     *
     * @param json the generator of the document, where an object may start
     * @param decision the decision to write
     * @throws IOException when the generator cannot write
     */
    public static void write(JsonGenerator json, Decision decision) throws IOException {
        DecisionWriter.writeObject(json, decision);
    }

    /**
     * Decides every line of {@code in} with one authorizer (so repeated requests hit its cache) and
     * writes one decision line per input line, in order, as UTF-8 to {@code out}, streaming in
     * constant memory: a line ends at {@code \n} (a {@code \r} before it is dropped), the last
     * line needs no terminator, a byte order mark before the first line is skipped. Output is
     * flushed whenever the input has nothing ready and at the end; {@code out} is left open.
     *
     * @param authorizer the authorizer that decides every request
     * @param in the batch input, one request per line
     * @param out where the decision lines go, as UTF-8
     * @return the number of lines read (and decisions written)
     * @throws IOException when reading {@code in} or writing {@code out} fails
     */
    public static long decideAll(Authorizer authorizer, Reader in, OutputStream out) throws IOException {
        long count = 0;
        try (DecisionWriter decisions = DecisionWriter.to(out)) {
            LineReader lines = new LineReader(in, MAX_LINE, decisions::flush);
            LineReader.Line line;
            while ((line = lines.next()) != null) {
                String text = count == 0 && line.text().startsWith("\uFEFF") ? line.text().substring(1) : line.text();
                Line request = line.tooLong() ? TOO_LONG : PARSER.parse(text);
                decisions.write(request.decide(authorizer));
                count++;
            }
            decisions.flush();
        }
        return count;
    }
}
