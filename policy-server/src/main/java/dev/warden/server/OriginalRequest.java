package dev.warden.server;

import dev.warden.gateway.HttpMapping;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;

/**
 * The original request of a forward-auth request, read from the one source its {@link
 * ForwardAuth} mode allows; anything ambiguous is a problem (answered 400 {@code
 * malformed_request}), never a guess.
 *
 * @param method the original method, empty when it could not be read
 * @param target the original target (path and query), empty when it could not be read
 * @param problem why the request cannot be decided, empty when method and target were read
 * @param misconfigured whether the problem is the gateway's configuration: it sent no
 *     original-request headers at all
 */
record OriginalRequest(String method, String target, String problem, boolean misconfigured) {
    static final String ORIGINAL_METHOD = "X-Original-Method";
    static final String ORIGINAL_URI = "X-Original-URI";
    static final String FORWARDED_METHOD = "X-Forwarded-Method";
    static final String FORWARDED_URI = "X-Forwarded-Uri";

    boolean ok() {
        return problem.isEmpty();
    }

    private static OriginalRequest problem(String method, String why) {
        return new OriginalRequest(method, "", why, false);
    }

    /** For {@code /v1/authz}: the method and target from the headers that {@code mode} reads. */
    static OriginalRequest fromHeaders(ForwardAuth mode, HttpFields headers) {
        if (mode == ForwardAuth.ENVOY) {
            return problem("", "forward auth in envoy mode is under `" + EnvoyEndpoint.PREFIX
                    + "/`, not `/v1/authz`");
        }
        boolean nginx = mode == ForwardAuth.NGINX;
        String methodHeader = nginx ? ORIGINAL_METHOD : FORWARDED_METHOD;
        String uriHeader = nginx ? ORIGINAL_URI : FORWARDED_URI;
        List<String> foreign = nginx ? List.of(FORWARDED_METHOD, FORWARDED_URI) : List.of(ORIGINAL_METHOD, ORIGINAL_URI);
        List<String> method = headers.getValuesList(methodHeader);
        List<String> uri = headers.getValuesList(uriHeader);
        String oneMethod = method.size() == 1 ? method.get(0) : "";
        for (String h : foreign) {
            if (headers.contains(h)) {
                return problem(oneMethod, "`" + h + "` on a forward-auth request in " + mode.word()
                        + " mode, which reads only `" + methodHeader + "` and `" + uriHeader
                        + "`: the client may have sent it");
            }
        }
        String override = override(headers);
        if (!override.isEmpty()) {
            return problem(oneMethod, override);
        }
        if (method.isEmpty() && uri.isEmpty()) {
            return new OriginalRequest("", "", "the gateway sent no original-request headers (`" + methodHeader + "`, `"
                    + uriHeader + "`): check its configuration and `--forward-auth " + mode.word() + "`", true);
        }
        if (method.size() > 1) {
            return problem("", "`" + methodHeader + "` sent " + method.size() + " times: the original request needs exactly one");
        }
        if (uri.size() > 1) {
            return problem(oneMethod, "`" + uriHeader + "` sent " + uri.size() + " times: the original request needs exactly one");
        }
        if (method.isEmpty()) {
            return problem("", "`" + uriHeader + "` without `" + methodHeader + "`");
        }
        if (uri.isEmpty()) {
            return problem(oneMethod, "`" + methodHeader + "` without `" + uriHeader + "`");
        }
        return new OriginalRequest(method.get(0), uri.get(0), "", false);
    }

    /**
     * For {@code /v1/authz/envoy/...}: the request's own method and target, refused when it also
     * carries a header that names an original request (Envoy sends none: a client did).
     */
    static OriginalRequest envoy(HttpFields headers, String method, String target) {
        for (String h : List.of(ORIGINAL_METHOD, ORIGINAL_URI, FORWARDED_METHOD, FORWARDED_URI)) {
            if (headers.contains(h)) {
                return problem(method, "`" + h + "` on a forward-auth request in envoy mode, which reads the method "
                        + "and path of the request itself: the client may have sent it");
            }
        }
        String override = override(headers);
        if (!override.isEmpty()) {
            return problem(method, override);
        }
        return new OriginalRequest(method, target, "", false);
    }

    private static String override(HttpFields headers) {
        for (String h : HttpMapping.METHOD_OVERRIDES) {
            if (headers.contains(h)) {
                return "`" + h + "` on a forward-auth request: a backend may run that method instead of the one decided";
            }
        }
        return "";
    }
}
