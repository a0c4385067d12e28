package dev.warden.cli;

import dev.warden.core.AccessRequest;
import dev.warden.core.Principal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The request of {@code check} and {@code explain}: a principal built from options, and either
 * {@code ACTION RESOURCE} or {@code --method M --path P}; before {@code ACTION RESOURCE}, unless
 * {@code --policies} names them, the policy PATHs ({@code warden check policies --principal a view
 * /w1}).
 */
final class RequestOptions {
    @Option(names = "--principal", required = true, paramLabel = "ID", description = "the principal's id")
    String principalId;

    @Option(names = "--role", paramLabel = "ROLE", description = "a role of the principal; repeatable")
    List<String> roles = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "a policy attached to the principal directly; repeatable")
    List<String> policies = new ArrayList<>();

    @Option(names = "--attribute", paramLabel = "KEY=VALUE",
            description = "an attribute of the principal, which a pattern reads as $${principal.KEY}; repeatable")
    List<String> attributes = new ArrayList<>();

    /** The name {@code --attribute} had before it was the same as {@code keys hash}'s; kept, hidden. */
    @Option(names = "--attr", paramLabel = "KEY=VALUE", hidden = true)
    List<String> attributesAsAttr = new ArrayList<>();

    @Option(names = "--context", paramLabel = "NAME=VALUE",
            description = "a value of the request's context, which a condition reads as context.NAME; repeatable")
    List<String> context = new ArrayList<>();

    @Option(names = "--method", paramLabel = "METHOD",
            description = "an HTTP method (GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE), with --path "
                    + "instead of ACTION RESOURCE")
    String method;

    @Option(names = "--path", paramLabel = "PATH",
            description = "an HTTP path, its query dropped (a `#` is malformed); with --method")
    String path;

    @Parameters(arity = "0..*", paramLabel = "ARG",
            description = "the policy PATHs (files or directories; unless --policies names them), then ACTION "
                    + "(view, create, update, delete or a declared one) and RESOURCE (e.g. /workspaces/w1/channels) "
                    + "unless --method and --path give the request")
    List<String> arguments = new ArrayList<>();

    private String action;
    private String resource;

    /** A request and the policy paths named among the arguments. */
    record Parsed(AccessRequest request, List<java.nio.file.Path> policyPaths) {}

    /**
     * The request these options describe, and the policy paths before it.
     *
     * @param policiesGiven whether {@code --policies} named the policies: then the arguments are the request only
     * @throws ParameterException (exit code 2) unless exactly one of the two forms is complete
     */
    Parsed parse(CommandLine cl, boolean policiesGiven) {
        boolean httpForm = method != null || path != null;
        int request = httpForm ? 0 : Math.min(2, arguments.size());
        if (policiesGiven) {
            if (arguments.size() > 2) {
                throw new ParameterException(cl, "unmatched argument `" + arguments.get(2)
                        + "`: --policies names the policies, so only ACTION RESOURCE may follow the options");
            }
            request = arguments.size();
        }
        List<String> rest = arguments.subList(arguments.size() - request, arguments.size());
        action = rest.size() > 0 ? rest.get(0) : null;
        resource = rest.size() > 1 ? rest.get(1) : null;
        AccessRequest r = request(cl);
        return new Parsed(r, arguments.subList(0, arguments.size() - request).stream().map(java.nio.file.Path::of).toList());
    }

    private AccessRequest request(CommandLine cl) {
        boolean positional = action != null || resource != null;
        boolean http = method != null || path != null;
        if (positional && http) {
            throw new ParameterException(cl, "give ACTION RESOURCE or --method and --path, not both");
        }
        if (!positional && !http) {
            throw new ParameterException(cl, "missing the request: give ACTION RESOURCE, or --method and --path");
        }
        if (principalId.isEmpty()) {
            throw new ParameterException(cl, "the principal id must not be empty");
        }
        Principal.Builder b = Principal.builder(principalId).roles(roles).policies(policies);
        List<String> allAttributes = new ArrayList<>(attributes);
        allAttributes.addAll(attributesAsAttr);
        for (String attr : allAttributes) {
            int eq = attr.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(cl, "--attribute takes KEY=VALUE, not `" + attr + "`");
            }
            b.attribute(attr.substring(0, eq), attr.substring(eq + 1));
        }
        Principal principal = b.build();
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String c : context) {
            int eq = c.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(cl, "--context takes NAME=VALUE, not `" + c + "`");
            }
            if (values.putIfAbsent(c.substring(0, eq), c.substring(eq + 1)) != null) {
                throw new ParameterException(cl, "--context names `" + c.substring(0, eq) + "` twice");
            }
        }
        if (positional) {
            if (resource == null) {
                throw new ParameterException(cl, "missing RESOURCE after ACTION `" + action + "`");
            }
            return new AccessRequest.OnResource(principal, action, resource, values);
        }
        if (method == null) {
            throw new ParameterException(cl, "--path needs --method");
        }
        if (path == null) {
            throw new ParameterException(cl, "--method needs --path");
        }
        return new AccessRequest.Http(principal, method, path, values);
    }
}
