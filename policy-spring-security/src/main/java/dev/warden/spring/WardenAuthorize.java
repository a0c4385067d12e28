package dev.warden.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a call run only when Warden allows {@link #action} on {@link #resource} for the caller
 * (method security; enable it with {@link EnableWardenMethodSecurity}):
 *
 * <pre>{@code
 * @WardenAuthorize(action = "update", resource = "/workspaces/{#ws}/channels/{#id}")
 * public Channel rename(String ws, String id, String name) { ... }
 * }</pre>
 *
 * <p>Each {@code {...}} in the resource is a Spring Expression Language expression over the
 * method's arguments ({@code #ws}, {@code #channel.id}; parameters are named as the compiler kept
 * them with {@code -parameters}, or by {@code @P}). Its value, as text, is percent-encoded as one
 * path segment: a value cannot add segments ({@code a/b} is {@code a%2Fb}, which Warden reads as
 * malformed, a deny), and a null or empty value is a deny too. The principal is the caller's
 * {@code Authentication} through the {@link PrincipalResolver}; an unauthenticated caller is
 * denied. A denial throws Spring Security's {@code AuthorizationDeniedException} with a {@link
 * WardenAuthorizationDecision}.
 *
 * <p>On a class, it applies to every method without one of its own.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface WardenAuthorize {
    /**
     * The action, as the policies name it ({@code view}, {@code update}).
     *
     * @return the action to decide
     */
    String action();

    /**
     * The resource path, with {@code {expression}} placeholders for argument values.
     *
     * @return the resource path template
     */
    String resource();
}
