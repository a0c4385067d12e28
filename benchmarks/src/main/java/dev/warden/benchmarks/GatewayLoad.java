package dev.warden.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The load generator of {@code benchmarks/gateway-load.sh}: {@code N} persistent HTTP/1.1
 * connections, each on its own thread, each sending one request and reading its answer whole
 * before the next (a closed loop, as wrk does), for a warm-up and then a measured duration.
 * Every answer's latency is kept; the percentiles are read from the sorted latencies of the
 * measured part.
 *
 * <p>The requests are those of a gateway's clients over 1,000 channels of workspace {@code w1}:
 * views, views, views, sends ({@code POST}) and deletes in turn, with {@code Authorization:
 * AccessKey KEY}. A connection the server closes is opened again and counted.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.GatewayLoad \
 *     --url http://127.0.0.1:8000 --connections 32 --duration 10 --warmup 3 --key wk_...
 * }</pre>
 *
 * <p>Prints one line, tab-separated: requests per second, p50 and p99 in milliseconds, the
 * number of answers that were not 2xx, the connections opened, the requests that failed.
 */
public final class GatewayLoad {
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "DELETE"};

    /** What to run. */
    record Options(URI url, int connections, double durationSeconds, double warmupSeconds, String key) {
        static Options parse(String[] args) {
            URI url = null;
            int connections = 32;
            double duration = 10;
            double warmup = 3;
            String key = "";
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--url" -> url = URI.create(args[i + 1]);
                    case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                    case "--duration" -> duration = Double.parseDouble(args[i + 1]);
                    case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
                    case "--key" -> key = args[i + 1];
                    default -> throw new IllegalArgumentException("unknown option `" + args[i] + "`");
                }
            }
            if (args.length % 2 != 0 || url == null || connections < 1 || duration <= 0 || warmup < 0) {
                throw new IllegalArgumentException("usage: GatewayLoad --url http://HOST:PORT [--connections N] "
                        + "[--duration SECONDS] [--warmup SECONDS] [--key KEY]");
            }
            return new Options(url, connections, duration, warmup, key);
        }
    }

    /**
     * The measured part of a run.
     *
     * @param latenciesNanos every answer's latency, sorted
     */
    record Result(double seconds, long[] latenciesNanos, long non2xx, long connectionsOpened, long failures) {
        double requestsPerSecond() {
            return latenciesNanos.length / seconds;
        }

        /** The latency at quantile {@code q} (0 to 1), nearest rank, in milliseconds; 0 with no answers. */
        double percentileMillis(double q) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(q * latenciesNanos.length);
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, rank - 1))] / 1e6;
        }

        String line() {
            return String.format(Locale.ROOT, "%.0f\t%.2f\t%.2f\t%d\t%d\t%d", requestsPerSecond(), percentileMillis(0.50),
                    percentileMillis(0.99), non2xx, connectionsOpened, failures);
        }
    }

    /** One connection's loop; its counts are read once its thread has ended. */
    private static final class Worker implements Runnable {
        private final Options options;
        private final long measureFrom;
        private final long end;
        private final CountDownLatch done;
        private final int offset;
        private final byte[][] requests;
        private long[] latencies = new long[1 << 14];
        private int count;
        private long non2xx;
        private long opened;
        private long failures;

        Worker(Options options, byte[][] requests, long measureFrom, long end, CountDownLatch done, int offset) {
            this.options = options;
            this.requests = requests;
            this.measureFrom = measureFrom;
            this.end = end;
            this.done = done;
            this.offset = offset;
        }

        @Override
        public void run() {
            try {
                loop();
            } finally {
                done.countDown();
            }
        }

        private void loop() {
            Socket socket = null;
            InputStream in = null;
            OutputStream out = null;
            int i = offset;
            while (System.nanoTime() < end) {
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(10_000);
                        socket.connect(new InetSocketAddress(options.url().getHost(), options.url().getPort()), 5_000);
                        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                        out = socket.getOutputStream();
                        opened++;
                    }
                    byte[] request = requests[i++ % requests.length];
                    long start = System.nanoTime();
                    out.write(request);
                    out.flush();
                    Answer a = Answer.read(in);
                    long took = System.nanoTime() - start;
                    if (start >= measureFrom) {
                        record(took, a.status());
                    }
                    if (a.close()) {
                        socket.close();
                        socket = null;
                    }
                } catch (IOException | RuntimeException e) {
                    if (System.nanoTime() >= measureFrom) {
                        failures++;
                    }
                    closeQuietly(socket);
                    socket = null;
                    pause();
                }
            }
            closeQuietly(socket);
        }

        private void record(long took, int status) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = took;
            if (status < 200 || status > 299) {
                non2xx++;
            }
        }
    }

    /** An answer read whole: its status, and whether the server closes the connection after it. */
    record Answer(int status, boolean close) {
        /**
         * Reads the status line, the headers and the body ({@code Content-Length} or chunked) from
         * the connection's one buffered stream (only one request is outstanding at a time, so
         * nothing of a later answer is ever in its buffer).
         */
        static Answer read(InputStream in) throws IOException {
            String status = line(in);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1 status line: `" + status + "`");
            }
            long length = -1;
            boolean chunked = false;
            boolean close = parts[0].equals("HTTP/1.0");
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                    default -> { }
                }
            }
            int code = Integer.parseInt(parts[1]);
            if (chunked) {
                for (long size = chunk(in); size > 0; size = chunk(in)) {
                    skip(in, size);
                    line(in);
                }
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not read
                }
            } else if (length > 0) {
                skip(in, length);
            } else if (length < 0 && code != 204 && code != 304 && code >= 200) {
                // no length: the body runs to the end of the connection
                in.transferTo(OutputStream.nullOutputStream());
                close = true;
            }
            return new Answer(code, close);
        }

        private static long chunk(InputStream in) throws IOException {
            String size = line(in);
            int semi = size.indexOf(';');
            return Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
        }

        private static void skip(InputStream in, long n) throws IOException {
            in.skipNBytes(n);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed mid-answer");
                }
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }
    }

    /** The requests, made once: every method with every channel (5 x 1,000). */
    static byte[][] requests(Options o) {
        String host = o.url().getHost() + ":" + o.url().getPort();
        byte[][] all = new byte[METHODS.length * 1000][];
        for (int i = 0; i < all.length; i++) {
            String method = METHODS[i % METHODS.length];
            StringBuilder r = new StringBuilder(192).append(method).append(" /workspaces/w1/channels/c").append(i % 1000)
                    .append("/messages HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            if (!o.key().isEmpty()) {
                r.append("Authorization: AccessKey ").append(o.key()).append("\r\n");
            }
            if (method.equals("POST")) {
                r.append("Content-Length: 0\r\n");
            }
            all[i] = r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        return all;
    }

    /** Runs the load: {@code warmup} seconds unmeasured, then {@code duration} seconds measured. */
    static Result run(Options o) throws InterruptedException {
        long now = System.nanoTime();
        long measureFrom = now + (long) (o.warmupSeconds() * 1e9);
        long end = measureFrom + (long) (o.durationSeconds() * 1e9);
        CountDownLatch done = new CountDownLatch(o.connections());
        byte[][] requests = requests(o);
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < o.connections(); c++) {
            Worker w = new Worker(o, requests, measureFrom, end, done, c * 7919);
            workers.add(w);
            Thread t = new Thread(w, "load-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        int total = 0;
        for (Worker w : workers) {
            total += w.count;
        }
        long[] all = new long[total];
        int at = 0;
        long non2xx = 0;
        long opened = 0;
        long failures = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, at, w.count);
            at += w.count;
            non2xx += w.non2xx;
            opened += w.opened;
            failures += w.failures;
        }
        Arrays.sort(all);
        return new Result(o.durationSeconds(), all, non2xx, opened, failures);
    }

    /** After a failure: a server that refuses connections is not asked again in a busy loop. */
    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(run(o).line());
    }
}
