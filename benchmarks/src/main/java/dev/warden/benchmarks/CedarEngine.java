package dev.warden.benchmarks;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.warden.benchmarks.Workload.Request;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cedar through cedar-java: one {@code permit} or {@code forbid} per statement, parsed once.
 *
 * <p>Entities: an access key {@code Key::"ak"} is in its roles {@code Role::"r"}, and a role in its
 * policies {@code Group::"p"} (Cedar's {@code in} is transitive); a statement of policy {@code p}
 * is scoped to {@code principal in Group::"p"}. The resource is built per call, as a service would:
 * {@code Resource::"<path>"} with attributes {@code path}, {@code depth} (the segment count) and
 * {@code p1}..{@code pN} (the path's first k segments).
 *
 * <p>Patterns: Cedar's {@code like} lets {@code *} match {@code /}, so each pattern carries a
 * segment-count guard. A pattern of {@code k} segments without {@code **} becomes {@code
 * resource.depth == k && resource.path like "..."}: with as many {@code /} in the pattern as in the
 * path, no {@code *} can eat one. A pattern of {@code k} segments and a final {@code **} becomes
 * {@code resource.depth > k && resource.pk like "..."} on the path's first {@code k} segments, for
 * the same reason. Forbid overrides permit, default deny: Warden's rule.
 *
 * <p>{@code cached}: {@link PolicySet#cache()} hands the set to the native side once; without it,
 * every call ships the whole set as JSON, which the native side parses again.
 */
final class CedarEngine implements Engine {
    private static final EntityTypeName KEY = EntityTypeName.parse("Key").orElseThrow();
    private static final EntityTypeName ROLE = EntityTypeName.parse("Role").orElseThrow();
    private static final EntityTypeName GROUP = EntityTypeName.parse("Group").orElseThrow();
    private static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();
    private static final EntityTypeName RESOURCE = EntityTypeName.parse("Resource").orElseThrow();

    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final PolicySet policies;
    private final EntityUID[] keyUids;
    private final Set<Entity>[] keyEntities;
    private final EntityUID[] actions;

    @SuppressWarnings("unchecked")
    CedarEngine(Workload w, boolean cached) {
        try {
            this.policies = PolicySet.parsePolicies(policyText(w));
            if (cached) {
                policies.cache();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cedar: cannot load the policies: " + e.getMessage(), e);
        }
        actions = new EntityUID[Workload.ACTIONS.length];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = ACTION.of(Workload.ACTIONS[i]);
        }
        Map<String, Entity> roleEntities = new HashMap<>();
        Map<String, Entity> groupEntities = new HashMap<>();
        for (Role r : w.policySet().roles()) {
            Set<EntityUID> parents = new HashSet<>();
            for (String p : r.policies()) {
                parents.add(GROUP.of(p));
                groupEntities.computeIfAbsent(p, n -> new Entity(GROUP.of(n)));
            }
            roleEntities.put(r.name(), new Entity(ROLE.of(r.name()), parents));
        }
        int n = w.keys().size();
        keyUids = new EntityUID[n];
        keyEntities = new Set[n];
        for (Workload.Key k : w.keys()) {
            EntityUID uid = KEY.of(k.id());
            Set<EntityUID> parents = new HashSet<>();
            Set<Entity> entities = new HashSet<>();
            for (String role : k.roles()) {
                parents.add(ROLE.of(role));
                Entity re = roleEntities.get(role);
                entities.add(re);
                for (EntityUID g : re.getParents()) {
                    entities.add(groupEntities.get(g.getId().toString()));
                }
            }
            entities.add(new Entity(uid, parents));
            keyUids[k.index()] = uid;
            keyEntities[k.index()] = Set.copyOf(entities);
        }
    }

    static String policyText(Workload w) {
        StringBuilder sb = new StringBuilder();
        for (Policy p : w.policySet().policies()) {
            for (Statement s : p.statements()) {
                sb.append(s.effect() == Effect.ALLOW ? "permit" : "forbid");
                sb.append("(principal in Group::\"").append(p.name()).append("\", ");
                if (s.coversAnyAction()) {
                    sb.append("action, ");
                } else {
                    sb.append("action in [");
                    boolean first = true;
                    for (String a : s.actions()) {
                        sb.append(first ? "" : ", ").append("Action::\"").append(a).append('"');
                        first = false;
                    }
                    sb.append("], ");
                }
                sb.append("resource) when { ");
                boolean first = true;
                for (ResourcePattern rp : s.resources()) {
                    sb.append(first ? "" : " || ").append(condition(rp.toString()));
                    first = false;
                }
                sb.append(" };\n");
            }
        }
        return sb.toString();
    }

    static String condition(String pattern) {
        int depth = pattern.split("/", -1).length - 1;
        if (pattern.endsWith("/**")) {
            int k = depth - 1;
            return "(resource.depth > " + k + " && resource.p" + k + " like \""
                    + pattern.substring(0, pattern.length() - 3) + "\")";
        }
        return "(resource.depth == " + depth + " && resource.path like \"" + pattern + "\")";
    }

    @Override
    public boolean allowed(Request r) {
        String path = Canonical.path(r.request().resource());
        int a = Canonical.action(r.request().action());
        if (path == null || a < 0) {
            return false;
        }
        Map<String, Value> attrs = new HashMap<>();
        attrs.put("path", new PrimString(path));
        int depth = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
                attrs.put("p" + depth, new PrimString(path.substring(0, i)));
            }
        }
        depth++;
        attrs.put("depth", new PrimLong(depth));
        EntityUID resource = RESOURCE.of(path);
        Set<Entity> entities = new HashSet<>(keyEntities[r.key()]);
        entities.add(new Entity(resource, attrs, Set.of()));
        try {
            AuthorizationResponse response = engine.isAuthorized(
                    new AuthorizationRequest(keyUids[r.key()], actions[a], resource, Map.of()), policies, entities);
            if (response.success.isEmpty()) {
                throw new IllegalStateException("cedar failed: " + response);
            }
            return response.success.get().isAllowed();
        } catch (com.cedarpolicy.model.exception.AuthException e) {
            throw new IllegalStateException("cedar failed: " + e.getMessage(), e);
        }
    }
}
