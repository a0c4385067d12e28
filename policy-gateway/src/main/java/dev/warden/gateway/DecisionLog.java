package dev.warden.gateway;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The decision log: one JSON object per decision, one per line, appended to a file by a writer
 * thread, off the request path:
 *
 * <pre>{@code
 * {"time": "2026-11-25T15:02:11.042Z", "source": "authz", "key_id": "ak_support_1", "method": "GET",
 *  "action": "view", "path": "/workspaces/w1/channels", "status": 200, "decision": "allow", "reason": "allowed",
 *  "policies": ["channels-read"], "policy_set_version": 3}
 * }</pre>
 *
 * <p>A request only puts an entry in a bounded queue ({@link #offer} never blocks). When the queue
 * is full, because the disk is slower than the traffic, the entry is dropped and counted ({@link
 * #dropped}, {@code warden_decision_log_dropped_total}): deciding never waits for the log. A write
 * error drops the entries being written, counts them, and is logged once.
 */
final class DecisionLog implements Closeable {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    static final int DEFAULT_CAPACITY = 65_536;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /**
     * One logged decision; {@code source} is the endpoint that decided: {@code "authz"} (forward
     * auth), {@code "envoy"} (Envoy ext_authz) or {@code "decide"} ({@code /v1/decide}).
     */
    record Entry(long epochMillis, String source, String keyId, String method, String action, String path,
            int status, String decision, String reason, List<String> policies, long version) {
        /** An entry from the forward-auth endpoint ({@code source} {@code "authz"}). */
        Entry(long epochMillis, String keyId, String method, String action, String path, int status,
                String decision, String reason, List<String> policies, long version) {
            this(epochMillis, "authz", keyId, method, action, path, status, decision, reason, policies, version);
        }
    }

    private final BlockingQueue<Entry> queue;
    private final OutputStream out;
    private final JsonGenerator json;
    private final Thread writer;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private volatile boolean closing;
    private boolean writeErrorLogged;

    DecisionLog(Path file, int capacity) throws IOException {
        this(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                capacity);
    }

    /** Writes to a stream: for tests that make the disk slow. */
    DecisionLog(OutputStream stream, int capacity) throws IOException {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.out = new BufferedOutputStream(stream, 1 << 16);
        this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null); // no space between root values: each line starts with `{`
        this.writer = new Thread(this::run, "warden-decision-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues an entry; drops and counts it when the queue is full or the log is closing. */
    void offer(Entry e) {
        if (closing || !queue.offer(e)) {
            dropped.increment();
        }
    }

    /** Entries dropped so far. */
    long dropped() {
        return dropped.sum();
    }

    /** Entries waiting to be written. */
    int queued() {
        return queue.size();
    }

    /** Entries written so far. */
    long written() {
        return written.sum();
    }

    private void run() {
        List<Entry> batch = new ArrayList<>(1024);
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
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, 1023);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Entry> batch) {
        try {
            for (Entry e : batch) {
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
                json.writeEndObject();
                json.writeRaw('\n');
            }
            json.flush();
            written.add(batch.size());
        } catch (IOException ex) {
            dropped.add(batch.size());
            if (!writeErrorLogged) {
                writeErrorLogged = true;
                LOG.log(Level.ERROR, "cannot write the decision log; entries are dropped and counted: " + ex);
            }
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            json.close();
        } finally {
            out.close();
        }
    }
}
