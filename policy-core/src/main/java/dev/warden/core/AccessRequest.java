package dev.warden.core;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One access request: who asks ({@link #principal()}, required), and what, in one of three forms:
 *
 * <ul>
 *   <li>{@link OnResource}: an action on a resource path, as a service asks ({@code view} on {@code
 *       /workspaces/w1/channels}); a {@code ?} or {@code #} in the resource makes it malformed;
 *   <li>{@link Http}: an HTTP method on a request target, as a gateway sees it ({@code GET} on {@code
 *       /workspaces/w1/channels?limit=5}): the method maps to an action ({@link
 *       Actions#forHttpMethod}) and the query is dropped;
 *   <li>{@link OnPath}: an action on a path that the caller has canonicalised already ({@link
 *       ResourcePath}), so that a gateway which looked at the path first does not do it twice.
 * </ul>
 *
 * <p>A request may carry a <em>context</em>: named string values that statements' conditions read
 * ({@code context.ip}, {@code context.time}...), empty by default. Names are case-sensitive.
 *
 * <p>{@link Authorizer#decide} decides every form in the same way: a malformed path is {@code
 * malformed_request}, an action that is not known is {@code unknown_action}, and the rest is the
 * policies' answer.
 */
public sealed interface AccessRequest permits AccessRequest.OnResource, AccessRequest.Http, AccessRequest.OnPath {
    /**
     * Who asks.
     *
     * @return the principal
     */
    Principal principal();

    /**
     * The action or the HTTP method, as written.
     *
     * @return the action or method, in the case given
     */
    String verb();

    /**
     * The resource or the HTTP target, as written; for {@link OnPath}, the canonical path.
     *
     * @return the resource, target or canonical path
     */
    String target();

    /**
     * The path, canonicalised as this form prescribes; it may be malformed.
     *
     * @return the canonical path, or why it is malformed
     */
    ResourcePath resourcePath();

    /**
     * The action asked for, lower case; empty for an HTTP method that maps to no action.
     *
     * @return the lower-case action name, or empty
     */
    Optional<String> requestedAction();

    /**
     * The request's context: the values conditions read as {@code context.NAME}; empty for none.
     *
     * @return the context's names and values, unmodifiable
     */
    Map<String, String> context();

    /**
     * A context within {@link Limits}: copied, or refused.
     *
     * @throws IllegalArgumentException beyond {@link Limits#MAX_CONTEXT_ENTRIES} values or the name and value lengths
     */
    private static Map<String, String> checked(Map<String, String> context) {
        Map<String, String> copy = Map.copyOf(context);
        String problem = Limits.contextProblem(copy);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return copy;
    }

    /**
     * The same request with another context (the one decide path's cache key keeps only what conditions read).
     *
     * @param context the new context, within {@link Limits}
     * @return a request of the same form, principal, verb and target with {@code context}
     * @throws IllegalArgumentException when the context is beyond {@link Limits}
     */
    AccessRequest withContext(Map<String, String> context);

    /**
     * {@code action} (any case) on {@code resource}, a path in the resource form.
     *
     * @param principal who asks
     * @param action the action's name, any case ({@code view}, {@code APPROVE})
     * @param resource a path in the resource form: a {@code ?} or {@code #} makes it malformed
     * @param context the values conditions read as {@code context.NAME}; empty for none
     */
    record OnResource(Principal principal, String action, String resource, Map<String, String> context)
            implements AccessRequest {
        /**
         * Requires each part and copies the context.
         *
         * @param principal who asks
         * @param action the action's name, any case
         * @param resource a path in the resource form
         * @param context the request's context
         * @throws IllegalArgumentException when the context is beyond {@link Limits}
         */
        public OnResource {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resource, "resource");
            context = checked(context);
        }

        /**
         * Without a context.
         *
         * @param principal who asks
         * @param action the action's name, any case
         * @param resource a path in the resource form
         */
        public OnResource(Principal principal, String action, String resource) {
            this(principal, action, resource, Map.of());
        }

        @Override
        public OnResource withContext(Map<String, String> context) {
            return new OnResource(principal, action, resource, context);
        }

        @Override
        public String verb() {
            return action;
        }

        @Override
        public String target() {
            return resource;
        }

        @Override
        public ResourcePath resourcePath() {
            return ResourcePath.ofResource(resource);
        }

        @Override
        public Optional<String> requestedAction() {
            return Optional.of(action.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * HTTP {@code method} (case-sensitive: {@code GET}, {@code HEAD}, {@code OPTIONS} to view, {@code
     * POST} to create, {@code PUT}, {@code PATCH} to update, {@code DELETE} to delete) on {@code
     * target}, a request target in the HTTP form: its query is dropped, a {@code #} makes it malformed.
     *
     * @param principal who asks
     * @param method the HTTP method, case-sensitive
     * @param target the request target as it travels on the wire, query included
     * @param context the values conditions read as {@code context.NAME}; empty for none
     */
    record Http(Principal principal, String method, String target, Map<String, String> context)
            implements AccessRequest {
        /**
         * Requires each part and copies the context.
         *
         * @param principal who asks
         * @param method the HTTP method, case-sensitive
         * @param target the request target
         * @param context the request's context
         * @throws IllegalArgumentException when the context is beyond {@link Limits}
         */
        public Http {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(target, "target");
            context = checked(context);
        }

        /**
         * Without a context.
         *
         * @param principal who asks
         * @param method the HTTP method, case-sensitive
         * @param target the request target
         */
        public Http(Principal principal, String method, String target) {
            this(principal, method, target, Map.of());
        }

        @Override
        public Http withContext(Map<String, String> context) {
            return new Http(principal, method, target, context);
        }

        @Override
        public String verb() {
            return method;
        }

        @Override
        public ResourcePath resourcePath() {
            return ResourcePath.ofHttpPath(target);
        }

        @Override
        public Optional<String> requestedAction() {
            return Actions.forHttpMethod(method);
        }
    }

    /**
     * {@code action} (any case) on {@code path}, canonicalised already (it may be malformed).
     *
     * @param principal who asks
     * @param action the action's name, any case
     * @param path the canonical path, or why it is malformed
     * @param context the values conditions read as {@code context.NAME}; empty for none
     */
    record OnPath(Principal principal, String action, ResourcePath path, Map<String, String> context)
            implements AccessRequest {
        /**
         * Requires each part and copies the context.
         *
         * @param principal who asks
         * @param action the action's name, any case
         * @param path the canonical path
         * @param context the request's context
         * @throws IllegalArgumentException when the context is beyond {@link Limits}
         */
        public OnPath {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(path, "path");
            context = checked(context);
        }

        /**
         * Without a context.
         *
         * @param principal who asks
         * @param action the action's name, any case
         * @param path the canonical path
         */
        public OnPath(Principal principal, String action, ResourcePath path) {
            this(principal, action, path, Map.of());
        }

        @Override
        public OnPath withContext(Map<String, String> context) {
            return new OnPath(principal, action, path, context);
        }

        @Override
        public String verb() {
            return action;
        }

        @Override
        public String target() {
            return path.canonical();
        }

        @Override
        public ResourcePath resourcePath() {
            return path;
        }

        @Override
        public Optional<String> requestedAction() {
            return Optional.of(action.toLowerCase(Locale.ROOT));
        }
    }
}
