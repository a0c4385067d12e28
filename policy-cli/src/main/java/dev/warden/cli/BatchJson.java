package dev.warden.cli;

import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.server.BatchCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code POST /v1/decide} of {@code warden serve}: one request read by the batch reader of {@code
 * warden eval} ({@link RequestParser}), its decision written by the same writer ({@link
 * DecisionWriter}), so a remote decision has exactly the shape of a line of {@code eval}'s output.
 */
final class BatchJson implements BatchCodec {
    private final RequestParser parser = new RequestParser();

    @Override
    public Decided decide(Authorizer authorizer, String line) {
        RequestLine request = line.length() > EvalCommand.MAX_LINE
                ? new RequestLine.Invalid("request is longer than " + EvalCommand.MAX_LINE + " characters")
                : parser.parse(line);
        Decision d = request.decide(authorizer);
        StringWriter json = new StringWriter();
        try (DecisionWriter w = DecisionWriter.to(json)) {
            w.write(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does no I/O
        }
        String text = json.toString().stripTrailing();
        if (request instanceof RequestLine.Valid v) {
            Request r = v.request();
            String method = r instanceof Request.Http h ? h.method() : "";
            return new Decided(d, r.principal().id(), method, r.requestedAction().orElse(""), r.target(), text);
        }
        return new Decided(d, "", "", "", "", text);
    }
}
