package dev.warden.cli;

import dev.warden.core.Actions;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Principal;
import dev.warden.core.ResourcePath;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One access request, in one of the two forms of the batch format (docs/cli.md): an action on a resource, or
 * an HTTP method on a path.
 */
sealed interface Request permits Request.OnResource, Request.Http {
    Principal principal();

    /** Decides the request with the authorizer (its cache included). */
    Decision decide(Authorizer authorizer);

    /** The action the request asks for, lower case; empty for an HTTP method that maps to none. */
    Optional<String> requestedAction();

    /** The path, canonicalised as the authorizer does it for this form. */
    ResourcePath resourcePath();

    /** The action or the HTTP method, as written. */
    String verb();

    /** The resource or the HTTP path, as written. */
    String target();

    /** {@code action} on {@code resource}: a {@code ?} or {@code #} in the resource makes it malformed. */
    record OnResource(Principal principal, String action, String resource) implements Request {
        public OnResource {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resource, "resource");
        }

        @Override
        public Decision decide(Authorizer authorizer) {
            return authorizer.authorize(principal, action, resource);
        }

        @Override
        public Optional<String> requestedAction() {
            return Optional.of(action.toLowerCase(Locale.ROOT));
        }

        @Override
        public ResourcePath resourcePath() {
            return ResourcePath.ofResource(resource);
        }

        @Override
        public String verb() {
            return action;
        }

        @Override
        public String target() {
            return resource;
        }
    }

    /** HTTP {@code method} on {@code path}: the method maps to an action, the query is dropped. */
    record Http(Principal principal, String method, String path) implements Request {
        public Http {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Decision decide(Authorizer authorizer) {
            return authorizer.authorizeHttp(principal, method, path);
        }

        @Override
        public Optional<String> requestedAction() {
            return Actions.forHttpMethod(method);
        }

        @Override
        public ResourcePath resourcePath() {
            return ResourcePath.ofHttpPath(path);
        }

        @Override
        public String verb() {
            return method;
        }

        @Override
        public String target() {
            return path;
        }
    }
}
