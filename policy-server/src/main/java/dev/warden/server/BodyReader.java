package dev.warden.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body whole, within a size limit and a deadline for the whole body, without
 * holding a thread while it waits for bytes: a client that sends its body a byte at a time costs
 * a connection, not a thread, and is answered {@link Outcome#TOO_SLOW} when the deadline passes. A
 * body over the limit is read on and dropped (up to {@link #MAX_DRAIN} bytes, within the deadline)
 * before {@link Outcome#TOO_LARGE}, so that the client, still sending, reads the answer.
 */
final class BodyReader implements Runnable {
    /** How a read ended. */
    enum Outcome {
        READ,
        TOO_LARGE,
        TOO_SLOW,
        FAILED
    }

    /** Told once how the read ended, with the body when it was {@link Outcome#READ}. */
    @FunctionalInterface
    interface Done {
        void done(Outcome outcome, byte[] body);
    }

    private static final byte[] NONE = new byte[0];
    /**
     * A body over the limit is read on and dropped, up to this many bytes, before the answer, so
     * that a client still sending gets the answer rather than a reset connection.
     */
    static final long MAX_DRAIN = 16L << 20;

    private final Request request;
    private final int max;
    private final Done done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private volatile Scheduler.Task timeout;
    private boolean tooLarge;
    private long drained;

    private BodyReader(Request request, int max, Done done) {
        this.request = request;
        this.max = max;
        this.done = done;
    }

    /**
     * Starts reading; {@code done} is called once, on this thread or another, when the body is
     * read, is larger than {@code max} bytes, is not complete when {@code deadline} has passed
     * since now, or fails.
     */
    static void read(Request request, int max, Duration deadline, Done done) {
        if (request.getLength() > max + MAX_DRAIN) {
            done.done(Outcome.TOO_LARGE, NONE);
            return;
        }
        BodyReader r = new BodyReader(request, max, done);
        r.timeout = request.getComponents().getScheduler().schedule(r::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
        r.run();
    }

    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                // an idle timeout of the connection is a transient failure: the client is too slow
                finish(chunk.getFailure() instanceof TimeoutException ? Outcome.TOO_SLOW : Outcome.FAILED);
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int n = bytes.remaining();
            if (tooLarge || body.size() + n > max) {
                tooLarge = true;
                drained += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last || drained > MAX_DRAIN) {
                    finish(Outcome.TOO_LARGE);
                    return;
                }
                continue;
            }
            if (bytes.hasArray()) {
                body.write(bytes.array(), bytes.arrayOffset() + bytes.position(), n);
            } else {
                byte[] copy = new byte[n];
                bytes.get(copy);
                body.write(copy, 0, n);
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                finish(Outcome.READ);
                return;
            }
        }
    }

    private void expire() {
        finish(tooLarge ? Outcome.TOO_LARGE : Outcome.TOO_SLOW);
    }

    private void finish(Outcome outcome) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        Scheduler.Task t = timeout;
        if (t != null) {
            t.cancel();
        }
        done.done(outcome, outcome == Outcome.READ ? body.toByteArray() : NONE);
    }
}
