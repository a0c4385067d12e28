package dev.warden.server;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The decision log: one JSON object per decision, one per line, appended to a file by a writer
 * thread, off the request path:
 *
 * <pre>{@code
 * {"time": "2026-11-25T15:02:11.042Z", "source": "authz", "key_id": "ak_support_1", "method": "GET",
 *  "action": "view", "path": "/workspaces/w1/channels", "status": 200, "decision": "allow",
 *  "reason": "allowed", "policies": ["channels-read"], "policy_set_version": 3}
 * }</pre>
 *
 * <p>Every text of an entry is cut to a bounded length ({@link Entry}), so that a caller cannot make
 * lines of any size. A request only puts an entry in a queue bounded in entries and in bytes
 * ({@link #offer} never blocks). When the queue is full, because the disk is slower than the
 * traffic, the entry is dropped and counted ({@link #droppedQueueFull}): deciding never waits for
 * the log.
 *
 * <p>The entries are written in batches of up to 1024, in chunks of whole lines of about 64 KiB. A
 * write error loses the entries of the batch not yet written whole, counted exactly ({@link
 * #droppedWriteError}: an entry counts as {@link #written} once all of its line but maybe its line
 * break was written, which the file channel tells to the byte); the file is then closed, and opened
 * again for the next batch, after a line break when it ends inside a line (the failed write left a
 * fragment), so that no fragment joins the next line. The error is logged at once, then at most once every 10 seconds
 * with the number of errors and lost entries in between, and once when writing works again.
 *
 * <p>The file is opened again, for rotation, after {@link #reopen} ({@code SIGHUP} once {@code warden
 * serve} handles it) and when the file at its path is no longer the one open (moved or deleted),
 * which is checked at most once a second, before a write.
 */
final class DecisionLog implements Closeable {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    static final int DEFAULT_CAPACITY = 65_536;
    /** The default bound of the queue in bytes ({@link Entry#size}). */
    static final long DEFAULT_MAX_QUEUED_BYTES = 16L << 20;
    /** The longest path kept, in characters, before {@link #CUT}. */
    static final int MAX_PATH = 512;
    /** The longest other text kept (key id, method, action, reason, each policy name...), before {@link #CUT}. */
    static final int MAX_TEXT = 128;
    /** The most policies kept; more are followed by one {@link #CUT}. */
    static final int MAX_POLICIES = 32;
    /** What follows a text or a list that was cut. */
    static final String CUT = "...";
    private static final int BATCH = 1024;
    private static final int CHUNK = 1 << 16;
    private static final long MOVE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long ERROR_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /**
     * One logged decision; {@code source} is the endpoint that decided: {@code "authz"} (forward
     * auth), {@code "envoy"} (Envoy ext_authz) or {@code "decide"} ({@code /v1/decide}).
     *
     * <p>Each text is cut to {@link #MAX_TEXT} characters ({@code path} to {@link #MAX_PATH}) followed
     * by {@link #CUT}, a pair of surrogates never split; at most {@link #MAX_POLICIES} policies are
     * kept, followed by {@link #CUT} when there were more. A missing text is empty.
     */
    record Entry(long epochMillis, String source, String keyId, String method, String action, String path,
            int status, String decision, String reason, List<String> policies, long version, String requestId,
            String clientAddress, String detail, List<String> statements) {
        Entry {
            requestId = cut(requestId, MAX_TEXT);
            clientAddress = cut(clientAddress, MAX_TEXT);
            detail = cut(detail, MAX_TEXT);
            statements = cut(statements);
            source = cut(source, MAX_TEXT);
            keyId = cut(keyId, MAX_TEXT);
            method = cut(method, MAX_TEXT);
            action = cut(action, MAX_TEXT);
            path = cut(path, MAX_PATH);
            decision = cut(decision, MAX_TEXT);
            reason = cut(reason, MAX_TEXT);
            policies = cut(policies);
        }

        /** An entry without a request id, client address, detail or statements. */
        Entry(long epochMillis, String source, String keyId, String method, String action, String path,
                int status, String decision, String reason, List<String> policies, long version) {
            this(epochMillis, source, keyId, method, action, path, status, decision, reason, policies, version, "", "", "",
                    List.of());
        }

        /** An entry from the forward-auth endpoint ({@code source} {@code "authz"}). */
        Entry(long epochMillis, String keyId, String method, String action, String path, int status,
                String decision, String reason, List<String> policies, long version) {
            this(epochMillis, "authz", keyId, method, action, path, status, decision, reason, policies, version);
        }

        /**
         * What the entry counts for in the queue's bound in bytes: the length of its texts, plus
         * 128 for the rest and 4 per policy (about the size of its line, without escapes).
         */
        long size() {
            long n = 192L + source.length() + keyId.length() + method.length() + action.length() + path.length()
                    + decision.length() + reason.length() + requestId.length() + clientAddress.length() + detail.length();
            for (String p : policies) {
                n += 4 + p.length();
            }
            for (String s : statements) {
                n += 4 + s.length();
            }
            return n;
        }
    }

    static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + CUT;
    }

    static List<String> cut(List<String> policies) {
        if (policies == null) {
            return List.of();
        }
        int n = policies.size();
        boolean keep = n <= MAX_POLICIES;
        for (int i = 0; keep && i < n; i++) {
            String p = policies.get(i);
            keep = p != null && p.length() <= MAX_TEXT;
        }
        if (keep) {
            return List.copyOf(policies);
        }
        List<String> out = new ArrayList<>(Math.min(n, MAX_POLICIES) + 1);
        for (int i = 0; i < n && i < MAX_POLICIES; i++) {
            out.add(cut(policies.get(i), MAX_TEXT));
        }
        if (n > MAX_POLICIES) {
            out.add(CUT);
        }
        return List.copyOf(out);
    }

    /** Where the lines go: opened at the start, again after a write error, on {@link #reopen} and when moved. */
    interface Target {
        /**
         * Opens the target for appending; a write on it that fails writes nothing (what a partial
         * write wrote, it returns), so that what reached the target is known to the byte.
         */
        WritableByteChannel open() throws IOException;

        /**
         * With the target just opened: whether it ends inside a line (a write failed part way, here
         * or before a restart), so that a line break must come first.
         */
        boolean endsInsideLine() throws IOException;

        /** Whether what was opened last is no longer there (the file was moved or deleted). */
        boolean moved();

        /** The target as messages name it. */
        String name();
    }

    /** A file, appended to, with its file key (inode) remembered to see when it is moved. */
    static final class FileTarget implements Target {
        private final Path path;
        private Object key;

        FileTarget(Path path) {
            this.path = path;
        }

        @Override
        public WritableByteChannel open() throws IOException {
            FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            key = key(path);
            return out;
        }

        @Override
        public boolean endsInsideLine() throws IOException {
            try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = in.size();
                if (size == 0) {
                    return false;
                }
                ByteBuffer last = ByteBuffer.allocate(1);
                return in.read(last, size - 1) == 1 && last.get(0) != '\n';
            }
        }

        @Override
        public boolean moved() {
            try {
                Object now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
                return key != null && !key.equals(now);
            } catch (NoSuchFileException e) {
                return true;
            } catch (IOException | RuntimeException e) {
                return false; // cannot tell: keep the file open
            }
        }

        @Override
        public String name() {
            return path.toString();
        }

        private static Object key(Path p) {
            try {
                return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            } catch (IOException | RuntimeException e) {
                return null; // no file keys here: only a deleted file is seen
            }
        }
    }

    /**
     * A stream given by a test, never closed; it ends inside a line when the last byte written was
     * not a line break, or a write failed and none worked since. (A stream does not say how much a
     * failed write wrote: on a write error, lines in it may count as lost and be there.)
     */
    private static final class StreamTarget implements Target {
        private final OutputStream stream;
        private boolean insideLine;

        StreamTarget(OutputStream stream) {
            this.stream = stream;
        }

        @Override
        public WritableByteChannel open() {
            return Channels.newChannel(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    insideLine = true;
                    stream.write(b);
                    insideLine = b != '\n';
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > 0) {
                        insideLine = true;
                        stream.write(b, off, len);
                        insideLine = b[off + len - 1] != '\n';
                    }
                }
            });
        }

        @Override
        public boolean endsInsideLine() {
            return insideLine;
        }

        @Override
        public boolean moved() {
            return false;
        }

        @Override
        public String name() {
            return "stream";
        }
    }

    private final BlockingQueue<Entry> queue;
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Target target;
    private final long moveCheckNanos;
    private final Thread writer;
    private final Runnable unregister;
    private final LongAdder droppedQueueFull = new LongAdder();
    private final LongAdder droppedWriteError = new LongAdder();
    private final LongAdder writeErrors = new LongAdder();
    private final LongAdder written = new LongAdder();
    private volatile boolean closing;
    private volatile boolean reopenRequested;
    private volatile IOException closeError;

    // the writer thread's own (the constructor's before it starts)
    private final Lines buf = new Lines();
    private final ErrorReport report;
    private JsonGenerator json;
    private final int[] ends = new int[BATCH]; // where each whole line in buf ends
    private int lines; // whole lines in buf
    private WritableByteChannel out;
    private boolean afterError;
    private boolean lineBreakFirst;
    private long lastMoveCheck;

    DecisionLog(Path file, int capacity) throws IOException {
        this(new FileTarget(file), capacity, DEFAULT_MAX_QUEUED_BYTES, MOVE_CHECK_NANOS, true);
    }

    /** Writes to a stream, never closed: for tests that make the disk slow. */
    DecisionLog(OutputStream stream, int capacity) throws IOException {
        this(new StreamTarget(stream), capacity, DEFAULT_MAX_QUEUED_BYTES, -1, false);
    }

    /**
     * Writes to {@code target}, opened here; {@code moveCheckNanos} apart at least, it is asked
     * whether it moved (never when negative); {@code onHangup}: {@link #reopen} on {@code SIGHUP}.
     */
    DecisionLog(Target target, int capacity, long maxQueuedBytes, long moveCheckNanos, boolean onHangup)
            throws IOException {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxQueuedBytes = maxQueuedBytes;
        this.target = target;
        this.moveCheckNanos = moveCheckNanos;
        this.report = new ErrorReport(target.name(), ERROR_INTERVAL_NANOS);
        this.json = generator();
        this.out = target.open();
        this.lineBreakFirst = endsInsideLine();
        this.lastMoveCheck = System.nanoTime();
        this.unregister = onHangup ? Signals.alsoOnHangup(this::reopen) : () -> {};
        this.writer = new Thread(this::run, "warden-decision-log");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues an entry; drops and counts it when the queue is full, in entries or in bytes, or the
     * log is closing.
     */
    void offer(Entry e) {
        long size = e.size();
        if (closing) {
            droppedQueueFull.increment();
            return;
        }
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            queuedBytes.addAndGet(-size);
            droppedQueueFull.increment();
            return;
        }
        if (!queue.offer(e)) {
            queuedBytes.addAndGet(-size);
            droppedQueueFull.increment();
        }
    }

    /** Closes the file and opens its path again before the next write (within 100 ms): for rotation. */
    void reopen() {
        reopenRequested = true;
    }

    /** Entries dropped or lost so far, for any reason: {@link #droppedQueueFull} plus {@link #droppedWriteError}. */
    long dropped() {
        return droppedQueueFull.sum() + droppedWriteError.sum();
    }

    /** Entries never queued: the queue was full (in entries or in bytes) or the log was closing. */
    long droppedQueueFull() {
        return droppedQueueFull.sum();
    }

    /** Entries queued but lost to write errors (including failures to open the file). */
    long droppedWriteError() {
        return droppedWriteError.sum();
    }

    /** Failed writes and opens so far. */
    long writeErrors() {
        return writeErrors.sum();
    }

    /** Entries waiting to be written. */
    int queued() {
        return queue.size();
    }

    /** The bytes ({@link Entry#size}) of the entries waiting to be written. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Entries written so far, each as one whole line. */
    long written() {
        return written.sum();
    }

    private void run() {
        List<Entry> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                Entry first;
                try {
                    first = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    first = null;
                    closing = true;
                }
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    if (reopenRequested) {
                        rotate();
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                long bytes = 0;
                for (Entry e : batch) {
                    bytes += e.size();
                }
                queuedBytes.addAndGet(-bytes);
                rotate();
                write(batch);
                batch.clear();
            }
        } finally {
            closeOut(true);
        }
    }

    /** Opens the target again when asked to, or when it moved. */
    private void rotate() {
        boolean again = reopenRequested;
        if (!again && out != null && moveCheckNanos >= 0) {
            long now = System.nanoTime();
            if (now - lastMoveCheck >= moveCheckNanos) {
                lastMoveCheck = now;
                again = target.moved();
            }
        }
        if (again) {
            reopenRequested = false;
            closeOut(false);
            IOException e = open();
            if (e != null) {
                report(e, 0);
            }
        }
    }

    /** Opens the target when it is not open; the error when that fails, counted. */
    private IOException open() {
        if (out != null) {
            return null;
        }
        try {
            out = target.open();
        } catch (IOException e) {
            writeErrors.increment();
            afterError = true;
            return e;
        }
        lastMoveCheck = System.nanoTime();
        lineBreakFirst = endsInsideLine();
        return null;
    }

    private boolean endsInsideLine() {
        try {
            return target.endsInsideLine();
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: an empty line is better than two joined
        }
    }

    private void write(List<Entry> batch) {
        IOException notOpen = open();
        if (notOpen != null) {
            lost(batch.size());
            report(notOpen, batch.size());
            return;
        }
        startChunk();
        int done = 0; // entries of the batch written or lost, before those in buf
        for (Entry e : batch) {
            int mark = buf.size();
            try {
                line(e);
            } catch (IOException | RuntimeException ex) {
                // in memory, so never an I/O error; a generator that failed is not used again
                buf.truncate(mark);
                json = generator();
                lost(1);
                done++;
                LOG.log(Level.ERROR, "cannot write a decision log entry: " + ex);
                continue;
            }
            ends[lines++] = buf.size();
            if (buf.size() >= CHUNK) {
                int inChunk = lines;
                if (!writeChunk(batch.size() - done)) {
                    return;
                }
                done += inChunk;
                startChunk();
            }
        }
        if (lines > 0) {
            writeChunk(batch.size() - done);
        }
    }

    private void startChunk() {
        buf.reset();
        lines = 0;
        if (lineBreakFirst) {
            buf.write('\n');
        }
    }

    private void line(Entry e) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", Instant.ofEpochMilli(e.epochMillis()).toString());
        json.writeStringField("source", e.source());
        json.writeStringField("key_id", e.keyId());
        json.writeStringField("method", e.method());
        json.writeStringField("action", e.action());
        json.writeStringField("path", e.path());
        json.writeNumberField("status", e.status());
        json.writeStringField("decision", e.decision());
        json.writeStringField("reason", e.reason());
        json.writeArrayFieldStart("policies");
        for (String p : e.policies()) {
            json.writeString(p);
        }
        json.writeEndArray();
        json.writeNumberField("policy_set_version", e.version());
        json.writeStringField("request_id", e.requestId());
        json.writeStringField("client_address", e.clientAddress());
        json.writeStringField("detail", e.detail());
        json.writeArrayFieldStart("statements");
        for (String s : e.statements()) {
            json.writeString(s);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush(); // into buf
    }

    /**
     * Writes what buf holds: its whole lines, and maybe a line break first; {@code left} entries of
     * the batch are not written yet, those in buf and after. A line counts as written once all of
     * it was; when the write fails, the rest of the {@code left} are lost and counted, the error
     * reported, the target closed, and false returned.
     */
    private boolean writeChunk(int left) {
        ByteBuffer bytes = ByteBuffer.wrap(buf.bytes(), 0, buf.size());
        IOException failed = null;
        try {
            int idle = 0;
            while (bytes.hasRemaining()) {
                if (out.write(bytes) == 0 && ++idle == 1000) {
                    throw new IOException("the target takes no more bytes");
                }
            }
        } catch (IOException e) {
            failed = e;
        }
        int whole = 0; // a line that lacks only its line break counts: the next write begins with one
        while (whole < lines && ends[whole] - 1 <= bytes.position()) {
            whole++;
        }
        written.add(whole);
        if (failed != null) {
            writeErrors.increment();
            afterError = true;
            closeOut(false);
            lost(left - whole);
            report(failed, left - whole);
            return false;
        }
        lineBreakFirst = false;
        if (afterError) {
            afterError = false;
            report.recovered().ifPresent(m -> LOG.log(Level.WARNING, m));
        }
        return true;
    }

    private void report(IOException e, long lostNow) {
        report.failed(e, lostNow, System.nanoTime()).ifPresent(m -> LOG.log(Level.ERROR, m));
    }

    private void lost(long n) {
        droppedWriteError.add(n);
    }

    private void closeOut(boolean last) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            if (last) {
                closeError = e;
            }
        } finally {
            out = null;
        }
    }

    private JsonGenerator generator() {
        try {
            JsonGenerator g = JSON.createGenerator(buf, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null); // no space between root values: each line starts with `{`
            return g;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON into memory: " + e, e); // not an I/O error
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() throws IOException {
        closing = true;
        unregister.run();
        try {
            writer.join(10_000);
            if (writer.isAlive()) {
                LOG.log(Level.WARNING, "the decision log writer did not finish in 10 s; what it holds is lost");
                writer.interrupt();
                writer.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOException e = closeError;
        if (e != null) {
            throw e;
        }
    }

    /** Lines in memory, before they go to the target. */
    private static final class Lines extends ByteArrayOutputStream {
        Lines() {
            super(CHUNK + (CHUNK >> 2));
        }

        byte[] bytes() {
            return buf;
        }

        void truncate(int size) {
            count = size;
        }
    }

    /**
     * What is said about write errors: the first at once, then at most one message every interval
     * while they last, with the errors and lost entries in between, and one when writing works again.
     */
    static final class ErrorReport {
        private final String name;
        private final long intervalNanos;
        private boolean failing;
        private long lastMessage;
        private long errorsSinceMessage;
        private long lostSinceMessage;
        private long errors;
        private long lost;

        ErrorReport(String name, long intervalNanos) {
            this.name = name;
            this.intervalNanos = intervalNanos;
        }

        /** A write error, that lost {@code lostNow} entries: the message to log, if it is time for one. */
        Optional<String> failed(IOException e, long lostNow, long nanos) {
            errors++;
            lost += lostNow;
            errorsSinceMessage++;
            lostSinceMessage += lostNow;
            if (!failing) {
                failing = true;
                lastMessage = nanos;
                errorsSinceMessage = 0;
                lostSinceMessage = 0;
                return Optional.of("cannot write the decision log `" + name + "`: " + e + "; " + lostNow
                        + " entries lost and counted; it is opened again for the next ones");
            }
            if (nanos - lastMessage < intervalNanos) {
                return Optional.empty();
            }
            String m = "the decision log `" + name + "` still cannot be written: " + e + " ("
                    + errorsSinceMessage + " error(s), " + lostSinceMessage + " entries lost since the last message)";
            lastMessage = nanos;
            errorsSinceMessage = 0;
            lostSinceMessage = 0;
            return Optional.of(m);
        }

        /** A write that worked: the message to log when it ends a run of errors. */
        Optional<String> recovered() {
            if (!failing) {
                return Optional.empty();
            }
            String m = "the decision log `" + name + "` is written again, after " + errors + " write error(s) that lost "
                    + lost + " entries";
            failing = false;
            errors = 0;
            lost = 0;
            errorsSinceMessage = 0;
            lostSinceMessage = 0;
            return Optional.of(m);
        }
    }
}
