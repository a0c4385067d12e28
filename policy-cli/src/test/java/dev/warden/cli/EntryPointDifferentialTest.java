package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.core.ResourcePath;
import dev.warden.gateway.AccessKeys;
import dev.warden.gateway.Gate;
import dev.warden.gateway.WardenFilter;
import dev.warden.server.ForwardAuth;
import dev.warden.server.WardenServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way into Warden decides the same request the same way. For a corpus of request targets
 * (the shapes of known path-confusion bypasses of other gateways and frameworks, and a seeded
 * random mix of their pieces), the decision through
 * <ul>
 *   <li>{@code /v1/authz} with the headers NGINX {@code auth_request} sends ({@code --forward-auth nginx}),
 *   <li>{@code /v1/authz} with the headers Traefik ForwardAuth sends ({@code --forward-auth traefik}),
 *   <li>{@code /v1/authz} with the headers Caddy {@code forward_auth} sends ({@code --forward-auth caddy}),
 *   <li>the Envoy prefix {@code /v1/authz/envoy/...} ({@code --forward-auth envoy}),
 *   <li>Envoy's {@code ext_authz} gRPC service ({@code --envoy-grpc-port}), called by a gRPC client
 *       built from Envoy's protos with the path Envoy would send,
 *   <li>{@link WardenFilter} inside Jetty in front of a servlet,
 *   <li>{@code warden eval} (the batch form) and {@code POST /v1/decide} (the same form over HTTP)
 * </ul>
 * is the same: the same allow or deny, the same reason, and 400 exactly for a malformed target. A
 * 200 only ever comes where a backend's own reading of the target (java.net.URI, decoded, dot
 * segments removed; for the filter, the path the servlet is given) is the canonical path Warden
 * decided on. All servers run in this JVM on 127.0.0.1.
 *
 * <p>The Envoy prefix and the filter get the target in their own request line, which Jetty parses
 * first: there the target is what a server reads from a request line (an absolute-form target is
 * its path, RFC 9112), and Jetty may refuse a malformed one with its own 400 before Warden sees it.
 * The gRPC service gets that same origin-form path in {@code attributes.request.http.path}, which
 * nothing parses before Warden: it answers every case itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntryPointDifferentialTest {
    private static final String READER_KEY = "wk_diff_reader_4f1c9a2e7b6d";
    private static final String ADMIN_KEY = "wk_diff_admin_8e3b5d0a1c9f";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261201L;
    private static final String SEEN = "X-Test-Request-URI";
    private static final int RANDOM_TARGETS = 2000;

    /** The known bypass shapes, on this test's policies (a reader may view channels and PDFs; connectors are denied). */
    static final List<String> CORPUS = List.of(
            // plain requests, allowed and denied
            "/workspaces/w1/channels", "/workspaces/w1/channels/c1", "/workspaces/w1/channels/c1?x=1",
            "/workspaces/w1/connectors/k1", "/workspaces/w1/connectors", "/files/report.pdf", "/files/payroll.csv",
            "/", "/workspaces", "/workspaces/w%31/channels", "/workspaces/w1/channels/a@b.c",
            // CVE-2019-9901 (Envoy: the path decided on was not normalised, the path routed was)
            "/workspaces/w1/channels/../connectors/k1", "/workspaces/w1/channels/./c1", "/workspaces/w1/./channels",
            "/workspaces/w1/channels/c1/..", "/../workspaces/w1/connectors/k1",
            // CVE-2021-29492 (Envoy: %2F decoded to / after the check)
            "/workspaces/w1/channels%2F..%2Fconnectors%2Fk1", "/workspaces%2Fw1%2Fchannels", "/workspaces/w1/channels%2fc1",
            "/workspaces/w1/channels/c1%2F",
            // CVE-2022-22978 (Spring Security: a regex matcher did not match across \r or \n)
            "/workspaces/w1/connectors/k1%0d%0a", "/workspaces/w1/connectors/k1%0a", "/workspaces/w1/connectors%0D/k1",
            "/workspaces/w1/channels/c1%0d%0a../../connectors/k1",
            // CVE-2023-20860 (Spring: a ** pattern without prefix matched differently in security and MVC)
            "/workspaces/w1/connectors/k1/", "/workspaces/w1/connectors//k1", "/workspaces//w1/connectors/k1",
            "/workspaces/w1/connectors/", "/workspaces/w1/connectors.json",
            // CVE-2023-34034 (Spring WebFlux: ** with a leading or doubled /)
            "//workspaces/w1/connectors/k1", "/workspaces/w1//connectors/k1", "///workspaces/w1/connectors/k1",
            // CVE-2020-1957 (Shiro: /;/ and ..;/)
            "/;/workspaces/w1/connectors/k1", "/workspaces/w1/channels/..;/connectors/k1", "/workspaces;/w1/connectors/k1",
            "/workspaces/w1/connectors;/k1", "/workspaces/w1/channels;x=1", "/workspaces/w1/channels/c1;jsessionid=abc",
            // CVE-2020-11989 (Shiro: %25%32%66 decoded twice to /)
            "/workspaces/w1/channels/c1%25%32%66..%25%32%66connectors%25%32%66k1", "/workspaces%25%32%66w1",
            "/workspaces/w1/channels/%25%32%65%25%32%65/connectors/k1", "/workspaces/w1/channels/c1%252F",
            // CVE-2020-13933 (Shiro: %3b)
            "/workspaces/w1/connectors/%3bk1", "/workspaces/w1/channels/%3b", "/workspaces/w1/channels%3B/../connectors",
            // CVE-2023-34478 (Shiro: traversal through normalisation)
            "/workspaces/w1/channels/..%2f..%2fconnectors", "/workspaces/w1/channels/%2e%2e/connectors/k1",
            "/workspaces/w1/channels/.%2e/connectors/k1", "/workspaces/w1/channels/%2e./connectors/k1",
            "/workspaces/w1/channels/%2E%2E/connectors/k1", "/workspaces/w1/channels/%2e",
            // fragments, encoded ? and #
            "/workspaces/w1/channels#/../connectors/k1", "/workspaces/w1/channels#", "/workspaces/w1/connectors/k1#x",
            "/workspaces/w1/channels%23/../connectors/k1", "/workspaces/w1/channels/c1%23", "/files/payroll.csv%3F.pdf",
            "/files/payroll.csv%3f.pdf", "/files/payroll.csv%23.pdf", "/files/report.pdf?x=%23", "/files/payroll.csv?.pdf",
            // overlong UTF-8, NUL, other encodings
            "/workspaces/w1/channels/%C0%AE%C0%AE/connectors/k1", "/workspaces/w1/channels/%c0%ae", "/workspaces/w1/%C0%AF",
            "/workspaces/w1/channels/%E0%80%AE%E0%80%AE/connectors", "/files/payroll.csv%00.pdf", "/workspaces/w1/channels%00",
            "/workspaces/w1/channels/%u002e%u002e/connectors", "/workspaces/w1/channels/c%C3%A9", "/workspaces/w1/channels/c\u00c3\u00a9",
            "/workspaces/w1/channels/%", "/workspaces/w1/channels/%4", "/workspaces/w1/channels/%zz",
            // backslashes
            "/workspaces/w1/channels\\..\\connectors\\k1", "/workspaces/w1/channels/..\\connectors", "/workspaces\\w1",
            "/workspaces/w1/channels%5C..%5Cconnectors", "/workspaces/w1/channels/c1%5c",
            // absolute-form and other forms
            "http://127.0.0.1/workspaces/w1/channels", "http://127.0.0.1/workspaces/w1/connectors/k1",
            "http://127.0.0.1:8080/workspaces/w1/channels/../connectors/k1", "HTTP://127.0.0.1/files/report.pdf",
            "workspaces/w1/channels", "*", "/workspaces/w1/channels/*", "/workspaces/w1/channels/**");

    private static final List<String> SEGMENTS = List.of("workspaces", "w1", "channels", "c1", "connectors", "k1", "files",
            "report.pdf", "payroll.csv", "admin");
    private static final List<String> PIECES = List.of(".", "..", "%2e", "%2E%2e", ".%2e", "%2e.", ";", ";x=1", "..;", "%3b", "%3B",
            "%2f", "%2F", "%5c", "%5C", "\\", "%25", "%252f", "%25%32%66", "%25%32%46", "#", "%23", "?", "%3f", "%3F", "%00",
            "%0d%0a", "%0a", "%09", "%C0%AE", "%c0%ae", "%C0%AF", "%E0%80%AE", "%C3%A9", "\u00c3\u00a9", "%7e", "~", "%41", "*",
            "**", "@", "+", "%20", "%", "%z", "%4", "%u002e", "/", ".pdf", "$", "{x}", "=", ":");

    /** The entry points whose answers are compared. */
    enum Entry { NGINX, TRAEFIK, CADDY, ENVOY, GRPC, FILTER, DECIDE }

    /** One request: a method, a raw target, a key, and extra client headers. */
    record Case(String method, String target, String key, List<String> headers) {
        String principalJson() {
            return key.equals(READER_KEY) ? "{\"id\": \"ak_reader\", \"roles\": [\"reader\"]}"
                    : "{\"id\": \"ak_admin\", \"roles\": [\"admin\"]}";
        }

        /** This request as one line of {@code warden eval}'s input. */
        String evalLine() {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            try {
                line.set("principal", JSON.readTree(principalJson()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            line.put("method", method);
            line.put("path", target);
            return line.toString();
        }

        @Override
        public String toString() {
            return method + " " + target + (headers.isEmpty() ? "" : " " + headers) + " as " + (key.equals(READER_KEY) ? "reader" : "admin");
        }
    }

    /**
     * An answer, reduced to what is compared.
     *
     * @param seen for the filter, the request URI the container gave it; else empty
     */
    record Outcome(int status, String reason, String body, String seen) {}

    private final Map<ForwardAuth, WardenServer> servers = new EnumMap<>(ForwardAuth.class);
    private Server jetty;
    private int filterPort;
    private Path policies;
    /** The library on the same policies and keys: the reference of the fuzz target. */
    private Gate referenceGate;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("diff.policy"), GatewayEndToEnd.POLICIES);
        String keysJson = """
                {"keys": [
                  {"id": "ak_reader", "hash": "%s", "roles": ["reader"]},
                  {"id": "ak_admin", "hash": "%s", "roles": ["admin"]}
                ]}
                """.formatted(AccessKeys.hash(READER_KEY), AccessKeys.hash(ADMIN_KEY));
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, keysJson);
        for (ForwardAuth mode : ForwardAuth.values()) {
            WardenServer.Builder b = WardenServer.builder().policies(List.of(policies)).keysFile(keys).port(0).watch(false)
                    .forwardAuth(mode);
            if (mode == ForwardAuth.NGINX) {
                b.adminPort(0); // /v1/decide
            }
            if (mode == ForwardAuth.ENVOY) {
                b.envoyGrpcPort(0);
            }
            servers.put(mode, b.start());
        }
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler app = new ServletContextHandler("/");
        app.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                // what the application is given: the method it runs and the decoded path it reads
                byte[] body = (req.getMethod() + " " + req.getPathInfo()).getBytes(StandardCharsets.UTF_8);
                resp.setContentType("text/plain");
                resp.setContentLength(body.length);
                resp.getOutputStream().write(body);
            }
        }), "/*");
        Gate gate = new Gate(dev.warden.core.Authorizer.of(dev.warden.dsl.PolicyLoader.load(List.of(policies)).orElseThrow()),
                AccessKeys.parse("keys.json", keysJson));
        referenceGate = new Gate(dev.warden.core.Authorizer.of(dev.warden.dsl.PolicyLoader.load(List.of(policies)).orElseThrow()),
                AccessKeys.parse("keys.json", keysJson));
        // in front of the filter: tells the test the request URI the container gives the application
        app.addFilter(new FilterHolder((ServletRequest req, ServletResponse resp, FilterChain chain) -> {
            // Base64 of its UTF-8: a header carries any character so
            ((HttpServletResponse) resp).setHeader(SEEN, Base64.getEncoder().encodeToString(
                    ((HttpServletRequest) req).getRequestURI().getBytes(StandardCharsets.UTF_8)));
            chain.doFilter(req, resp);
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        app.addFilter(new FilterHolder(new WardenFilter(gate)), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(app);
        jetty.start();
        filterPort = connector.getLocalPort();
    }

    @AfterAll
    void stop() throws Exception {
        servers.values().forEach(WardenServer::close);
        if (jetty != null) {
            jetty.stop();
        }
    }

    /** Paths the policies decide in every way: allowed, denied by a statement, matched by nothing. */
    private static final List<String> BASES = List.of("/workspaces/w1/channels/c1", "/workspaces/w1/channels",
            "/workspaces/w1/connectors/k1", "/files/report.pdf", "/workspaces/w2/channels/c9/messages", "/admin/users");
    /** Pieces a well-formed segment may hold: a mutation with one of these keeps the request well formed. */
    private static final List<String> HARMLESS = List.of("%41", "~", "%7e", "@", "+", "=", ":", "$", "-", "_", ".x", "*");

    /**
     * The seeded random targets: one of {@link #BASES} with pieces of the bypass shapes glued into,
     * before or after its segments, or put between them; a quarter only with harmless pieces.
     */
    static List<String> randomTargets(long seed, int count) {
        Random r = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < count) {
            List<String> segs = new ArrayList<>(List.of(BASES.get(r.nextInt(BASES.size())).substring(1).split("/")));
            List<String> pieces = r.nextInt(4) == 0 ? HARMLESS : PIECES;
            int mutations = 1 + r.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                int at = r.nextInt(segs.size());
                String piece = pieces.get(r.nextInt(pieces.size()));
                switch (r.nextInt(5)) {
                    case 0 -> segs.add(at, piece);
                    case 1 -> segs.set(at, segs.get(at) + piece);
                    case 2 -> segs.set(at, piece + segs.get(at));
                    case 3 -> segs.set(at, SEGMENTS.get(r.nextInt(SEGMENTS.size())));
                    default -> segs.set(at, segs.get(at).substring(0, segs.get(at).length() / 2) + piece
                            + segs.get(at).substring(segs.get(at).length() / 2));
                }
            }
            StringBuilder t = new StringBuilder();
            switch (r.nextInt(20)) {
                case 0 -> t.append("http://127.0.0.1/");
                case 1 -> { }   // no leading slash
                default -> t.append('/');
            }
            t.append(String.join("/", segs));
            switch (r.nextInt(8)) {
                case 0 -> t.append('/');
                case 1 -> t.append('?').append(PIECES.get(r.nextInt(PIECES.size())));
                case 2 -> t.append('#').append(SEGMENTS.get(r.nextInt(SEGMENTS.size())));
                default -> { }
            }
            out.add(t.toString());
        }
        return List.copyOf(out);
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String t : CORPUS) {
            for (String m : List.of("GET", "DELETE", "POST")) {
                cases.add(new Case(m, t, READER_KEY, List.of()));
                cases.add(new Case(m, t, ADMIN_KEY, List.of()));
            }
            cases.add(new Case("get", t, ADMIN_KEY, List.of()));
        }
        List<String> methods = List.of("GET", "DELETE");
        int i = 0;
        for (String t : randomTargets(SEED, RANDOM_TARGETS)) {
            cases.add(new Case(methods.get(i % 2), t, i % 3 == 0 ? ADMIN_KEY : READER_KEY, List.of()));
            i++;
        }
        return cases;
    }

    @Test
    void everyEntryPointDecidesEveryTargetAlike() throws Exception {
        List<Case> cases = cases();
        // warden eval, in-process, on every case at once: the reference
        // and, after them, on what a server reads from each request line that differs (an absolute-form target's path)
        List<Case> reads = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (Case c : cases) {
            input.append(c.evalLine()).append('\n');
        }
        for (Case c : cases) {
            String read = GatewayEndToEnd.originForm(c.target());
            if (!read.equals(c.target())) {
                Case r = new Case(c.method(), read, c.key(), c.headers());
                reads.add(r);
                input.append(r.evalLine()).append('\n');
            }
        }
        Map<Entry, List<Outcome>> answers = new EnumMap<>(Entry.class);
        CliRun eval;
        ExecutorService pool = Executors.newFixedThreadPool(Entry.values().length + 1);
        try {
            Future<CliRun> evaluated = pool.submit(() -> CliRun.withInput(input.toString(), "eval", "--policies", policies.toString()));
            Map<Entry, Future<List<Outcome>>> running = new EnumMap<>(Entry.class);
            for (Entry e : Entry.values()) {
                running.put(e, pool.submit(() -> run(e, cases)));
            }
            for (Entry e : Entry.values()) {
                answers.put(e, running.get(e).get());
            }
            eval = evaluated.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(eval.err()).isEmpty();
        String[] evalLines = eval.out().split("\n", -1);
        assertThat(evalLines).hasSize(cases.size() + reads.size() + 1);
        int nextRead = cases.size();

        List<String> differences = new ArrayList<>();
        int allowed = 0;
        int malformed = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode decision = JSON.readTree(evalLines[i]);
            String reason = decision.get("reason").asText();
            int status = statusOf(reason);
            allowed += status == 200 ? 1 : 0;
            malformed += status == 400 ? 1 : 0;
            // the same form over HTTP answers exactly eval's line
            Outcome decide = answers.get(Entry.DECIDE).get(i);
            if (!decide.body().equals(evalLines[i] + "\n")) {
                differences.add(c + ": /v1/decide answered `" + decide.body().strip() + "`, eval `" + evalLines[i] + "`");
            }
            String read = GatewayEndToEnd.originForm(c.target());
            String readReason = read.equals(c.target()) ? reason : JSON.readTree(evalLines[nextRead++]).get("reason").asText();
            Map<Entry, Outcome> outcomes = new EnumMap<>(Entry.class);
            for (Entry e : Entry.values()) {
                outcomes.put(e, answers.get(e).get(i));
            }
            compare(c, reason, readReason, outcomes, differences);
        }
        assertThat(differences).as("entry points that decided differently (of %d cases)", cases.size()).isEmpty();
        // the corpus reaches every kind of answer
        assertThat(allowed).isGreaterThan(100);
        assertThat(malformed).isGreaterThan(cases.size() / 3);
        assertThat(cases.size() - allowed - malformed).isGreaterThan(100);
    }

    /**
     * Compares the forward-auth answers and the filter's for one case with the reference
     * decision: {@code reason} for the target as sent (the headers), {@code readReason} for the
     * target a server reads from a request line (the Envoy prefix, the filter).
     */
    private void compare(Case c, String reason, String readReason, Map<Entry, Outcome> outcomes, List<String> differences) {
        int status = statusOf(reason);
        for (Entry e : List.of(Entry.NGINX, Entry.TRAEFIK, Entry.CADDY)) {
            Outcome o = outcomes.get(e);
            if (o.status() != status || !o.reason().equals(reason)) {
                differences.add(c + ": " + e + " answered " + o.status() + " " + o.reason() + ", eval " + status + " " + reason);
            }
            if (o.status() == 200) {
                checkBackendReading(c, c.target(), e, differences);
            }
        }
        String read = GatewayEndToEnd.originForm(c.target());
        for (Entry e : List.of(Entry.ENVOY, Entry.GRPC, Entry.FILTER)) {
            Outcome o = outcomes.get(e);
            if ((e == Entry.ENVOY || e == Entry.GRPC) && !read.startsWith("/")) {
                continue; // Envoy's path is always origin-form
            }
            // the filter names no reason on an allow
            String oReason = e == Entry.FILTER && o.status() == 200 ? "allowed" : o.reason();
            String entryRead = read;
            String entryReason = readReason;
            if (e == Entry.FILTER && !o.seen().isEmpty() && !o.seen().equals(withoutQuery(read))) {
                // Jetty read the request line otherwise (`http:/x` as `/x`): the filter decides on what the
                // application is given, and so must the library
                entryRead = o.seen();
                entryReason = referenceGate.check(c.method(), entryRead, List.of("AccessKey " + c.key())).reason();
            }
            int entryStatus = statusOf(entryReason);
            // Jetty refuses a request line it cannot parse (`{`, a bad escape, an absolute-form target whose
            // host it does not take) with its own 400 before Warden sees it: a deny of a request Warden
            // denies too, of one no URI parser reads, or of one whose authority Jetty refuses
            boolean containerRefused = o.status() == 400 && o.reason().isEmpty() && o.seen().isEmpty()
                    && (entryStatus != 200 || GatewayEndToEnd.backendReading(entryRead).isEmpty()
                            || !read.equals(c.target()));
            boolean same = o.status() == entryStatus && oReason.equals(entryReason);
            if (!same && !containerRefused) {
                differences.add(c + ": " + e + " answered " + o.status() + " " + (o.reason().isEmpty() ? "(by Jetty)" : o.reason())
                        + ", eval on `" + entryRead + "` " + entryStatus + " " + entryReason);
            }
            if (o.status() == 200) {
                checkBackendReading(c, entryRead, e, differences);
                if (e == Entry.FILTER) {
                    String expected = c.method() + " " + ResourcePath.ofHttpPath(entryRead).canonical();
                    if (!o.body().equals(expected)) {
                        differences.add(c + ": the servlet ran `" + o.body() + "` after the filter allowed `" + expected + "`");
                    }
                }
            }
        }
    }

    private static String withoutQuery(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /**
     * The same comparison on targets Jazzer makes (printable ASCII and single bytes above it, as a
     * request line and a header carry them), against the library's decision ({@link Gate}, which
     * {@code warden eval} agrees with above). The default test run replays {@code
     * src/test/resources/dev/warden/cli/EntryPointDifferentialTestInputs}; {@code JAZZER_FUZZ=1}
     * fuzzes.
     */
    @FuzzTest(maxDuration = "5m")
    void entryPoints(FuzzedDataProvider data) throws IOException {
        String method = data.pickValue(List.of("GET", "DELETE", "POST", "PUT", "get"));
        String key = data.consumeBoolean() ? READER_KEY : ADMIN_KEY;
        StringBuilder t = new StringBuilder();
        for (char ch : data.consumeRemainingAsString().toCharArray()) {
            if ((ch > ' ' && ch < 0x7F) || (ch >= 0xA0 && ch <= 0xFF)) {
                t.append(ch);
            }
        }
        Case c = new Case(method, t.length() == 0 ? "/" : t.toString(), key, List.of());
        List<String> auth = List.of("AccessKey " + key);
        String reason = referenceGate.check(c.method(), c.target(), auth).reason();
        String readReason = referenceGate.check(c.method(), GatewayEndToEnd.originForm(c.target()), auth).reason();
        Map<Entry, Outcome> outcomes = new EnumMap<>(Entry.class);
        // Jazzer's SSRF detector: this target connects to this test's own servers on loopback only
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections(
                (host, port) -> host.equals("localhost") || host.equals("127.0.0.1"))) {
            for (Entry e : List.of(Entry.NGINX, Entry.TRAEFIK, Entry.CADDY, Entry.ENVOY, Entry.GRPC, Entry.FILTER)) {
                outcomes.put(e, run(e, List.of(c)).get(0));
            }
        }
        List<String> differences = new ArrayList<>();
        compare(c, reason, readReason, outcomes, differences);
        assertThat(differences).isEmpty();
    }

    /** Method-override headers: 400 at every forward-auth entry point and in the filter, whatever the target. */
    @Test
    void aMethodOverrideHeaderIsRefusedByEveryForwardAuthEntryPoint() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String h : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "x-http-method-override")) {
            for (String m : List.of("GET", "DELETE", "POST")) {
                cases.add(new Case("GET", "/workspaces/w1/channels", READER_KEY, List.of(h + ": " + m)));
                cases.add(new Case("POST", "/workspaces/w1/channels", READER_KEY, List.of(h + ": " + m)));
                cases.add(new Case("GET", "/workspaces/w1/connectors/k1", ADMIN_KEY, List.of(h + ": " + m)));
            }
        }
        // the filter too: the application behind it might honour the header after the filter
        for (Entry e : List.of(Entry.NGINX, Entry.TRAEFIK, Entry.CADDY, Entry.ENVOY, Entry.GRPC, Entry.FILTER)) {
            List<Outcome> outcomes = run(e, cases);
            for (int i = 0; i < cases.size(); i++) {
                assertThat(List.of(outcomes.get(i).status(), outcomes.get(i).reason()))
                        .as("%s %s", e, cases.get(i)).isEqualTo(List.of(400, "malformed_request"));
            }
        }
    }

    private static int statusOf(String reason) {
        return switch (reason) {
            case "allowed" -> 200;
            case "malformed_request", "invalid_request" -> 400;
            default -> 403;
        };
    }

    /** A 200 only where a backend built on java.net.URI reads the path Warden decided on. */
    private static void checkBackendReading(Case c, String target, Entry e, List<String> differences) {
        String canonical = ResourcePath.ofHttpPath(target).canonical();
        GatewayEndToEnd.backendReading(target).ifPresent(p -> {
            if (!p.equals(canonical)) {
                differences.add(c + ": " + e + " allowed `" + canonical + "`, a backend reads `" + p + "`");
            }
        });
    }

    private List<Outcome> run(Entry e, List<Case> cases) throws IOException {
        if (e == Entry.GRPC) {
            return runGrpc(cases);
        }
        int port = switch (e) {
            case NGINX -> servers.get(ForwardAuth.NGINX).port();
            case DECIDE -> servers.get(ForwardAuth.NGINX).adminPort().getAsInt();
            case TRAEFIK -> servers.get(ForwardAuth.TRAEFIK).port();
            case CADDY -> servers.get(ForwardAuth.CADDY).port();
            case ENVOY -> servers.get(ForwardAuth.ENVOY).port();
            case FILTER -> filterPort;
            case GRPC -> throw new IllegalStateException(e.name());
        };
        List<Outcome> out = new ArrayList<>(cases.size());
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            for (Case c : cases) {
                List<String> h = new ArrayList<>();
                KeepAliveHttp.Answer a;
                switch (e) {
                    case NGINX -> {
                        // auth_request: the subrequest has the original method and the client's headers
                        h.add("X-Original-Method: " + c.method());
                        h.add("X-Original-URI: " + c.target());
                        h.add("Authorization: AccessKey " + c.key());
                        h.addAll(c.headers());
                        a = http.send(c.method(), "/v1/authz", h, null);
                    }
                    case TRAEFIK -> {
                        h.addAll(traefikHeaders(c));
                        a = http.send("GET", "/v1/authz", h, null);
                    }
                    case CADDY -> {
                        h.add("Authorization: AccessKey " + c.key());
                        h.addAll(c.headers());
                        h.add("X-Forwarded-For: 127.0.0.1");
                        h.add("X-Forwarded-Proto: http");
                        h.add("X-Forwarded-Host: 127.0.0.1:8000");
                        h.add("X-Forwarded-Method: " + c.method());
                        h.add("X-Forwarded-Uri: " + c.target());
                        a = http.send("GET", "/v1/authz", h, null);
                    }
                    case ENVOY -> {
                        String read = GatewayEndToEnd.originForm(c.target());
                        if (!read.startsWith("/")) {
                            out.add(new Outcome(0, "", "", ""));
                            continue;
                        }
                        h.add("Authorization: AccessKey " + c.key());
                        h.addAll(c.headers());
                        h.add("x-forwarded-proto: http");
                        h.add("x-request-id: 7d1f0c52-6a3b-4a47-9a8e-5d0f3f1b2c11");
                        a = http.send(c.method(), "/v1/authz/envoy" + read, h, null);
                    }
                    case FILTER -> {
                        h.add("Authorization: AccessKey " + c.key());
                        h.addAll(c.headers());
                        a = http.send(c.method(), c.target(), h, null);
                    }
                    case DECIDE -> a = http.send("POST", "/v1/decide", List.of("Content-Type: application/json"), c.evalLine());
                    default -> throw new IllegalStateException(e.name());
                }
                out.add(new Outcome(a.status(), a.header("X-Warden-Reason"), a.body(),
                        new String(Base64.getDecoder().decode(a.header(SEEN)), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** The cases through the gRPC service: Envoy's origin-form path, the client's headers in lower case. */
    private List<Outcome> runGrpc(List<Case> cases) {
        io.grpc.ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                .forAddress("127.0.0.1", servers.get(ForwardAuth.ENVOY).envoyGrpcPort().getAsInt()).usePlaintext().build();
        List<Outcome> out = new ArrayList<>(cases.size());
        try {
            var envoy = io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc.newBlockingStub(channel);
            for (Case c : cases) {
                String read = GatewayEndToEnd.originForm(c.target());
                if (!read.startsWith("/")) {
                    out.add(new Outcome(0, "", "", ""));
                    continue;
                }
                io.envoyproxy.envoy.service.auth.v3.CheckRequest request = EnvoyCheck.request(c.method(), read,
                        "AccessKey " + c.key());
                var http = request.getAttributes().getRequest().getHttp().toBuilder();
                for (String h : c.headers()) {
                    int colon = h.indexOf(':');
                    http.putHeaders(h.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).strip());
                }
                var answer = envoy.check(request.toBuilder().setAttributes(request.getAttributes().toBuilder()
                        .setRequest(request.getAttributes().getRequest().toBuilder().setHttp(http))).build());
                var headers = answer.hasOkResponse() ? answer.getOkResponse().getHeadersList()
                        : answer.getDeniedResponse().getHeadersList();
                String reason = "";
                for (var h : headers) {
                    if (h.getHeader().getKey().equals("X-Warden-Reason")) {
                        reason = h.getHeader().getValue();
                    }
                }
                int status = answer.hasOkResponse() ? 200 : answer.getDeniedResponse().getStatus().getCodeValue();
                out.add(new Outcome(status, reason, "", ""));
            }
        } finally {
            channel.shutdownNow();
        }
        return out;
    }

    /**
     * The headers Traefik ForwardAuth sends (trustForwardHeader false, no authRequestHeaders):
     * every header of the client (its Authorization, and whatever else it chose to send), then
     * X-Forwarded-For, -Method, -Proto, -Host and -Uri set by Traefik itself.
     */
    static List<String> traefikHeaders(Case c) {
        List<String> h = new ArrayList<>();
        h.add("Authorization: AccessKey " + c.key());
        h.add("User-Agent: curl/8.5.0");
        h.add("Accept: */*");
        h.addAll(c.headers());
        h.add("X-Forwarded-For: 127.0.0.1");
        h.add("X-Forwarded-Method: " + c.method());
        h.add("X-Forwarded-Proto: http");
        h.add("X-Forwarded-Host: 127.0.0.1:8000");
        h.add("X-Forwarded-Uri: " + c.target());
        return h;
    }
}
