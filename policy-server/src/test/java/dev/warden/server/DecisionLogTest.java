package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision log: its line format, its bounds, write errors and rotation. */
class DecisionLogTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static DecisionLog.Entry entry(int i) {
        return new DecisionLog.Entry(i, "authz", "k" + i, "GET", "view", "/w/" + "x".repeat(300) + "/" + i, 200,
                "allow", "allowed", List.of("p"), 1);
    }

    static void await(BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 1000 && !done.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(done.getAsBoolean()).isTrue();
    }

    /**
     * A target in memory that fails as planned, the way a disk does: per write call, "ok" writes
     * all; "half" writes about half, ending inside a line, and "all but the line break" all but the
     * last byte, and both return, the next call on that channel then failing; "refuse" fails having
     * written nothing. The first call waits for {@link #release}.
     */
    static final class FlakyTarget implements DecisionLog.Target {
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        final CountDownLatch release = new CountDownLatch(1);
        final Deque<String> plan;
        int opens;
        int openFailures;

        FlakyTarget(String... plan) {
            this.plan = new ArrayDeque<>(List.of(plan));
        }

        @Override
        public synchronized WritableByteChannel open() throws IOException {
            opens++;
            if (openFailures > 0) {
                openFailures--;
                throw new IOException("cannot open");
            }
            return new WritableByteChannel() {
                boolean broken;

                @Override
                public int write(ByteBuffer src) throws IOException {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    synchronized (FlakyTarget.this) {
                        if (broken) {
                            throw new IOException("no space left on device");
                        }
                        String step = plan.isEmpty() ? "ok" : plan.removeFirst();
                        if (step.equals("refuse")) {
                            throw new IOException("no space left on device");
                        }
                        int n = src.remaining();
                        if (step.equals("half")) { // about half, ending inside a line, not at its end
                            n /= 2;
                            while (n > 1 && (src.get(src.position() + n - 1) == '\n'
                                    || src.get(src.position() + n) == '\n')) {
                                n--;
                            }
                        } else if (step.equals("all but the line break")) {
                            n--;
                        }
                        broken = !step.equals("ok");
                        byte[] b = new byte[n];
                        src.get(b);
                        sink.write(b, 0, n);
                        return n;
                    }
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public synchronized boolean endsInsideLine() {
            byte[] b = sink.toByteArray();
            return b.length > 0 && b[b.length - 1] != '\n';
        }

        @Override
        public boolean moved() {
            return false;
        }

        @Override
        public String name() {
            return "memory";
        }

        synchronized String text() {
            return sink.toString(StandardCharsets.UTF_8);
        }

        synchronized int opens() {
            return opens;
        }
    }

    static boolean whole(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.isObject() && n.has("key_id") && n.has("policy_set_version");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void writeErrors_loseExactlyTheEntriesNotWrittenWhole_andLaterEntriesAreWholeLines() throws Exception {
        FlakyTarget target = new FlakyTarget("ok", "ok", "half", "refuse", "ok", "half");
        DecisionLog log = new DecisionLog(target, 65_536, DecisionLog.DEFAULT_MAX_QUEUED_BYTES, -1, false);
        log.offer(entry(0));
        await(() -> log.queued() == 0); // the writer holds entry 0, waiting for the disk
        for (int i = 1; i < 3070; i++) {
            log.offer(entry(i)); // three batches of 1023, each of several chunks
        }
        target.release.countDown();
        await(() -> log.written() + log.droppedWriteError() == 3070);
        assertThat(log.writeErrors()).isEqualTo(3);
        assertThat(log.droppedWriteError()).isGreaterThan(1023); // one batch was lost whole
        for (int i = 3070; i < 3170; i++) {
            log.offer(entry(i)); // after the errors
        }
        log.close();

        assertThat(log.written() + log.droppedWriteError()).isEqualTo(3170);
        assertThat(log.droppedQueueFull()).isZero();
        assertThat(log.dropped()).isEqualTo(log.droppedWriteError());
        assertThat(log.writeErrors()).isEqualTo(3);
        assertThat(target.opens()).isEqualTo(4); // opened again after each error
        String text = target.text();
        assertThat(text).endsWith("\n");
        List<String> lines = List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
        List<String> fragments = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).startsWith("{\"time\":"); // no empty line either
            assertThat(line.indexOf("{\"time\":", 1)).as("two entries on one line: %s", line).isEqualTo(-1);
            if (whole(line)) {
                ids.add(Integer.parseInt(JSON.readTree(line).get("key_id").textValue().substring(1)));
            } else {
                fragments.add(line);
            }
        }
        assertThat(fragments).hasSize(2); // one per half write, each on a line of its own
        assertThat(ids).hasSize((int) log.written()).isSorted().doesNotHaveDuplicates();
        Set<Integer> lost = new HashSet<>();
        IntStream.range(0, 3170).forEach(lost::add);
        lost.removeAll(ids);
        assertThat(lost).hasSize((int) log.droppedWriteError());
        assertThat(ids).containsAll(IntStream.range(3070, 3170).boxed().toList());
        assertThat(Collections.max(lost)).isLessThan(3070);
    }

    @Test
    void writeErrors_whenOpeningAgainFails_loseTheBatchAndTheNextOpenWorks() throws Exception {
        FlakyTarget target = new FlakyTarget("ok", "refuse");
        target.release.countDown();
        DecisionLog log = new DecisionLog(target, 16, DecisionLog.DEFAULT_MAX_QUEUED_BYTES, -1, false);
        log.offer(entry(0));
        await(() -> log.written() == 1);
        log.offer(entry(1)); // refused
        await(() -> log.droppedWriteError() == 1);
        synchronized (target) {
            target.openFailures = 2;
        }
        log.offer(entry(2)); // cannot open
        await(() -> log.droppedWriteError() == 2);
        log.offer(entry(3)); // cannot open
        await(() -> log.droppedWriteError() == 3);
        log.offer(entry(4));
        await(() -> log.written() == 2);
        log.close();
        assertThat(log.writeErrors()).isEqualTo(3);
        assertThat(target.opens()).isEqualTo(4);
        assertThat(target.text().split("\n")).hasSize(2).allMatch(DecisionLogTest::whole);
        assertThat(target.text()).contains("\"key_id\":\"k0\"").contains("\"key_id\":\"k4\"");
    }

    @Test
    void writeErrors_afterALineWithoutItsLineBreak_countItWritten_andTheNextLineStartsOnItsOwn() throws Exception {
        FlakyTarget target = new FlakyTarget("all but the line break");
        target.release.countDown();
        DecisionLog log = new DecisionLog(target, 16, DecisionLog.DEFAULT_MAX_QUEUED_BYTES, -1, false);
        log.offer(entry(1));
        await(() -> log.writeErrors() == 1);
        log.offer(entry(2));
        log.close();
        assertThat(log.written()).isEqualTo(2);
        assertThat(log.droppedWriteError()).isZero();
        String[] lines = target.text().split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).contains("\"k1\"");
        assertThat(lines[1]).contains("\"k2\"");
        assertThat(lines[2]).isEmpty();
        assertThat(List.of(lines[0], lines[1])).allMatch(DecisionLogTest::whole);
    }

    @Test
    void errorReport_saysTheFirstError_thenAtMostOneEveryInterval_thenTheRecovery() {
        long s = TimeUnit.SECONDS.toNanos(1);
        DecisionLog.ErrorReport r = new DecisionLog.ErrorReport("log.jsonl", 10 * s);
        IOException e = new IOException("no space left on device");
        assertThat(r.recovered()).isEmpty();
        assertThat(r.failed(e, 5, 100 * s)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("cannot write the decision log `log.jsonl`: java.io.IOException: no space left on device")
                .contains("5 entries lost"));
        assertThat(r.failed(e, 3, 101 * s)).isEmpty();
        assertThat(r.failed(e, 2, 110 * s - 1)).isEmpty();
        assertThat(r.failed(e, 1, 110 * s)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("the decision log `log.jsonl` still cannot be written")
                .endsWith("(3 error(s), 6 entries lost since the last message)"));
        assertThat(r.failed(e, 1, 111 * s)).isEmpty();
        assertThat(r.recovered()).hasValue(
                "the decision log `log.jsonl` is written again, after 5 write error(s) that lost 12 entries");
        assertThat(r.recovered()).isEmpty();
        assertThat(r.failed(e, 1, 112 * s)).hasValueSatisfying(m -> assertThat(m).startsWith("cannot write"));
    }

    @Test
    void line_holdsTheSourceAndEveryField() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DecisionLog log = new DecisionLog(sink, 16);
        log.offer(new DecisionLog.Entry(0, "decide", "u1", "", "view", "/w/1", 403, "deny", "explicit_deny",
                List.of("a", "b"), 7, "req-1", "192.0.2.7", "", List.of("a#2 p.policy:4:5", "b#1")));
        log.offer(new DecisionLog.Entry(0, "ak", "GET", "view", "/x", 200, "allow", "allowed", List.of("p"), 1));
        log.close();
        String[] lines = sink.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("{\"time\":\"1970-01-01T00:00:00Z\",\"source\":\"decide\",\"key_id\":\"u1\","
                + "\"method\":\"\",\"action\":\"view\",\"path\":\"/w/1\",\"status\":403,\"decision\":\"deny\","
                + "\"reason\":\"explicit_deny\",\"policies\":[\"a\",\"b\"],\"policy_set_version\":7,"
                + "\"request_id\":\"req-1\",\"client_address\":\"192.0.2.7\",\"detail\":\"\","
                + "\"statements\":[\"a#2 p.policy:4:5\",\"b#1\"]}");
        assertThat(JSON.readTree(lines[1]).get("source").textValue()).isEqualTo("authz");
    }

    @Test
    void entry_cutsEachTextAtItsBound_andNotOneBefore() {
        String path = "/" + "p".repeat(511);
        String text = "t".repeat(128);
        List<String> policies = IntStream.range(0, 32).mapToObj(i -> "p" + i).toList();
        DecisionLog.Entry atBound = new DecisionLog.Entry(0, text, text, text, text, path, 200, text, text,
                policies, 1);
        assertThat(atBound.path()).isEqualTo(path);
        assertThat(List.of(atBound.source(), atBound.keyId(), atBound.method(), atBound.action(), atBound.decision(),
                atBound.reason())).containsOnly(text);
        assertThat(atBound.policies()).isEqualTo(policies);

        List<String> more = new ArrayList<>(policies);
        more.add("p32");
        DecisionLog.Entry past = new DecisionLog.Entry(0, text + "s", text + "k", text + "m", text + "a", path + "x",
                200, text + "d", text + "r", more, 1);
        assertThat(past.path()).isEqualTo(path + "...");
        assertThat(DecisionLog.cut(past.path(), DecisionLog.MAX_PATH)).isEqualTo(past.path()); // a target cut before
        assertThat(List.of(past.source(), past.keyId(), past.method(), past.action(), past.decision(),
                past.reason())).containsOnly(text + "...");
        assertThat(past.policies()).hasSize(33).endsWith("p31", "...");

        DecisionLog.Entry longName = new DecisionLog.Entry(0, "k", "GET", "view", "/", 200, "allow", "allowed",
                List.of(text, text + "n"), 1);
        assertThat(longName.policies()).containsExactly(text, text + "...");
    }

    @Test
    void entry_cutsBeforeAPairOfSurrogates_andMakesMissingTextsEmpty() {
        String text = "t".repeat(127) + "\uD83D\uDE00"; // 129 chars: the pair straddles the bound
        DecisionLog.Entry e = new DecisionLog.Entry(0, null, text, null, null, null, 400, "deny", "malformed",
                null, 1);
        assertThat(e.keyId()).isEqualTo("t".repeat(127) + "...");
        assertThat(List.of(e.source(), e.method(), e.action(), e.path())).containsOnly("");
        assertThat(e.policies()).isEmpty();
    }

    @Test
    void queue_boundedInBytes_takesEntriesUpToTheBound_andDropsOnePast() throws Exception {
        long size = entry(1).size();
        for (long bound : new long[] {2 * size, 2 * size - 1}) {
            FlakyTarget target = new FlakyTarget();
            DecisionLog log = new DecisionLog(target, 65_536, bound, -1, false);
            log.offer(entry(0));
            await(() -> log.queued() == 0); // the writer holds entry 0, waiting for the disk
            assertThat(log.queuedBytes()).isZero();
            log.offer(entry(1));
            log.offer(entry(2));
            log.offer(entry(3));
            int queued = bound == 2 * size ? 2 : 1;
            assertThat(log.queued()).isEqualTo(queued);
            assertThat(log.queuedBytes()).isEqualTo(queued * size);
            assertThat(log.droppedQueueFull()).isEqualTo(3 - queued);
            target.release.countDown();
            log.close();
            assertThat(log.written()).isEqualTo(1 + queued);
            assertThat(log.queuedBytes()).isZero();
        }
    }

    @Test
    void queue_dropsAnEntryLargerThanItsWholeBound() throws Exception {
        FlakyTarget target = new FlakyTarget();
        target.release.countDown();
        DecisionLog log = new DecisionLog(target, 16, entry(1).size() - 1, -1, false);
        log.offer(entry(1));
        log.close();
        assertThat(log.droppedQueueFull()).isEqualTo(1);
        assertThat(log.written()).isZero();
        assertThat(target.text()).isEmpty();
    }

    @Test
    void file_thatEndsInsideALine_getsALineBreakFirst(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.jsonl");
        Files.writeString(file, "{\"time\":\"2026-");
        DecisionLog log = new DecisionLog(file, 16);
        log.offer(entry(1));
        log.close();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"time\":\"2026-");
        assertThat(whole(lines.get(1))).isTrue();
    }

    @Test
    void file_movedOrDeleted_isOpenedAgainAtItsPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.jsonl");
        Path moved = dir.resolve("log.jsonl.1");
        DecisionLog log = new DecisionLog(new DecisionLog.FileTarget(file), 16, DecisionLog.DEFAULT_MAX_QUEUED_BYTES,
                0, false);
        log.offer(entry(1));
        await(() -> log.written() == 1);
        Files.move(file, moved);
        log.offer(entry(2));
        await(() -> log.written() == 2);
        assertThat(Files.readString(moved)).contains("\"k1\"").doesNotContain("\"k2\"");
        assertThat(Files.readString(file)).contains("\"k2\"").doesNotContain("\"k1\"");
        Files.delete(file);
        log.offer(entry(3));
        log.close();
        assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.contains("\"k3\""));
        assertThat(log.writeErrors()).isZero();
    }

    @Test
    void file_isOpenedAgainOnReopen_andOnHangup(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.jsonl");
        Path moved = dir.resolve("log.jsonl.1");
        DecisionLog log = new DecisionLog(new DecisionLog.FileTarget(file), 16, DecisionLog.DEFAULT_MAX_QUEUED_BYTES,
                -1, true);
        log.offer(entry(1));
        await(() -> log.written() == 1);
        Files.move(file, moved);
        log.offer(entry(2)); // no move check: still the file open
        await(() -> log.written() == 2);
        assertThat(Files.exists(file)).isFalse();
        log.reopen();
        log.offer(entry(3));
        await(() -> log.written() == 3);
        assertThat(Files.readString(file)).contains("\"k3\"");
        Files.move(file, dir.resolve("log.jsonl.2"));
        Signals.hangup(); // what a SIGHUP runs once warden serve handles it
        log.offer(entry(4));
        log.close();
        assertThat(Files.readAllLines(moved)).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("log.jsonl.2"))).hasSize(1).allMatch(l -> l.contains("\"k3\""));
        assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.contains("\"k4\""));
    }

    @Test
    void signals_runWhatIsRegistered_untilItIsRemoved() {
        int[] runs = new int[2];
        Runnable first = Signals.alsoOnHangup(() -> runs[0]++);
        Runnable second = Signals.alsoOnHangup(() -> runs[1]++);
        Signals.hangup();
        first.run();
        Signals.hangup();
        second.run();
        Signals.hangup();
        assertThat(runs).containsExactly(1, 2);
    }
}
