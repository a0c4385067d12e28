package dev.warden.benchmarks;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionKey;
import dev.warden.core.ConditionValue;
import dev.warden.core.Effect;
import dev.warden.core.IpRange;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded fleet modelled on the Bird API, the one workload every engine is measured on.
 *
 * <p>The fleet has {@value #SHARED_POLICIES} shared policies that use {@code *} for the workspace
 * (guardrails, support, webhooks, IAM), and then workspaces, each with five policies that name it
 * literally: {@code reader}, {@code sender}, {@code channel-admin}, {@code connector-admin} and
 * {@code auditor}. Workspaces are grouped into organisations of about &radic;workspaces each. Roles:
 * per workspace {@code member} (reader, sender), {@code admin} (reader, sender, both admins) and
 * {@code audit}; per organisation {@code org-admin} (both admin policies of every workspace in it);
 * shared {@code guardrails}, {@code support}, {@code webhooks}. Access keys hold one to three roles:
 * per workspace a member, an admin and an auditor key, per organisation an org-admin key, and two
 * support keys. A fleet of {@code N} policies has {@code (N - 5) / 5} workspaces, so exactly
 * {@code N} policies for the scales benchmarked, and about ten patterns per policy.
 *
 * <p>Patterns use literal, {@code *} and {@code **} segments only: every peer can express those
 * exactly, so every engine decides the same thing. Requests are concrete paths of the Bird
 * endpoint tree (the one of {@code conformance/08-generated-json}): about half allowed, about 3%
 * malformed, drawn from every kind of key. Everything is a pure function of the scale and the seed.
 */
public final class Workload {
    /** The seed every benchmark uses. */
    public static final long SEED = 0x5eed_b12dL;
    /** Policies that use {@code *} for the workspace. */
    public static final int SHARED_POLICIES = 5;
    /** Share of malformed requests, per mille. */
    static final int MALFORMED_PER_MILLE = 30;

    static final String[] ACTIONS = {"view", "create", "update", "delete"};

    private final int scale;
    private final long seed;
    private final PolicySet policySet;
    private final List<Key> keys;
    private final String[] workspaces;
    private final int patternCount;
    private Authorizer reference;

    /** A key kind and the share of requests it makes, in percent. */
    public enum KeyKind {
        MEMBER(40), ADMIN(20), AUDITOR(15), ORG_ADMIN(15), SUPPORT(10);

        final int share;

        KeyKind(int share) {
            this.share = share;
        }
    }

    /**
     * An access key: its id, its roles, and the one {@link Principal} object a gateway would keep
     * for it (Warden memoises the key's resolved policies inside it).
     *
     * @param index the key's position in {@link #keys()}, for engines that keep per-key state
     * @param workspace the key's own workspace, or null for support keys
     * @param organisation the workspaces of the key's organisation (org-admin keys), else empty
     */
    public record Key(int index, String id, KeyKind kind, List<String> roles, Principal principal,
                      String workspace, List<String> organisation) {}

    /**
     * One request of a stream: Warden's request, and where its key is in the fleet.
     *
     * @param key the access key's index in {@link Workload#keys()}, for engines that keep per-key state
     * @param request the request: the key's reused principal object (its id is the key's id), one
     *     of view, create, update, delete, and the raw resource path (may be malformed)
     */
    public record Request(int key, AccessRequest.OnResource request) {}

    private Workload(int scale, long seed) {
        if (scale < 10) {
            throw new IllegalArgumentException("scale must be at least 10 policies: " + scale);
        }
        this.scale = scale;
        this.seed = seed;
        int workspaceCount = (scale - SHARED_POLICIES) / 5;
        this.workspaces = new String[workspaceCount];
        for (int w = 0; w < workspaceCount; w++) {
            workspaces[w] = String.format("ws-%06d", w);
        }
        PolicySet.Builder b = PolicySet.builder();
        int[] patterns = {0};
        for (Policy p : sharedPolicies()) {
            add(b, p, patterns);
        }
        for (String w : workspaces) {
            for (Policy p : workspacePolicies(w)) {
                add(b, p, patterns);
            }
        }
        this.patternCount = patterns[0];
        List<Role> roles = new ArrayList<>();
        roles.add(new Role("guardrails", List.of("guardrails", "no-media-delete")));
        roles.add(new Role("support", List.of("support-read", "iam-viewer")));
        roles.add(new Role("webhooks", List.of("webhook-admin")));
        List<Key> ks = new ArrayList<>();
        for (String w : workspaces) {
            roles.add(new Role(w + "-member", List.of(w + "-reader", w + "-sender")));
            roles.add(new Role(w + "-admin", List.of(w + "-reader", w + "-sender", w + "-channel-admin", w + "-connector-admin")));
            roles.add(new Role(w + "-audit", List.of(w + "-auditor")));
            ks.add(key(ks.size(), "ak-" + w + "-member", KeyKind.MEMBER, List.of(w + "-member", "guardrails"), w, List.of()));
            ks.add(key(ks.size(), "ak-" + w + "-admin", KeyKind.ADMIN, List.of(w + "-admin", "guardrails", "webhooks"), w, List.of()));
            ks.add(key(ks.size(), "ak-" + w + "-auditor", KeyKind.AUDITOR, List.of(w + "-audit"), w, List.of()));
        }
        int orgSize = Math.max(1, (int) Math.round(Math.sqrt(workspaceCount)));
        for (int start = 0, o = 0; start < workspaceCount; start += orgSize, o++) {
            String org = String.format("org-%04d", o);
            List<String> members = List.of(Arrays.copyOfRange(workspaces, start, Math.min(workspaceCount, start + orgSize)));
            List<String> policies = new ArrayList<>();
            for (String w : members) {
                policies.add(w + "-channel-admin");
                policies.add(w + "-connector-admin");
            }
            roles.add(new Role(org + "-admin", policies));
            ks.add(key(ks.size(), "ak-" + org + "-admin", KeyKind.ORG_ADMIN, List.of(org + "-admin", "guardrails"), members.get(0), members));
        }
        ks.add(key(ks.size(), "ak-support-1", KeyKind.SUPPORT, List.of("support", "guardrails"), null, List.of()));
        ks.add(key(ks.size(), "ak-support-2", KeyKind.SUPPORT, List.of("support", "webhooks", "guardrails"), null, List.of()));
        for (Role r : roles) {
            b.add(r);
        }
        this.policySet = b.build();
        this.keys = List.copyOf(ks);
    }

    private static void add(PolicySet.Builder b, Policy p, int[] patterns) {
        b.add(p);
        for (Statement s : p.statements()) {
            patterns[0] += s.resources().size();
        }
    }

    private static Key key(int index, String id, KeyKind kind, List<String> roles, String workspace, List<String> org) {
        return new Key(index, id, kind, roles, Principal.builder(id).roles(roles).build(), workspace, org);
    }

    /** The fleet of {@code scale} policies for {@link #SEED}. */
    public static Workload of(int scale) {
        return of(scale, SEED);
    }

    public static Workload of(int scale, long seed) {
        return new Workload(scale, seed);
    }

    public int scale() {
        return scale;
    }

    public PolicySet policySet() {
        return policySet;
    }

    public List<Key> keys() {
        return keys;
    }

    /** The number of resource patterns over all statements of all policies. */
    public int patternCount() {
        return patternCount;
    }

    /** The pattern count of the fleet of {@code scale} policies, without building it. */
    public static int patternCountOf(int scale) {
        return count(sharedPolicies()) + (scale - SHARED_POLICIES) / 5 * count(workspacePolicies("ws-000000"));
    }

    /** The patterns an organisation-admin key holds (its first organisation's), at a scale. */
    public static int orgAdminPatternsOf(int scale) {
        int workspaces = (scale - SHARED_POLICIES) / 5;
        int orgSize = Math.min(workspaces, Math.max(1, (int) Math.round(Math.sqrt(workspaces))));
        List<Policy> ws = workspacePolicies("ws-000000");
        List<Policy> shared = sharedPolicies();
        return orgSize * count(ws.subList(2, 4)) + count(shared.subList(0, 2));
    }

    private static int count(List<Policy> policies) {
        int n = 0;
        for (Policy p : policies) {
            for (Statement s : p.statements()) {
                n += s.resources().size();
            }
        }
        return n;
    }

    /** Warden's decision, the reference every other engine must agree with. */
    public boolean expected(Request r) {
        return reference().decide(r.request()).allowed();
    }

    /** Warden without a cache on this fleet, built once: the reference, and the WARDEN engine. */
    synchronized Authorizer reference() {
        if (reference == null) {
            reference = Authorizer.builder().noCache().build(policySet);
        }
        return reference;
    }

    /**
     * The same fleet with one workspace policy changed (one more pattern in the middle workspace's
     * reader): what a reload after one edit compiles.
     */
    public PolicySet withOnePolicyChanged() {
        String w = workspaces[workspaces.length / 2];
        String changed = w + "-reader";
        PolicySet.Builder b = PolicySet.builder();
        for (Policy p : policySet.policies()) {
            if (p.name().equals(changed)) {
                List<Statement> st = new ArrayList<>(p.statements());
                st.add(Statement.of(Effect.ALLOW, List.of("view"), List.of("/workspaces/" + w + "/messages")));
                b.add(new Policy(p.name(), p.description(), st));
            } else {
                b.add(p);
            }
        }
        for (Role r : policySet.roles()) {
            b.add(r);
        }
        return b.build();
    }

    /** The conditions {@link #withConditions} gives statements, in turn. */
    private static final List<Condition> CONDITIONS = List.of(
            Condition.of(new Clause(ConditionKey.parse("context.ip"), Clause.Operator.IN, new ConditionValue.Ranges(
                    List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.168.0.0/16"))))),
            Condition.allOf(List.of(
                    new Clause(ConditionKey.parse("context.time"), Clause.Operator.LESS, new ConditionValue.Timestamp(
                            java.time.Instant.parse("2027-01-01T00:00:00Z"), "2027-01-01T00:00:00Z")),
                    new Clause(ConditionKey.parse("principal.team"), Clause.Operator.IN,
                            new ConditionValue.TextList(List.of("ops", "support"))))),
            Condition.of(new Clause(ConditionKey.parse("context.mfa"), Clause.Operator.EQUALS, new ConditionValue.Text("true"))));

    /**
     * The set with a condition on about a tenth of its statements: those whose policy name and
     * index hash to 0 modulo 10 (so that a statement keeps its condition whatever else changes),
     * each one of three conditions over {@code context.ip}, {@code context.time} and {@code
     * principal.team}, or {@code context.mfa}.
     */
    public static PolicySet withConditions(PolicySet set) {
        PolicySet.Builder b = PolicySet.builder();
        set.declaredActions().forEach(b::declareAction);
        for (Policy p : set.policies()) {
            List<Statement> st = new ArrayList<>();
            for (int i = 0; i < p.statements().size(); i++) {
                Statement s = p.statements().get(i);
                int h = Math.floorMod((p.name() + "#" + i).hashCode(), 30);
                st.add(h % 10 == 0 ? s.when(CONDITIONS.get(h / 10)) : s);
            }
            b.add(new Policy(p.name(), p.description(), st));
        }
        set.roles().forEach(b::add);
        return b.build();
    }

    // ---------------------------------------------------------------------------------------------
    // Policies

    private static Statement allow(List<String> actions, String... patterns) {
        return Statement.of(Effect.ALLOW, actions, List.of(patterns));
    }

    private static Statement deny(List<String> actions, String... patterns) {
        return Statement.of(Effect.DENY, actions, List.of(patterns));
    }

    private static final List<String> VIEW = List.of("view");
    private static final List<String> ANY = List.of("any");

    static List<Policy> sharedPolicies() {
        String ws = "/workspaces/*";
        return List.of(
                new Policy("guardrails", "no one deletes connector status or edits IAM through a key", List.of(
                        deny(List.of("delete"), ws + "/connectors/*/status"),
                        deny(List.of("update", "delete"), "/organizations/*/iam-policies", "/organizations/*/iam-policies/**"))),
                new Policy("no-media-delete", "", List.of(
                        deny(List.of("delete"), ws + "/channels/*/media/**", ws + "/messages/*/media/**"))),
                new Policy("support-read", "support reads everything but contacts", List.of(
                        allow(VIEW, ws + "/channels", ws + "/channels/*", ws + "/channels/*/messages",
                                ws + "/channels/*/messages/*", ws + "/conversations", ws + "/conversations/*",
                                ws + "/conversations/*/messages", ws + "/connectors", ws + "/connectors/*",
                                ws + "/connectors/*/status"),
                        deny(VIEW, ws + "/contacts", ws + "/contacts/**"))),
                new Policy("iam-viewer", "", List.of(
                        allow(VIEW, "/organizations/*/iam-policies", "/organizations/*/iam-policies/*",
                                "/organizations/*/workspaces", "/organizations/*/workspaces/*"))),
                new Policy("webhook-admin", "", List.of(
                        allow(ANY, "/organizations/*/workspaces/*/webhook-subscriptions",
                                "/organizations/*/workspaces/*/webhook-subscriptions/**"),
                        deny(List.of("delete"), "/organizations/*/workspaces/*/webhook-subscriptions/*/logs"))));
    }

    static List<Policy> workspacePolicies(String w) {
        String ws = "/workspaces/" + w;
        return List.of(
                new Policy(w + "-reader", "", List.of(
                        allow(VIEW, ws + "/channels", ws + "/channels/*", ws + "/channels/*/messages",
                                ws + "/channels/*/messages/*", ws + "/conversations", ws + "/conversations/*",
                                ws + "/conversations/*/messages", ws + "/conversations/*/participants",
                                ws + "/contacts", ws + "/contacts/*", ws + "/connectors"))),
                new Policy(w + "-sender", "", List.of(
                        allow(List.of("create"), ws + "/channels/*/messages", ws + "/conversations/*/messages",
                                ws + "/channels/*/presigned-upload", ws + "/conversations"),
                        allow(List.of("create", "delete"), ws + "/conversations/*/participants/*"),
                        allow(List.of("update"), ws + "/channels/*/messages/*/interactions", ws + "/contacts/*"),
                        allow(VIEW, ws + "/channels/*/media/**", ws + "/messages/*/media/**", ws + "/channels/*/messages/*/interactions"))),
                new Policy(w + "-channel-admin", "", List.of(
                        allow(ANY, ws + "/channels", ws + "/channels/**", ws + "/messages", ws + "/messages/**"),
                        allow(VIEW, ws + "/conversations", ws + "/conversations/**", ws + "/contacts"),
                        deny(List.of("delete"), ws + "/channels/*/messages/*/interactions"),
                        deny(List.of("update", "delete"), ws + "/channels/*/presigned-upload"),
                        deny(List.of("create"), ws + "/messages/*/media/*"))),
                new Policy(w + "-connector-admin", "", List.of(
                        allow(ANY, ws + "/connectors", ws + "/connectors/**"),
                        allow(VIEW, ws + "/channels", ws + "/channels/*", ws + "/contacts/identifiers/**"),
                        allow(List.of("create", "update"), ws + "/channels/*"),
                        deny(List.of("update", "delete"), ws + "/connectors/*/status", ws + "/channels/*/media/**"),
                        deny(ANY, ws + "/connectors/*/secrets", ws + "/connectors/*/secrets/**"))),
                new Policy(w + "-auditor", "", List.of(
                        allow(VIEW, ws + "/**", "/organizations/*/workspaces/" + w,
                                "/organizations/*/workspaces/" + w + "/webhook-subscriptions",
                                "/organizations/*/workspaces/" + w + "/webhook-subscriptions/**"),
                        deny(VIEW, ws + "/contacts", ws + "/contacts/**", ws + "/connectors/*/secrets",
                                ws + "/connectors/*/secrets/**", ws + "/messages/*/media/*"))));
    }

    // ---------------------------------------------------------------------------------------------
    // Requests

    /** The endpoint tree of the Bird API: a template per endpoint, {@code {x}} for an id. */
    static final String[] ENDPOINTS = {
        "/workspaces/{w}/channels",
        "/workspaces/{w}/channels/{ch}",
        "/workspaces/{w}/channels/{ch}/messages",
        "/workspaces/{w}/channels/{ch}/messages/{m}",
        "/workspaces/{w}/channels/{ch}/messages/{m}/interactions",
        "/workspaces/{w}/channels/{ch}/presigned-upload",
        "/workspaces/{w}/channels/{ch}/media/{md}",
        "/workspaces/{w}/messages",
        "/workspaces/{w}/messages/{m}",
        "/workspaces/{w}/messages/{m}/media/{md}",
        "/workspaces/{w}/conversations",
        "/workspaces/{w}/conversations/{cv}",
        "/workspaces/{w}/conversations/{cv}/messages",
        "/workspaces/{w}/conversations/{cv}/participants",
        "/workspaces/{w}/conversations/{cv}/participants/{pa}",
        "/workspaces/{w}/connectors",
        "/workspaces/{w}/connectors/{k}",
        "/workspaces/{w}/connectors/{k}/status",
        "/workspaces/{w}/connectors/{k}/secrets",
        "/workspaces/{w}/contacts",
        "/workspaces/{w}/contacts/{c}",
        "/workspaces/{w}/contacts/identifiers/{idk}/{idv}",
        "/organizations/{o}/workspaces",
        "/organizations/{o}/workspaces/{w}",
        "/organizations/{o}/workspaces/{w}/webhook-subscriptions",
        "/organizations/{o}/workspaces/{w}/webhook-subscriptions/{s}",
        "/organizations/{o}/workspaces/{w}/webhook-subscriptions/{s}/logs",
        "/organizations/{o}/iam-policies",
        "/organizations/{o}/iam-policies/{ip}",
    };

    private static final Map<String, String[]> IDS = new LinkedHashMap<>();

    static {
        IDS.put("{ch}", new String[] {"sms-1", "whatsapp-eu", "email-main", "ch-0042", "telegram-7"});
        IDS.put("{m}", new String[] {"m1", "m2", "msg-9b1f", "msg-77aa", "msg-0001"});
        IDS.put("{md}", new String[] {"img1", "video-3", "doc-17.pdf"});
        IDS.put("{cv}", new String[] {"v1", "conv-5e2", "conv-001"});
        IDS.put("{pa}", new String[] {"p1", "+31612345678", "a@example.com"});
        IDS.put("{k}", new String[] {"k1", "k2", "salesforce", "hubspot-eu"});
        IDS.put("{c}", new String[] {"t1", "c-100", "c-200"});
        IDS.put("{idk}", new String[] {"phonenumber", "emailaddress"});
        IDS.put("{idv}", new String[] {"+31612345678", "a@example.com"});
        IDS.put("{s}", new String[] {"s1", "s2", "hook-9"});
        IDS.put("{ip}", new String[] {"ip1", "ip-admins"});
    }

    /**
     * {@code n} requests, uniform over key kinds and endpoints, with as many allowed as denied
     * among the well-formed ones and {@value #MALFORMED_PER_MILLE} per mille malformed.
     *
     * @param stream tells independent request sets of one fleet apart
     */
    public Request[] requests(int n, int stream) {
        return requests(n, stream, null);
    }

    /**
     * As {@link #requests(int, int)}, all made by keys of one kind, e.g. {@link KeyKind#ORG_ADMIN}:
     * the keys that hold the most patterns.
     */
    public Request[] requests(int n, int stream, KeyKind only) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + scale * 7919L + stream);
        Request[] out = new Request[n];
        int allowed = 0;
        int denied = 0;
        int malformedTarget = (int) ((long) n * MALFORMED_PER_MILLE / 1000);
        int wellFormed = n - malformedTarget;
        int i = 0;
        // Spread malformed requests evenly through the array.
        boolean[] malformedAt = new boolean[n];
        for (int m = 0; m < malformedTarget; m++) {
            malformedAt[(int) ((long) m * n / Math.max(1, malformedTarget))] = true;
        }
        while (i < n) {
            Request r = candidate(rnd, only);
            if (malformedAt[i]) {
                AccessRequest.OnResource q = r.request();
                out[i++] = new Request(r.key(),
                        new AccessRequest.OnResource(q.principal(), q.action(), malform(q.resource(), rnd)));
                continue;
            }
            boolean ok = expected(r);
            if (ok && allowed < (wellFormed + 1) / 2) {
                allowed++;
                out[i++] = r;
            } else if (!ok && denied < wellFormed / 2) {
                denied++;
                out[i++] = r;
            }
        }
        return out;
    }

    /**
     * A Zipf-skewed stream of {@code length} requests over a universe of {@code universe} distinct
     * requests (drawn as by {@link #requests}): rank {@code k} comes with probability
     * proportional to {@code 1/k}, what a gateway's hot keys and endpoints look like.
     */
    public Request[] zipfStream(int length, int universe) {
        Request[] distinct = requests(universe, 1);
        double[] cdf = new double[universe];
        double sum = 0;
        for (int k = 0; k < universe; k++) {
            sum += 1.0 / (k + 1);
            cdf[k] = sum;
        }
        SplittableRandom rnd = new SplittableRandom(seed * 17 + scale);
        Request[] out = new Request[length];
        for (int i = 0; i < length; i++) {
            double u = rnd.nextDouble() * sum;
            int k = Arrays.binarySearch(cdf, u);
            out[i] = distinct[k < 0 ? Math.min(universe - 1, -k - 1) : k];
        }
        return out;
    }

    private Request candidate(SplittableRandom rnd, KeyKind only) {
        Key key = pickKey(rnd, only);
        String own;
        if (key.kind() == KeyKind.ORG_ADMIN) {
            own = key.organisation().get(rnd.nextInt(key.organisation().size()));
        } else if (key.workspace() != null) {
            own = key.workspace();
        } else {
            own = workspaces[rnd.nextInt(workspaces.length)];
        }
        // Mostly the key's own workspace; sometimes another tenant's.
        String w = rnd.nextInt(10) < 8 ? own : workspaces[rnd.nextInt(workspaces.length)];
        String template = ENDPOINTS[rnd.nextInt(ENDPOINTS.length)];
        String path = fill(template, w, rnd);
        String action = ACTIONS[rnd.nextInt(10) < 4 ? 0 : rnd.nextInt(ACTIONS.length)];
        return new Request(key.index(), new AccessRequest.OnResource(key.principal(), action, path));
    }

    private Key pickKey(SplittableRandom rnd, KeyKind only) {
        int roll = rnd.nextInt(100);
        KeyKind kind = KeyKind.SUPPORT;
        int acc = 0;
        for (KeyKind k : KeyKind.values()) {
            acc += k.share;
            if (roll < acc) {
                kind = k;
                break;
            }
        }
        if (only != null) {
            kind = only;
        }
        int perWorkspace = workspaces.length * 3;
        int orgs = keys.size() - perWorkspace - 2;
        switch (kind) {
            case MEMBER:
                return keys.get(3 * rnd.nextInt(workspaces.length));
            case ADMIN:
                return keys.get(3 * rnd.nextInt(workspaces.length) + 1);
            case AUDITOR:
                return keys.get(3 * rnd.nextInt(workspaces.length) + 2);
            case ORG_ADMIN:
                return keys.get(perWorkspace + rnd.nextInt(orgs));
            default:
                return keys.get(keys.size() - 1 - rnd.nextInt(2));
        }
    }

    private static String fill(String template, String w, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                sb.append(template, i, template.length());
                break;
            }
            sb.append(template, i, open);
            int close = template.indexOf('}', open);
            String var = template.substring(open, close + 1);
            if (var.equals("{w}")) {
                sb.append(w);
            } else if (var.equals("{o}")) {
                sb.append("org-").append(rnd.nextInt(100));
            } else {
                String[] ids = IDS.get(var);
                sb.append(ids[rnd.nextInt(ids.length)]);
            }
            i = close + 1;
        }
        return sb.toString();
    }

    /** A malformed variant of a path, of the kinds docs/semantics.md lists. */
    private static String malform(String path, SplittableRandom rnd) {
        int cut = path.indexOf('/', 1);
        switch (rnd.nextInt(6)) {
            case 0:
                return path + "/";
            case 1:
                return path.substring(0, cut) + "/" + path.substring(cut);
            case 2:
                return path.substring(0, cut) + "/.." + path.substring(cut);
            case 3:
                return path + "/%zz";
            case 4:
                return path.substring(0, cut) + "/a%2Fb" + path.substring(cut);
            default:
                return path + "/caf\u00e9";
        }
    }
}
